import pino from 'pino';
import type { Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

/**
 * Paths that must never reach a log line. The facade logs no request bodies or upstream answers in
 * the first place; this is the second line of defence.
 */
const REDACT = [
  'authorization',
  'apiKey',
  'headers.authorization',
  'req.headers.authorization',
  'request.headers.authorization',
];

/** Structured JSON logs on stdout; `destination` lets tests capture every line. */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'jump-graphql-facade' },
      redact: { paths: REDACT, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
