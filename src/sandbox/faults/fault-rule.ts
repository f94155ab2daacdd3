/** Waits before handling the request as usual. */
export interface LatencyFault {
  fault: 'latency';
  /** Milliseconds to wait, 0 to 600000; a client that goes away meanwhile is never answered. */
  ms: number;
}

/** Answers an error status with a Jump error body, without handling the request. */
export interface StatusFault {
  fault: 'status';
  /** An error status from 400 to 599, e.g. 500, 502, 503, 504 or 429. */
  status: number;
  /**
   * `older`: `{error, details, request_id}`; `newer`: `{data: null, meta: {request_id}, error:
   * {code, message}}`, with code `RATE_LIMITED` for 429. @default 'older'
   */
  shape?: 'older' | 'newer';
  /** Seconds sent as `Retry-After`, 0 to 86400; null sends none. @default 1 for 429, else null */
  retryAfter?: number | null;
}

/** Answers normally, then closes the keep-alive socket without having said `Connection: close`. */
export interface CloseAfterResponseFault {
  fault: 'close-after-response';
  /** Milliseconds between the last byte of the response and the close, 0 to 60000. @default 0 */
  afterMs?: number;
}

/**
 * The faults that need no settings:
 * - `reset`: the socket is reset (TCP RST) before any response; clients see `ECONNRESET`.
 * - `truncated-json`: 200, JSON content type, the first half of a list envelope.
 * - `html`: 200 with an HTML maintenance page.
 * - `empty-body`: 200, JSON content type, no bytes.
 * - `non-envelope-json`: 200 with `{"status":"ok"}`, valid JSON but no `data`.
 * - `proxy-502`: 502 with a proxy's HTML page and none of Jump's headers.
 * - `stall-headers`: nothing is ever sent (a headers timeout).
 * - `stall-body`: 200 headers and the start of a body, never finished (a body timeout).
 */
export const PLAIN_FAULTS = [
  'reset',
  'truncated-json',
  'html',
  'empty-body',
  'non-envelope-json',
  'proxy-502',
  'stall-headers',
  'stall-body',
] as const;

export type PlainFault = { fault: (typeof PLAIN_FAULTS)[number] };

export type Fault = LatencyFault | StatusFault | CloseAfterResponseFault | PlainFault;

export type FaultKind = Fault['fault'];

export const FAULT_KINDS: readonly FaultKind[] = [
  'latency',
  'status',
  'close-after-response',
  ...PLAIN_FAULTS,
];

/** Which requests a fault applies to; everything left out matches every request. */
export interface FaultScope {
  /** Only requests with this method, in any case. @default every method */
  method?: string;
  /**
   * The path after the base path, written as routes are (`/patients/:id`, a `:name` matching one
   * segment), with `*` as the last segment matching one or more; or a RegExp tested against the
   * still percent-encoded path. @default every path
   */
  path?: string | RegExp;
  /** The rule is dropped once it has applied this many times. @default no limit */
  times?: number;
  /**
   * The share of matching requests it applies to, above 0 and at most 1. The draws come from the
   * sandbox's seed, so the same requests in the same order meet the same faults. @default 1
   */
  fraction?: number;
}

export type FaultRule = Fault & FaultScope;

/** A checked rule, ready to be matched against requests. */
export interface CompiledRule {
  rule: FaultRule;
  matches(method: string, path: string): boolean;
  fraction: number;
  /** Applications left; Infinity without `times`. */
  remaining: number;
  applied: number;
}

/** The rule made ready for matching, or a RangeError naming each thing wrong with it. */
export function compileFaultRule(rule: FaultRule): CompiledRule {
  const problems = faultRuleProblems(rule);
  if (problems.length > 0) {
    throw new RangeError(`Invalid fault rule ${describeRule(rule)}: ${problems.join('; ')}`);
  }

  const method = rule.method?.toUpperCase();
  const matchesPath = pathMatcher(rule.path);

  return {
    rule,
    matches: (requestMethod, path) =>
      (method === undefined || requestMethod === method) && matchesPath(path),
    fraction: rule.fraction ?? 1,
    remaining: rule.times ?? Infinity,
    applied: 0,
  };
}

/** Everything wrong with a rule, each as a sentence naming the setting and echoing its value. */
export function faultRuleProblems(rule: FaultRule): string[] {
  return [...faultProblems(rule), ...scopeProblems(rule)];
}

function faultProblems(rule: FaultRule): string[] {
  switch (rule.fault) {
    case 'latency':
      return integerProblems('ms', rule.ms, 0, 600_000);
    case 'status':
      return statusProblems(rule);
    case 'close-after-response':
      return rule.afterMs === undefined ? [] : integerProblems('afterMs', rule.afterMs, 0, 60_000);
    default:
      if ((PLAIN_FAULTS as readonly string[]).includes(rule.fault)) return [];

      return [`fault must be one of ${FAULT_KINDS.join(', ')}; received ${String(rule.fault)}`];
  }
}

function statusProblems({ status, shape, retryAfter }: StatusFault): string[] {
  const problems = integerProblems('status', status, 400, 599);
  if (shape !== undefined && shape !== 'older' && shape !== 'newer') {
    problems.push(`shape must be "older" or "newer"; received ${JSON.stringify(shape)}`);
  }
  if (retryAfter != null) problems.push(...integerProblems('retryAfter', retryAfter, 0, 86_400));

  return problems;
}

function scopeProblems(rule: FaultScope): string[] {
  const problems: string[] = [];
  if (rule.method !== undefined && !/^[A-Za-z]+$/.test(rule.method)) {
    problems.push(`method must be an HTTP method name; received ${JSON.stringify(rule.method)}`);
  }
  if (typeof rule.path === 'string' && !/^\/(?:[^/*]+\/)*(?:[^/*]+|\*)?$/.test(rule.path)) {
    problems.push(
      `path must start with / and may end in /*, e.g. /patients/:id; received ${JSON.stringify(rule.path)}`,
    );
  }
  if (rule.times !== undefined) {
    problems.push(...integerProblems('times', rule.times, 1, Number.MAX_SAFE_INTEGER));
  }
  const { fraction } = rule;
  if (fraction !== undefined && !(typeof fraction === 'number' && fraction > 0 && fraction <= 1)) {
    problems.push(`fraction must be a number above 0 and at most 1; received ${String(fraction)}`);
  }

  return problems;
}

function integerProblems(name: string, value: unknown, min: number, max: number): string[] {
  if (Number.isInteger(value) && (value as number) >= min && (value as number) <= max) return [];

  return [`${name} must be an integer from ${min} to ${max}; received ${String(value)}`];
}

function pathMatcher(path: string | RegExp | undefined): (path: string) => boolean {
  if (path === undefined) return () => true;

  if (path instanceof RegExp) {
    // A copy without g or y, whose lastIndex would make test() answer differently each time.
    const pattern = new RegExp(path.source, path.flags.replace(/[gy]/g, ''));

    return (candidate) => pattern.test(candidate);
  }
  const parts = path.split('/').slice(1);
  const rest = parts.at(-1) === '*';
  const fixed = rest ? parts.slice(0, -1) : parts;

  return (candidate) => {
    const segments = candidate.split('/').slice(1);
    if (rest ? segments.length <= fixed.length : segments.length !== fixed.length) return false;

    return fixed.every((part, index) => {
      const segment = segments[index] ?? '';

      return part.startsWith(':') ? segment !== '' : part === segment;
    });
  };
}

function describeRule(rule: FaultRule): string {
  const { path, ...rest } = rule;

  return JSON.stringify(path === undefined ? rest : { ...rest, path: String(path) });
}
