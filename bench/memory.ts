import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Resident set size of a process, in bytes: now (`VmRSS`) and its lifetime peak (`VmHWM`). */
export interface Rss {
  currentBytes: number;
  peakBytes: number;
}

/** Reads /proc/<pid>/status, or asks `ps` where there is no /proc (peak is then the current). */
export function readRss(pid: number): Rss {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');

    return { currentBytes: kilobytes(status, 'VmRSS'), peakBytes: kilobytes(status, 'VmHWM') };
  } catch {
    const rss = Number(
      execFileSync('ps', ['-o', 'rss=', '-p', String(pid)])
        .toString()
        .trim(),
    );

    return { currentBytes: rss * 1024, peakBytes: rss * 1024 };
  }
}

/**
 * Samples a process's RSS every `intervalMs` until stopped, and returns the highest sample. A
 * sample that fails (the process has gone) is skipped: the run notices the loss elsewhere.
 */
export function watchRss(pid: number, intervalMs = 250): { stop(): number } {
  let highest = readRss(pid).currentBytes;
  const timer = setInterval(() => {
    try {
      highest = Math.max(highest, readRss(pid).currentBytes);
    } catch {
      // Gone between two samples.
    }
  }, intervalMs);

  return {
    stop: () => {
      clearInterval(timer);

      return Math.max(highest, readRss(pid).currentBytes);
    },
  };
}

function kilobytes(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match?.[1]) throw new Error(`no ${field} in /proc status`);

  return Number(match[1]) * 1024;
}
