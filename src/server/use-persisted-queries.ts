import { createHash } from 'node:crypto';
import { createGraphQLError } from 'graphql-yoga';
import type { Plugin } from 'graphql-yoga';
import { readBearerKey } from '../auth/api-key.js';
import { SharedReadCache } from '../upstream/shared-read-cache.js';

interface PersistedQueryExtension {
  version: 1;
  sha256Hash: string;
}

/**
 * Apollo's automatic persisted queries: a client sends a document's SHA-256 hash alone, and the
 * document once when the server does not know it. Documents are remembered per API key (by a hash
 * of the key), so no caller can learn from a hit or a miss what another caller has asked.
 */
export function useAutomaticPersistedQueries(options: { max: number; ttlMs: number }): Plugin {
  const store = new SharedReadCache<string>({ maxEntries: options.max, ttlMs: options.ttlMs });

  return {
    onParams({ params, setParams, request }) {
      const extension = readExtension(params.extensions?.persistedQuery);
      if (extension === null) {
        return;
      }

      const key = readBearerKey(request.headers.get('authorization')).key ?? '';
      const entry = `${SharedReadCache.keyIdentity(key)}:${extension.sha256Hash}`;
      if (typeof params.query !== 'string') {
        const query = store.get(entry);
        if (query === undefined) {
          throw createGraphQLError('PersistedQueryNotFound', {
            extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 404 } },
          });
        }
        setParams({ ...params, query });

        return;
      }
      if (createHash('sha256').update(params.query).digest('hex') !== extension.sha256Hash) {
        throw createGraphQLError('PersistedQueryMismatch', {
          extensions: { code: 'PERSISTED_QUERY_MISMATCH', http: { status: 400 } },
        });
      }
      store.set(entry, params.query);
    },
  };
}

function readExtension(value: unknown): PersistedQueryExtension | null {
  const candidate = value as Partial<PersistedQueryExtension> | null | undefined;

  return candidate?.version === 1 && typeof candidate.sha256Hash === 'string'
    ? (candidate as PersistedQueryExtension)
    : null;
}
