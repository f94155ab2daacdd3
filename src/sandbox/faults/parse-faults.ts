import { faultRuleProblems, PLAIN_FAULTS, type FaultRule } from './fault-rule.js';

/** The rules a `SANDBOX_FAULTS` value gives, or every problem with it. */
export type ParsedFaults = { rules: FaultRule[] } | { problems: string[] };

const FORMS = [
  'latency:MS',
  'status:CODE[:newer]',
  'close-after-response[:MS]',
  ...PLAIN_FAULTS,
].join(', ');

const DECIMAL = /^(?:\d+(?:\.\d+)?|\.\d+)$/;

/**
 * Reads the embedded sandbox's `SANDBOX_FAULTS`: comma-separated rules, each applying to every
 * request unless `@FRACTION` (above 0, at most 1) gives the share it applies to. Rules are tried
 * in order and the first that fires applies, so `status:503@0.1,reset@0.05` answers about 10% of
 * requests 503 and resets 5% of the rest.
 *
 * ```text
 * rule  = fault ["@" FRACTION]
 * fault = "latency:" MS                  wait MS (0-600000) first, then answer as usual
 *       | "status:" CODE [":newer"]      answer CODE (400-599) with the OLDER, or NEWER, error body
 *       | "close-after-response" [":" MS]  answer, then close the socket MS (default 0) later
 *       | "reset" | "truncated-json" | "html" | "empty-body" | "non-envelope-json"
 *       | "proxy-502" | "stall-headers" | "stall-body"
 * ```
 *
 * An empty or blank value gives no rules; so does an unset one, which the caller handles.
 */
export function parseFaults(text: string): ParsedFaults {
  if (text.trim() === '') return { rules: [] };

  const rules: FaultRule[] = [];
  const problems: string[] = [];
  text.split(',').forEach((raw, index) => {
    const entry = raw.trim();
    const parsed = entry === '' ? emptyEntry(index) : parseEntry(entry);
    if ('rule' in parsed) rules.push(parsed.rule);
    else problems.push(parsed.problem);
  });

  return problems.length > 0 ? { problems } : { rules };
}

type EntryResult = { rule: FaultRule } | { problem: string };

function emptyEntry(index: number): EntryResult {
  return {
    problem: `SANDBOX_FAULTS entry ${index + 1} is empty; separate rules with single commas, e.g. latency:200,reset@0.05`,
  };
}

function parseEntry(entry: string): EntryResult {
  const [fault = '', fraction, ...extra] = entry.split('@');
  const problem = (text: string) => ({ problem: `SANDBOX_FAULTS entry "${entry}": ${text}` });
  if (extra.length > 0) return problem('write @ at most once, before the fraction');

  const rule = parseFault(fault);
  if (typeof rule === 'string') return problem(rule);

  if (fraction !== undefined) {
    if (!DECIMAL.test(fraction)) {
      return problem(`the fraction after @ must be a decimal such as 0.05; received "${fraction}"`);
    }
    rule.fraction = Number(fraction);
  }
  const problems = faultRuleProblems(rule);

  return problems.length > 0 ? problem(problems.join('; ')) : { rule };
}

/** The rule a fault names, or why it names none. */
function parseFault(text: string): FaultRule | string {
  const [name = '', ...values] = text.split(':');
  const value = values.join(':');
  switch (name) {
    case 'latency':
      return values.length === 1 && /^\d+$/.test(value)
        ? { fault: 'latency', ms: Number(value) }
        : `latency needs whole milliseconds, e.g. latency:200`;
    case 'status':
      return parseStatus(values);
    case 'close-after-response':
      if (values.length === 0) return { fault: 'close-after-response' };

      return values.length === 1 && /^\d+$/.test(value)
        ? { fault: 'close-after-response', afterMs: Number(value) }
        : 'close-after-response takes whole milliseconds if anything, e.g. close-after-response:50';
    default: {
      const plain = PLAIN_FAULTS.find((kind) => kind === name);
      if (!plain) return `"${name}" is not a fault; write one of ${FORMS}`;

      return values.length === 0 ? { fault: plain } : `${plain} takes no value`;
    }
  }
}

function parseStatus(values: string[]): FaultRule | string {
  const [code = '', shape, ...extra] = values;
  if (!/^\d{3}$/.test(code) || extra.length > 0 || (shape !== undefined && shape !== 'newer')) {
    return 'status needs a three-digit code and may end in :newer, e.g. status:503 or status:429:newer';
  }

  return shape === 'newer'
    ? { fault: 'status', status: Number(code), shape: 'newer' }
    : { fault: 'status', status: Number(code) };
}
