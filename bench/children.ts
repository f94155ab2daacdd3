import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { ProxyCommand, ProxyReply, RecordedRequest } from './proxy-protocol.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Where `buildPeer` compiles bench/peer-server.ts (git-ignored). */
const PEER_SCRIPT = '.bench-tmp/peer/peer-server.js';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;

/** The sandbox's base path; Jump's real one is the same. */
export const JUMP_BASE_PATH = '/functions/v1/api-v1';

export interface ProxyHandle {
  /** Origin of the proxy; append JUMP_BASE_PATH for Jump's base URL. */
  url: string;
  setDelay(ms: number): Promise<void>;
  /** Runs `work` and returns the requests that reached the proxy meanwhile. */
  record(work: () => Promise<unknown>): Promise<RecordedRequest[]>;
}

/** A server the bench measures: where it answers, its process, and the command that started it. */
export interface ServerHandle {
  url: string;
  pid: number;
  command: string;
}

/**
 * Every process the bench starts, so that one call stops them all whatever state the run is in.
 * The two GraphQL servers run compiled (see `buildFacade` and `buildPeer`); the sandbox and the
 * delay proxy, the upstream every target shares, run from TypeScript through tsx.
 */
export class ChildProcesses {
  readonly #running = new Map<string, ChildProcess>();
  readonly #lost: string[] = [];

  /** The standalone sandbox without its hourly quota; resolves to its base URL. */
  async startSandbox(): Promise<string> {
    const child = this.#spawn('sandbox', ['--import', 'tsx', 'src/sandbox/main.ts'], {
      SANDBOX_PORT: '0',
      SANDBOX_HOST: '127.0.0.1',
      SANDBOX_RATE_LIMIT: 'off',
    });

    return waitFor<string>(child, 'sandbox', (resolve) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        const url = /listening at (http:\/\/\S+)/.exec(chunk.toString())?.[1];
        if (url) resolve(url);
      });
    });
  }

  /** The delay proxy in front of `sandboxUrl`. */
  async startProxy(sandboxUrl: string): Promise<ProxyHandle> {
    const child = this.#spawn('proxy', ['--import', 'tsx', 'bench/delay-proxy.ts'], {
      PROXY_TARGET: new URL(sandboxUrl).origin,
    });
    let pending: { type: ProxyReply['type']; resolve: (reply: ProxyReply) => void } | null = null;
    child.on('message', (reply: ProxyReply) => {
      if (pending?.type !== reply.type) return;

      const { resolve } = pending;
      pending = null;
      resolve(reply);
    });
    const ask = (type: ProxyReply['type'], command?: ProxyCommand) =>
      waitFor<ProxyReply>(child, 'proxy', (resolve) => {
        pending = { type, resolve };
        if (command) child.send(command);
      });
    const ready = await ask('ready');

    return {
      url: ready.type === 'ready' ? ready.url : '',
      setDelay: async (ms) => {
        await ask('delay-set', { type: 'set-delay', ms });
      },
      record: async (work) => {
        await ask('recording-started', { type: 'start-recording' });
        await work();
        const reply = await ask('recording', { type: 'take-recording' });

        return reply.type === 'recording' ? reply.requests : [];
      },
    };
  }

  /**
   * The facade as `npm start` runs it (node with the start script's flags, from dist/; see
   * `buildFacade`), quiet, against `jumpApiUrl`.
   */
  async startFacade(jumpApiUrl: string): Promise<ServerHandle> {
    const port = await freePort();
    const args = startScriptArgs();
    const child = this.#spawn('facade', args, {
      PORT: String(port),
      HOST: '127.0.0.1',
      JUMP_API_URL: jumpApiUrl,
      LOG_LEVEL: 'warn',
      SHUTDOWN_TIMEOUT_MS: '2000',
    });
    const origin = `http://127.0.0.1:${port}`;
    await waitFor<void>(child, 'facade', (resolve) => void pollHealth(`${origin}/health`, resolve));

    return { url: `${origin}/graphql`, pid: child.pid ?? 0, command: `node ${args.join(' ')}` };
  }

  /** The Mesh OpenAPI peer, compiled by `buildPeer`, against `jumpApiUrl`. */
  async startPeer(jumpApiUrl: string): Promise<ServerHandle> {
    const child = this.#spawn('peer', [PEER_SCRIPT], {
      PEER_UPSTREAM: jumpApiUrl,
      PEER_SCHEMA: `${ROOT}schema/jump-openapi.yaml`,
    });
    const url = await waitFor<string>(child, 'peer', (resolve) => {
      child.on('message', (reply: { type: string; url: string }) => {
        if (reply.type === 'ready') resolve(reply.url);
      });
    });

    return { url, pid: child.pid ?? 0, command: `node ${PEER_SCRIPT}` };
  }

  /** Throws when a child has exited since it started, which makes every later figure void. */
  assertRunning(): void {
    if (this.#lost.length > 0) throw new Error(`${this.#lost.join(', ')} exited during the run`);
  }

  /** SIGTERM to every child still running, newest first, then SIGKILL to any that lingers. */
  async stopAll(): Promise<void> {
    const children = [...this.#running.values()].reverse();
    this.#running.clear();
    for (const child of children) {
      if (child.exitCode !== null || child.signalCode !== null) continue;

      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
  }

  #spawn(name: string, args: string[], env: Record<string, string>): ChildProcess {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.#running.set(name, child);
    child.once('exit', (code, signal) => {
      if (this.#running.get(name) === child) this.#lost.push(`${name} (${signal ?? code})`);
    });
    child.stdout?.on('data', (chunk: Buffer) => relay(name, chunk));
    child.stderr?.on('data', (chunk: Buffer) => relay(name, chunk));

    return child;
  }
}

/** Compiles the facade to dist/ with `npm run build`, as `npm start` does before it runs it. */
export async function buildFacade(): Promise<void> {
  await run('npm run build', process.platform === 'win32' ? 'npm.cmd' : 'npm', [
    'run',
    '--silent',
    'build',
  ]);
}

/**
 * Compiles the peer's entry file with tsc, so that it runs as plain JavaScript like the facade
 * (everything else it runs is already compiled, in node_modules).
 */
export async function buildPeer(): Promise<void> {
  await run('tsc for the peer', process.execPath, [
    'node_modules/typescript/bin/tsc',
    '-p',
    'bench/tsconfig.peer.json',
  ]);
}

/**
 * The node arguments of `npm start`, which must read `node [flags] dist/main.js`: the facade is
 * measured exactly as it runs in production, V8 flags included.
 */
export function startScriptArgs(): string[] {
  const manifest = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as {
    scripts?: { start?: string };
  };
  const start = manifest.scripts?.start ?? '';
  const words = start.trim().split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== 'dist/main.js') {
    throw new Error(`npm start is "${start}"; the bench expects "node [flags] dist/main.js"`);
  }

  return words.slice(1);
}

/** Runs a build step from the repository root; rejects with its output when it fails. */
async function run(name: string, command: string, args: string[]): Promise<void> {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) {
    throw new Error(`${name} failed (code ${code}):\n${output.trimEnd()}`);
  }
}

/** Children's own output goes to stderr, labelled, so that stdout holds only the report. */
function relay(name: string, chunk: Buffer): void {
  const lines = chunk.toString().trimEnd().split('\n');
  process.stderr.write(lines.map((line) => `  [${name}] ${line}\n`).join(''));
}

/**
 * Resolves with what `listen` hands to its callback; rejects when the child exits first or the
 * start-up budget runs out.
 */
function waitFor<T>(
  child: ChildProcess,
  name: string,
  listen: (resolve: (value: T) => void) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onExit = (code: number | null) =>
      fail(`${name} exited (code ${code}) before it was ready`);
    const timer = setTimeout(
      () => fail(`${name} was not ready within ${START_TIMEOUT_MS} ms`),
      START_TIMEOUT_MS,
    );
    const fail = (message: string) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      reject(new Error(message));
    };
    child.once('exit', onExit);
    listen((value) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(value);
    });
  });
}

async function pollHealth(url: string, ready: () => void): Promise<void> {
  for (let attempt = 0; attempt < START_TIMEOUT_MS / 100; attempt += 1) {
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) {
      ready();

      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A port nothing listens on right now; the facade only takes a fixed one to bind. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');

  return port;
}
