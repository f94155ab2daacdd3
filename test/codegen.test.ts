import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../codegen.ts';

describe('codegen', () => {
  it('has generated files matching the operations and schema (run `npm run codegen` when this fails)', async () => {
    const outputs = await generate({ ...config, silent: true }, false);

    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      expect(readFileSync(output.filename, 'utf8'), output.filename).toBe(output.content);
    }
  }, 60_000);
});
