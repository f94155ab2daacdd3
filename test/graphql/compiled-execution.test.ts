import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClinicalRecordDocument } from '../../examples/generated/graphql.js';
import { KEYS, startStack } from '../support/stack.js';
import type { Stack } from '../support/stack.js';

// Operations run through graphql-js the first few times and compiled by graphql-jit after that;
// a client must never see a difference, in data or in errors.
let stack: Stack;
let patientId: string;

beforeAll(async () => {
  stack = await startStack();
  patientId = stack.sandbox.store.patients[3]?.id ?? '';
});
afterAll(() => stack.close());

/** The answer without what legitimately differs between two calls: ids of requests, signed links. */
function comparable(body: unknown): unknown {
  const text = JSON.stringify(body, (name, value: unknown) => {
    if (name === 'request_id' || name === 'downloadUrl' || name === 'jumpRateLimit') {
      return typeof value;
    }

    return value;
  });

  return JSON.parse(text);
}

const CASES: Array<[string, string, Record<string, unknown>, string]> = [
  ['a whole clinical record', print(ClinicalRecordDocument), { id: '' }, KEYS.readonly],
  [
    'a forbidden field beside an allowed one',
    '{ patients(first: 2) { totalCount } clinicians(first: 3) { nodes { id name } } }',
    {},
    KEYS.marketplace,
  ],
  [
    'a record that does not exist and a bad argument',
    'query Missing($id: ID!) { patient(id: $id) { id } problems(first: 1, patientId: "") { totalCount } }',
    { id: 'pat_does_not_exist' },
    KEYS.full,
  ],
];

describe('compiled execution', () => {
  it.each(CASES)(
    'answers %s the same before and after the operation is compiled',
    async (_, query, given, key) => {
      const variables = 'id' in given && given.id === '' ? { id: patientId } : given;
      const answers: unknown[] = [];
      for (let run = 0; run < 6; run += 1) {
        answers.push(comparable((await stack.query(query, { key, variables })).body));
      }

      expect(answers[0]).toHaveProperty('data');
      for (const later of answers.slice(1)) {
        expect(later).toEqual(answers[0]);
      }
    },
  );
});
