import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { ProxyCommand, ProxyReply, RecordedRequest } from './proxy-protocol.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
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

/**
 * Every process the bench starts, each from TypeScript source through tsx, so that one call stops
 * them all whatever state the run is in.
 */
export class ChildProcesses {
  readonly #running = new Map<string, ChildProcess>();
  readonly #lost: string[] = [];

  /** The standalone sandbox without its hourly quota; resolves to its base URL. */
  async startSandbox(): Promise<string> {
    const child = this.#spawn('sandbox', 'src/sandbox/main.ts', {
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
    const child = this.#spawn('proxy', 'bench/delay-proxy.ts', {
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

  /** The facade from source, quiet, against `jumpApiUrl`; resolves to its GraphQL URL. */
  async startFacade(jumpApiUrl: string): Promise<{ url: string; pid: number }> {
    const port = await freePort();
    const child = this.#spawn('facade', 'src/main.ts', {
      PORT: String(port),
      HOST: '127.0.0.1',
      JUMP_API_URL: jumpApiUrl,
      LOG_LEVEL: 'warn',
      SHUTDOWN_TIMEOUT_MS: '2000',
    });
    const origin = `http://127.0.0.1:${port}`;
    await waitFor<void>(child, 'facade', (resolve) => void pollHealth(`${origin}/health`, resolve));

    return { url: `${origin}/graphql`, pid: child.pid ?? 0 };
  }

  /** The Mesh OpenAPI peer against `jumpApiUrl`; resolves to its GraphQL URL. */
  async startPeer(jumpApiUrl: string): Promise<{ url: string; pid: number }> {
    const child = this.#spawn('peer', 'bench/peer-server.ts', { PEER_UPSTREAM: jumpApiUrl });
    const url = await waitFor<string>(child, 'peer', (resolve) => {
      child.on('message', (reply: { type: string; url: string }) => {
        if (reply.type === 'ready') resolve(reply.url);
      });
    });

    return { url, pid: child.pid ?? 0 };
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

  #spawn(name: string, script: string, env: Record<string, string>): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
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
