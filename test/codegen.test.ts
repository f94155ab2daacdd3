import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { afterAll, describe, expect, it } from 'vitest';
import config from '../codegen.js';

const COMMITTED = 'examples/generated';
const scratch = mkdtempSync(join(tmpdir(), 'codegen-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('codegen', () => {
  it('has committed generated files identical to a fresh run (run `npm run codegen` when this fails)', async () => {
    const target = config.generates[`${COMMITTED}/`];
    await generate({ ...config, silent: true, generates: { [`${scratch}/`]: target! } }, true);
    const fresh = readdirSync(scratch).sort();

    expect(readdirSync(COMMITTED).sort()).toEqual(fresh);
    for (const file of fresh) {
      expect(readFileSync(join(COMMITTED, file), 'utf8'), file).toBe(
        readFileSync(join(scratch, file), 'utf8'),
      );
    }
  }, 60_000);
});
