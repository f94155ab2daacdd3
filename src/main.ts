import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { readSandboxEnv } from './sandbox/sandbox-env.js';
import { startSandbox } from './sandbox/sandbox.js';
import type { Sandbox, SandboxOptions } from './sandbox/sandbox.js';
import { createFacade } from './server/create-server.js';
import { startTracing } from './server/start-tracing.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const sandboxOptions = config.jumpApiUrl === null ? embeddedSandboxOptions() : null;
  const logger = createLogger(config.logLevel);
  const tracing = config.tracing
    ? startTracing(process.env.OTEL_SERVICE_NAME ?? 'jump-graphql-facade')
    : null;
  if (config.jumpApiUrl !== null && process.env.SANDBOX_FAULTS?.trim()) {
    logger.warn('SANDBOX_FAULTS is ignored: JUMP_API_URL is set, so no embedded sandbox runs');
  }
  let sandbox: Sandbox | null = null;
  if (sandboxOptions) {
    sandbox = await startSandbox(sandboxOptions);
    logger.info({ sandboxUrl: sandbox.url }, 'JUMP_API_URL is unset: serving the embedded sandbox');
    if (sandboxOptions.faults) {
      logger.warn(
        { faultRules: sandboxOptions.faults.length },
        'SANDBOX_FAULTS is set: the embedded sandbox is injecting upstream faults',
      );
    }
  }

  const facade = createFacade({
    config,
    logger,
    jumpApiUrl: config.jumpApiUrl ?? (sandbox as Sandbox).url,
    sandboxMode: sandbox !== null,
  });
  const url = await facade.listen(config.port, config.host);
  logger.info({ url, upstream: sandbox ? 'embedded sandbox' : config.jumpApiUrl }, 'GraphQL ready');

  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    // A safety net only: closing cuts off what is left once SHUTDOWN_TIMEOUT_MS has passed.
    setTimeout(() => process.exit(1), config.shutdownTimeoutMs + 5_000).unref();
    void facade
      .close()
      .then(() => sandbox?.close())
      .then(() => tracing?.shutdown())
      .then(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

/**
 * The embedded sandbox reads the standalone one's variables, but picks a free port by default, and
 * honours `SANDBOX_FAULTS`.
 */
function embeddedSandboxOptions(): SandboxOptions {
  const result = readSandboxEnv(process.env, 'embedded');
  if ('problems' in result) {
    throw new ConfigError(result.problems);
  }

  return result.options;
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Failed to start: ${error instanceof Error ? error.message : error}\n`);
  }
  process.exit(1);
});
