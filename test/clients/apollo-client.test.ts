import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApolloError, gql } from '@apollo/client/core/index.js';
import type {
  ApolloQueryResult,
  FieldPolicy,
  NormalizedCacheObject,
} from '@apollo/client/core/index.js';
import { createApolloFixture } from '../support/apollo.js';
import { KEYS, startStack } from '../support/stack.js';
import type { Stack } from '../support/stack.js';

const ONE_PATIENT = gql`
  query OnePatient($id: ID!) {
    patient(id: $id) {
      id
      firstName
      lastName
      phone
      consultations(first: 2) {
        nodes {
          id
          consultationDate
        }
      }
    }
  }
`;

const PATIENT_PAGE = gql`
  query PatientPage($first: Int, $after: String, $search: String) {
    patients(first: $first, after: $after, search: $search) {
      totalCount
      edges {
        cursor
        node {
          id
          firstName
          lastName
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const RENAME_PATIENT = gql`
  mutation RenamePatient($id: ID!, $firstName: String!) {
    updatePatient(id: $id, input: { firstName: $firstName }) {
      id
      firstName
    }
  }
`;

const CLINICIANS_AND_PATIENTS = gql`
  query CliniciansAndPatients {
    clinicians(first: 2) {
      nodes {
        id
        name
      }
    }
    patients(first: 2) {
      edges {
        node {
          id
        }
      }
    }
  }
`;

type Edge = { cursor: string; node: { id: string; firstName: string; lastName: string } };
type PatientPage = {
  patients: {
    totalCount: number | null;
    edges: Edge[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};
type OnePatient = { patient: { id: string; firstName: string; phone: string | null } };

/** Relay-style merging for `Query.patients`: pages append, and an edge seen before is kept once. */
const patientsPolicy: FieldPolicy<PatientPage['patients']> = {
  keyArgs: ['search'],
  merge(existing, incoming) {
    const seen = new Set((existing?.edges ?? []).map((edge) => edge.cursor));
    const fresh = incoming.edges.filter((edge) => !seen.has(edge.cursor));

    return { ...incoming, edges: [...(existing?.edges ?? []), ...fresh] };
  },
};

/** Paths of objects stored inside an entry although they carry an id: ones the cache failed to normalise. */
function inlineObjectsWithId(value: unknown, path: string, found: string[] = []): string[] {
  if (value === null || typeof value !== 'object' || '__ref' in value) {
    return found;
  }

  if ('id' in value && !Array.isArray(value)) {
    found.push(path);
  }
  for (const [field, child] of Object.entries(value)) {
    inlineObjectsWithId(child, `${path}.${field}`, found);
  }

  return found;
}

function entityKeys(cache: NormalizedCacheObject): string[] {
  return Object.keys(cache).filter((key) => !key.startsWith('ROOT_'));
}

let stack: Stack;
let patientId: string;

beforeAll(async () => {
  stack = await startStack();
  const page = await stack.query<PatientPage>('{ patients(first: 3) { edges { node { id } } } }');
  patientId = page.body.data!.patients.edges[1]!.node.id;
});
afterAll(() => stack.close());

describe('Apollo Client normalised caching', () => {
  it('keeps one Patient entry for a patient fetched alone and then in a list', async () => {
    const { client, cache, requests } = createApolloFixture(stack.url, KEYS.full);

    await client.query({ query: ONE_PATIENT, variables: { id: patientId } });
    const list = await client.query<PatientPage>({ query: PATIENT_PAGE, variables: { first: 3 } });
    const extracted = cache.extract();

    expect(requests).toHaveLength(2);
    expect(list.data.patients.edges.map((edge) => edge.node.id)).toContain(patientId);
    expect(entityKeys(extracted).filter((key) => key.endsWith(`:${patientId}`))).toEqual([
      `Patient:${patientId}`,
    ]);
    // The single query's phone and the list's fields meet in the same entry.
    expect(extracted[`Patient:${patientId}`]).toMatchObject({
      id: patientId,
      phone: expect.any(String),
      firstName: expect.any(String),
    });
  });

  it('gives every returned object a Type:id key and stores none with an id inline', async () => {
    const { client, cache } = createApolloFixture(stack.url, KEYS.full);

    await client.query({ query: ONE_PATIENT, variables: { id: patientId } });
    await client.query({ query: PATIENT_PAGE, variables: { first: 3 } });
    const extracted = cache.extract();
    const keys = entityKeys(extracted);

    expect(keys.filter((key) => key.startsWith('Patient:'))).toHaveLength(3);
    expect(keys.filter((key) => key.startsWith('Consultation:')).length).toBeGreaterThan(0);
    for (const key of keys) {
      const entry = extracted[key] as { __typename?: string; id?: string };
      expect(key).toBe(`${entry.__typename}:${entry.id}`);
    }
    const inline = Object.entries(extracted).flatMap(([key, entry]) =>
      Object.entries(entry ?? {}).flatMap(([field, value]) =>
        inlineObjectsWithId(value, `${key}.${field}`),
      ),
    );
    expect(inline).toEqual([]);
  });

  it('shows an updatePatient result in earlier cached queries without refetching', async () => {
    const { client, requests } = createApolloFixture(stack.url, KEYS.full);
    await client.query({ query: ONE_PATIENT, variables: { id: patientId } });
    await client.query({ query: PATIENT_PAGE, variables: { first: 3 } });

    const renamed = await client.mutate({
      mutation: RENAME_PATIENT,
      variables: { id: patientId, firstName: 'Apollonia' },
    });
    const single = client.readQuery<OnePatient>({
      query: ONE_PATIENT,
      variables: { id: patientId },
    });
    const list = client.readQuery<PatientPage>({ query: PATIENT_PAGE, variables: { first: 3 } });
    const again = await client.query<OnePatient>({
      query: ONE_PATIENT,
      variables: { id: patientId },
    });

    expect(renamed.errors).toBeUndefined();
    expect(single?.patient.firstName).toBe('Apollonia');
    expect(list?.patients.edges.find((edge) => edge.node.id === patientId)?.node.firstName).toBe(
      'Apollonia',
    );
    expect(again.data.patient.firstName).toBe('Apollonia');
    // patient, list, mutation: the reads after the mutation were answered by the cache.
    expect(requests.map((request) => request.operationName)).toEqual([
      'OnePatient',
      'PatientPage',
      'RenamePatient',
    ]);
  });
});

describe('Apollo Client cursor pagination', () => {
  it('merges three pages from two fetchMore calls without duplicates, in server order', async () => {
    const { client, cache, requests } = createApolloFixture(stack.url, KEYS.full, {
      typePolicies: { Query: { fields: { patients: patientsPolicy } } },
    });
    const expected = await stack.query<PatientPage>(
      '{ patients(first: 6) { edges { cursor node { id } } } }',
    );
    const watched = client.watchQuery<PatientPage>({
      query: PATIENT_PAGE,
      variables: { first: 2 },
    });

    // A subscribed watcher, as a list view holds one; its first settled result is page one.
    let subscription: { unsubscribe(): void } | undefined;
    const first = await new Promise<ApolloQueryResult<PatientPage>>((resolve, reject) => {
      subscription = watched.subscribe({
        next: (result) => !result.loading && resolve(result),
        error: reject,
      });
    });
    const second = await watched.fetchMore({
      variables: { after: first.data.patients.pageInfo.endCursor },
    });
    await watched.fetchMore({ variables: { after: second.data.patients.pageInfo.endCursor } });
    const merged = client.readQuery<PatientPage>({ query: PATIENT_PAGE, variables: { first: 2 } });
    const ids = merged!.patients.edges.map((edge) => edge.node.id);

    expect(requests.map((request) => request.variables?.after ?? null)).toEqual([
      null,
      first.data.patients.pageInfo.endCursor,
      second.data.patients.pageInfo.endCursor,
    ]);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    expect(new Set(merged!.patients.edges.map((edge) => edge.cursor)).size).toBe(6);
    expect(ids).toEqual(expected.body.data!.patients.edges.map((edge) => edge.node.id));
    expect(watched.getCurrentResult().data?.patients.edges).toHaveLength(6);
    expect(entityKeys(cache.extract()).filter((key) => key.startsWith('Patient:'))).toHaveLength(6);
    subscription?.unsubscribe();
  });
});

describe('Apollo Client errors', () => {
  it('rejects with an ApolloError carrying FORBIDDEN, request_id and requiredScope', async () => {
    const { client } = createApolloFixture(stack.url, KEYS.marketplace);

    const error = await client.query({ query: CLINICIANS_AND_PATIENTS }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApolloError);
    const extensions = (error as ApolloError).graphQLErrors[0]?.extensions;
    expect(extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'read_patients' });
    expect(extensions?.request_id).toMatch(/^req_/);
  });

  it("returns the fields the key may read alongside the errors with errorPolicy 'all'", async () => {
    const { client } = createApolloFixture(stack.url, KEYS.marketplace);

    const result = await client.query<{
      clinicians: { nodes: Array<{ id: string; name: string }> };
      patients: unknown;
    }>({ query: CLINICIANS_AND_PATIENTS, errorPolicy: 'all' });

    expect(result.data.clinicians.nodes).toHaveLength(2);
    expect(result.data.patients).toBeNull();
    expect(result.errors?.[0]).toMatchObject({
      path: ['patients'],
      extensions: { code: 'FORBIDDEN', requiredScope: 'read_patients' },
    });
  });
});

describe('Apollo Client automatic persisted queries', () => {
  it('sends the hash alone, resends the document once, then sends only the hash', async () => {
    const { client, requests } = createApolloFixture(stack.url, KEYS.full, {
      persistedQueries: true,
    });
    const variables = { id: patientId };

    const first = await client.query<OnePatient>({ query: ONE_PATIENT, variables });
    const second = await client.query<OnePatient>({
      query: ONE_PATIENT,
      variables,
      fetchPolicy: 'network-only',
    });

    expect(first.data.patient.id).toBe(patientId);
    expect(second.data.patient.id).toBe(patientId);
    expect(requests).toHaveLength(3);
    const [hashOnly, withDocument, hashAgain] = requests;
    const hash = createHash('sha256').update(withDocument!.query!).digest('hex');
    expect(hashOnly).not.toHaveProperty('query');
    expect(hashOnly?.extensions?.persistedQuery).toEqual({ version: 1, sha256Hash: hash });
    expect(withDocument?.extensions?.persistedQuery?.sha256Hash).toBe(hash);
    expect(hashAgain).not.toHaveProperty('query');
    expect(hashAgain?.extensions?.persistedQuery).toEqual({ version: 1, sha256Hash: hash });
  });
});
