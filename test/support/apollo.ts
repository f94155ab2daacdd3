import { createHash } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client/core/index.js';
import type { ApolloLink, NormalizedCacheObject, TypePolicies } from '@apollo/client/core/index.js';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries/index.js';

/** One request as the facade received it from Apollo's HttpLink. */
export interface SentRequest {
  query?: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  extensions?: { persistedQuery?: { version: number; sha256Hash: string } };
}

export interface ApolloFixture {
  client: ApolloClient<NormalizedCacheObject>;
  cache: InMemoryCache;
  /** Every body sent over the wire, in order, so a test can assert what reached the server. */
  requests: SentRequest[];
}

/**
 * A real Apollo Client over Node's own fetch, as a browser app would build it, with every request
 * body recorded. `persistedQueries` puts Apollo's APQ link in front of the HTTP link.
 */
export function createApolloFixture(
  url: string,
  key: string,
  options: { typePolicies?: TypePolicies; persistedQueries?: boolean } = {},
): ApolloFixture {
  const requests: SentRequest[] = [];
  const recordingFetch: typeof fetch = (input, init) => {
    requests.push(JSON.parse(String(init?.body)) as SentRequest);

    return fetch(input, init);
  };
  const http = new HttpLink({
    uri: url,
    fetch: recordingFetch,
    headers: { Authorization: `Bearer ${key}` },
  });
  const link: ApolloLink = options.persistedQueries
    ? createPersistedQueryLink({ sha256: sha256Hex }).concat(http)
    : http;
  const cache = new InMemoryCache({ typePolicies: options.typePolicies ?? {} });

  return { client: new ApolloClient({ link, cache }), cache, requests };
}

function sha256Hex(document: string): string {
  return createHash('sha256').update(document).digest('hex');
}
