// The peer baseline (a child process of `npm run bench`): GraphQL Mesh's OpenAPI engine builds a
// schema from schema/jump-openapi.yaml, and graphql-yoga serves it with the engine's defaults.
// Each caller's Authorization header is passed through to Jump (PEER_UPSTREAM, the delay proxy).
// The bench runs it compiled (bench/tsconfig.peer.json) and passes the description's path in
// PEER_SCHEMA; from source, the path next to this file is used.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { loadGraphQLSchemaFromOpenAPI } from '@omnigraph/openapi';
import { createYoga } from 'graphql-yoga';

interface PeerContext {
  /** What `operationHeaders` interpolates from: `{context.headers.authorization}`. */
  headers: { authorization: string };
}

const upstream = process.env.PEER_UPSTREAM;
if (!upstream) {
  process.stderr.write('peer-server: PEER_UPSTREAM (the Jump base URL) is required\n');
  process.exit(1);
}

const schema = await loadGraphQLSchemaFromOpenAPI('Jump', {
  source:
    process.env.PEER_SCHEMA ??
    fileURLToPath(new URL('../schema/jump-openapi.yaml', import.meta.url)),
  endpoint: upstream,
  operationHeaders: { Authorization: '{context.headers.authorization}' },
});
const yoga = createYoga<Record<string, unknown>, PeerContext>({
  schema,
  graphiql: false,
  landingPage: false,
  logging: 'warn',
  context: ({ request }) => ({
    headers: { authorization: request.headers.get('authorization') ?? '' },
  }),
});
const server = createServer(yoga);

process.on('disconnect', () => process.exit(0));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
process.once('SIGINT', () => server.close(() => process.exit(0)));
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}/graphql` });
});
