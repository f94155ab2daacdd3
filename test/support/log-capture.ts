import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger.js';
import type { Logger } from '../../src/logger.js';

/** A real pino logger whose every line is kept, so tests can read what would have been logged. */
export function captureLogs(): { logger: Logger; lines: string[]; entries: () => LogEntry[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  const logger = createLogger('debug', stream);

  return { logger, lines, entries: () => lines.map((line) => JSON.parse(line) as LogEntry) };
}

export type LogEntry = Record<string, unknown> & { msg?: string; level: number };
