import type { GraphiQLOptions } from 'graphql-yoga';

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

export function graphiqlOptions(sandboxMode: boolean): GraphiQLOptions {
  return {
    title: 'Jump EHR GraphQL facade',
    defaultQuery: DEFAULT_QUERY,
    headers: sandboxMode
      ? JSON.stringify({ Authorization: `Bearer ${SANDBOX_GRAPHIQL_KEY}` }, null, 2)
      : JSON.stringify({ Authorization: 'Bearer <your Jump API key>' }, null, 2),
  };
}
