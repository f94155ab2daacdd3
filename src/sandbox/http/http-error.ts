/** The reason phrases the sandbox answers with; the flat error body's `error` is one of these. */
export const REASON_PHRASES = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
} as const;

export type ErrorStatus = keyof typeof REASON_PHRASES;

/** A problem with one field of a request body; `message` is a whole sentence naming the field. */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface HttpErrorOptions {
  /** Per-field problems, sent as `fields` beside `details` (an extension to the OLDER body). */
  fields?: readonly FieldProblem[];
  headers?: Readonly<Record<string, string>>;
}

/** An expected failure, answered with the OLDER flat error body and never logged. */
export class HttpError extends Error {
  readonly status: ErrorStatus;
  readonly details: string;
  readonly fields: readonly FieldProblem[] | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: ErrorStatus, details: string, options: HttpErrorOptions = {}) {
    super(details);
    this.name = 'HttpError';
    this.status = status;
    this.details = details;
    this.fields = options.fields;
    this.headers = options.headers ?? {};
  }
}

const ECHO_LIMIT = 200;

/** A value a client sent, cut short enough to echo in a message. */
export function shorten(value: string): string {
  return value.length > ECHO_LIMIT ? `${value.slice(0, ECHO_LIMIT)}…` : value;
}

/** A value a client sent, JSON-quoted and cut short, so the message shows exactly what came. */
export function quote(value: string): string {
  return JSON.stringify(shorten(value));
}
