import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface Started {
  child: ChildProcess;
  output: string[];
  /** The first match of `ready` in the process output. */
  match: RegExpExecArray;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs one of the project's entry points as a real process (through tsx, as `npm run` does) and
 * waits until its output matches `ready`.
 */
export async function startProcess(
  entry: string,
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs = 20_000,
): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${entry} not ready:\n${output.join('')}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString('utf8'));
      const found = ready.exec(output.join(''));
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code}:\n${output.join('')}`));
    });
  });

  return {
    child,
    output,
    match,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null) {
        return child.exitCode;
      }
      child.kill(signal);
      const [code] = (await once(child, 'exit')) as [number | null];

      return code;
    },
  };
}

/** Runs an entry point to completion and returns its exit code and output. */
export async function runProcess(entry: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const [code] = (await once(child, 'exit')) as [number | null];

  return { code, stdout, stderr };
}
