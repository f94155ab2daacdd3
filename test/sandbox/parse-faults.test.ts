import { describe, expect, it } from 'vitest';
import { parseFaults } from '../../src/sandbox/faults/parse-faults.js';

const FORMS =
  'latency:MS, status:CODE[:newer], close-after-response[:MS], reset, truncated-json, html, empty-body, non-envelope-json, proxy-502, stall-headers, stall-body';

describe('parseFaults (SANDBOX_FAULTS)', () => {
  it('reads every form, in order, with an optional @fraction and spaces around entries', () => {
    const text =
      'latency:200, status:503@0.1 ,status:429:newer@1,reset@.05,close-after-response,' +
      'close-after-response:50,truncated-json,html,empty-body,non-envelope-json,proxy-502,' +
      'stall-headers,stall-body';

    expect(parseFaults(text)).toEqual({
      rules: [
        { fault: 'latency', ms: 200 },
        { fault: 'status', status: 503, fraction: 0.1 },
        { fault: 'status', status: 429, shape: 'newer', fraction: 1 },
        { fault: 'reset', fraction: 0.05 },
        { fault: 'close-after-response' },
        { fault: 'close-after-response', afterMs: 50 },
        { fault: 'truncated-json' },
        { fault: 'html' },
        { fault: 'empty-body' },
        { fault: 'non-envelope-json' },
        { fault: 'proxy-502' },
        { fault: 'stall-headers' },
        { fault: 'stall-body' },
      ],
    });
  });

  it.each(['', '   '])('gives no rules for %j', (text) => {
    expect(parseFaults(text)).toEqual({ rules: [] });
  });

  it('reports every bad entry at once, echoing it and saying what would do', () => {
    const text = [
      'latency',
      'latency:fast',
      'latency:9999999',
      'status:99',
      'status:200',
      'status:503:older',
      'reset:1',
      'boom',
      'Reset',
      'reset@0',
      'reset@1.5',
      'reset@abc',
      'reset@0.1@0.2',
      'close-after-response:soon',
      '',
    ].join(',');

    expect(parseFaults(text)).toEqual({
      problems: [
        'SANDBOX_FAULTS entry "latency": latency needs whole milliseconds, e.g. latency:200',
        'SANDBOX_FAULTS entry "latency:fast": latency needs whole milliseconds, e.g. latency:200',
        'SANDBOX_FAULTS entry "latency:9999999": ms must be an integer from 0 to 600000; received 9999999',
        'SANDBOX_FAULTS entry "status:99": status needs a three-digit code and may end in :newer, e.g. status:503 or status:429:newer',
        'SANDBOX_FAULTS entry "status:200": status must be an integer from 400 to 599; received 200',
        'SANDBOX_FAULTS entry "status:503:older": status needs a three-digit code and may end in :newer, e.g. status:503 or status:429:newer',
        'SANDBOX_FAULTS entry "reset:1": reset takes no value',
        `SANDBOX_FAULTS entry "boom": "boom" is not a fault; write one of ${FORMS}`,
        `SANDBOX_FAULTS entry "Reset": "Reset" is not a fault; write one of ${FORMS}`,
        'SANDBOX_FAULTS entry "reset@0": fraction must be a number above 0 and at most 1; received 0',
        'SANDBOX_FAULTS entry "reset@1.5": fraction must be a number above 0 and at most 1; received 1.5',
        'SANDBOX_FAULTS entry "reset@abc": the fraction after @ must be a decimal such as 0.05; received "abc"',
        'SANDBOX_FAULTS entry "reset@0.1@0.2": write @ at most once, before the fraction',
        'SANDBOX_FAULTS entry "close-after-response:soon": close-after-response takes whole milliseconds if anything, e.g. close-after-response:50',
        'SANDBOX_FAULTS entry 15 is empty; separate rules with single commas, e.g. latency:200,reset@0.05',
      ],
    });
  });
});
