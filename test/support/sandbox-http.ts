import { afterAll, beforeAll } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/sandbox.js';
import { KEYS } from './keys.js';

/** The built-in sandbox keys by what they can do. */
export { KEYS };

export interface ErrorBody {
  error: string;
  details: string;
  request_id: string;
  fields?: { field: string; message: string }[];
}

export interface ItemBody<T> {
  data: T;
}

export interface ListBody<T> {
  data: T[];
  pagination: { total: number; limit: number; offset: number; has_more: boolean };
}

export interface SandboxResponse<T> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  method?: string;
  /** Sent as `Authorization: Bearer <key>`; null sends no header. @default KEYS.full */
  key?: string | null;
  /** Serialised as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** Sent exactly as given, with no Content-Type unless `headers` names one. */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** One real HTTP request to the sandbox; `path` goes after the base URL, unencoded as given. */
export async function request<T = unknown>(
  sandbox: Sandbox,
  path: string,
  options: RequestOptions = {},
): Promise<SandboxResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? KEYS.full : options.key;
  if (key !== null) headers.Authorization = `Bearer ${key}`;
  let body: string | undefined = options.rawBody;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(`${sandbox.url}${path}`, {
    method: options.method ?? 'GET',
    headers,
    body,
  });
  const text = await response.text();

  return { status: response.status, headers: response.headers, body: JSON.parse(text) as T, text };
}

/**
 * A sandbox for the enclosing file or `describe`, started before its tests and closed after.
 * Read `.sandbox` inside tests, not at collection time.
 */
export function useSandbox(options: SandboxOptions = {}) {
  const holder = {} as { sandbox: Sandbox };
  beforeAll(async () => {
    holder.sandbox = await startSandbox(options);
  });
  afterAll(async () => {
    await holder.sandbox.close();
  });

  return {
    get sandbox(): Sandbox {
      return holder.sandbox;
    },
    request<T = unknown>(path: string, requestOptions?: RequestOptions) {
      return request<T>(holder.sandbox, path, requestOptions);
    },
  };
}
