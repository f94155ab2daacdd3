import { ConfigError, loadConfig } from './config.js';
import type { Config } from './config.js';
import { createLogger } from './logger.js';
import { readSandboxEnv } from './sandbox/sandbox-env.js';
import type { Sandbox, SandboxOptions } from './sandbox/sandbox.js';
import { createFacade } from './server/create-server.js';

async function main(): Promise<void> {
  const { config, sandboxOptions } = readConfiguration();
  const logger = createLogger(config.logLevel);
  // Loaded only when used: the OpenTelemetry SDK and the sandbox would otherwise sit in the memory
  // of every production process (about 15 MB).
  const tracing = config.tracing
    ? (await import('./server/start-tracing.js')).startTracing(
        process.env.OTEL_SERVICE_NAME ?? 'jump-graphql-facade',
      )
    : null;
  if (config.jumpApiUrl !== null && process.env.SANDBOX_FAULTS?.trim()) {
    logger.warn('SANDBOX_FAULTS is ignored: JUMP_API_URL is set, so no embedded sandbox runs');
  }
  let sandbox: Sandbox | null = null;
  if (sandboxOptions) {
    const { startSandbox } = await import('./sandbox/sandbox.js');
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
 * The facade's configuration and, when JUMP_API_URL is unset, the embedded sandbox's, which reads
 * the standalone one's variables but picks a free port by default and honours `SANDBOX_FAULTS`.
 * Every problem in either is reported at once.
 */
function readConfiguration(): { config: Config; sandboxOptions: SandboxOptions | null } {
  const problems: string[] = [];
  let config: Config | null = null;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  const embedded = config === null || config.jumpApiUrl === null;
  const sandbox = embedded ? readSandboxEnv(process.env, 'embedded') : null;
  if (sandbox && 'problems' in sandbox) {
    problems.push(...sandbox.problems);
  }
  if (config === null || problems.length > 0) {
    throw new ConfigError(problems);
  }

  return { config, sandboxOptions: sandbox && 'options' in sandbox ? sandbox.options : null };
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Failed to start: ${error instanceof Error ? error.message : error}\n`);
  }
  process.exit(1);
});
