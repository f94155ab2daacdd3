// The standalone sandbox (`npm run sandbox`): configuration from the environment, one line on
// stdout once listening, and a clean exit on SIGINT or SIGTERM.

import { SANDBOX_KEYS } from './keys.js';
import { startSandbox, type Sandbox } from './sandbox.js';
import { readSandboxEnv } from './sandbox-env.js';

function fail(problems: readonly string[]): never {
  const lines = problems.map((problem) => `  ${problem}\n`).join('');
  process.stderr.write(`Cannot start the Jump sandbox:\n${lines}`);
  process.exit(1);
}

const env = readSandboxEnv(process.env);
if ('problems' in env) fail(env.problems);

let sandbox: Sandbox;
try {
  sandbox = await startSandbox(env.options);
} catch (error) {
  fail([error instanceof Error ? error.message : String(error)]);
}

// Handlers go in before the ready line: whoever reads it may signal at once, and a signal with no
// handler yet would kill the process instead of closing it.
const stop = () => {
  void sandbox.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

const keys = Object.keys(SANDBOX_KEYS).join(', ');
const data = `data anchored on ${sandbox.store.anchorDate}`;
process.stdout.write(`Jump sandbox listening at ${sandbox.url} (keys: ${keys}; ${data})\n`);
