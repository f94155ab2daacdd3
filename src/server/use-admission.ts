import type { ServerResponse } from 'node:http';
import { createGraphQLError } from 'graphql-yoga';
import type { Plugin } from 'graphql-yoga';

/**
 * Caps the GraphQL operations handled at once. A request is counted once its body has been read
 * and parsed, so a client that sends its body slowly holds a socket (until the server's request
 * timeout) but never a slot. Past the cap, a quick 503 costs almost nothing, while queueing would
 * hold memory for answers that arrive too late to matter.
 */
export function useAdmission(limit: number): Plugin {
  let inFlight = 0;

  return {
    onParams({ context }) {
      const res = (context as { res?: ServerResponse }).res;
      if (!res) {
        return;
      }
      if (inFlight >= limit) {
        throw createGraphQLError('The server is at capacity; retry after a second', {
          extensions: {
            code: 'OVERLOADED',
            http: { status: 503, headers: { 'retry-after': '1' } },
          },
        });
      }

      inFlight += 1;
      res.once('close', () => {
        inFlight -= 1;
      });
    },
  };
}
