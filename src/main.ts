import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startSandbox } from './sandbox/sandbox.js';
import type { Sandbox } from './sandbox/sandbox.js';
import { createFacade } from './server/create-server.js';

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  let sandbox: Sandbox | null = null;
  if (config.jumpApiUrl === null) {
    sandbox = await startSandbox({ port: config.sandboxPort });
    logger.info({ sandboxUrl: sandbox.url }, 'JUMP_API_URL is unset: serving the embedded sandbox');
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
    logger.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
    void facade
      .close()
      .then(() => sandbox?.close())
      .then(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Failed to start: ${error instanceof Error ? error.message : error}\n`);
  }
  process.exit(1);
});
