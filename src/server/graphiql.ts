import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';

/** The key GraphiQL starts with against the embedded sandbox; never set for a real Jump. */
export const SANDBOX_GRAPHIQL_KEY = 'pk_test_sandbox_full';

const DEFAULT_QUERY = `# Welcome to the Jump EHR GraphQL facade.
# Each field that reaches Jump names the scope it needs (hover it, or see the Docs pane).
query FirstPatients {
  patients(first: 3) {
    totalCount
    edges {
      cursor
      node {
        id
        firstName
        lastName
        nhsNumber
        consultations(first: 2) {
          nodes {
            consultationDate
            consultationTypeDisplay
          }
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
`;

interface GraphiQLPage {
  etag: string;
  identity: Buffer;
  gzip: Buffer;
}

export type GraphiQLHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Serves GraphiQL with its scripts inlined, so it works offline and behind firewalls. The page is
 * several megabytes, so it is rendered and compressed once, on first use, and revalidated by ETag.
 */
export function createGraphiQLHandler(endpoint: string, sandboxMode: boolean): GraphiQLHandler {
  let page: Promise<GraphiQLPage> | null = null;

  return (req, res) => {
    page ??= renderPage(endpoint, sandboxMode);
    void page.then((rendered) => sendPage(req, res, rendered));
  };
}

/** The GraphiQL bundle is megabytes of script: loaded only when someone opens the page. */
async function renderPage(endpoint: string, sandboxMode: boolean): Promise<GraphiQLPage> {
  const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
  const header = sandboxMode
    ? { Authorization: `Bearer ${SANDBOX_GRAPHIQL_KEY}` }
    : { Authorization: 'Bearer <your Jump API key>' };
  const html = renderGraphiQL({
    title: 'Jump EHR GraphQL facade',
    endpoint,
    defaultQuery: DEFAULT_QUERY,
    headers: JSON.stringify(header, null, 2),
  });
  const identity = Buffer.from(html, 'utf8');

  return {
    etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`,
    identity,
    gzip: gzipSync(identity),
  };
}

/** True for a browser asking for the GraphiQL page rather than a GraphQL result. */
export function wantsGraphiQL(req: IncomingMessage, path: string): boolean {
  return (
    (req.method === 'GET' || req.method === 'HEAD') &&
    path === '/graphql' &&
    (req.headers.accept ?? '').includes('text/html') &&
    !new URL(req.url ?? '/', 'http://localhost').searchParams.has('query')
  );
}

function sendPage(req: IncomingMessage, res: ServerResponse, page: GraphiQLPage): void {
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? page.gzip : page.identity;
  res.setHeader('etag', page.etag);
  res.setHeader('cache-control', 'no-cache');
  res.setHeader('vary', 'accept, accept-encoding');
  // The page runs operations with the key typed into it; no other site may frame it.
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('content-security-policy', "frame-ancestors 'none'");
  res.setHeader('x-content-type-options', 'nosniff');
  if (req.headers['if-none-match'] === page.etag) {
    res.writeHead(304).end();

    return;
  }

  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': body.length,
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
