import type { Logger } from '../logger.js';
import type { JumpRecord } from './records.js';

const MAX_REPORTED = 200;

/**
 * Reads Jump enum values that may drift between API generations. Known values map to the schema's
 * enum; anything else reads as null on the enum field (the raw string stays available on its
 * `…Raw` twin) and is logged once per field and value, so a new upstream value never fails a
 * query. One instance serves the whole server: it remembers enum values, never caller data.
 */
export class EnumDrift {
  readonly #reported = new Set<string>();

  constructor(private readonly logger: Logger) {}

  read<T extends string>(
    typeName: string,
    record: JumpRecord,
    key: string,
    known: Readonly<Record<string, T>>,
  ): T | null {
    const value = record[key];
    if (value === null || value === undefined) {
      return null;
    }

    const lower = typeof value === 'string' ? value.toLowerCase() : undefined;
    const mapped = lower !== undefined && Object.hasOwn(known, lower) ? known[lower] : undefined;
    if (mapped === undefined) {
      this.#report(typeName, key, value);

      return null;
    }

    return mapped;
  }

  #report(typeName: string, key: string, value: unknown): void {
    const shown = typeof value === 'string' ? value.slice(0, 40) : typeof value;
    const id = `${typeName}.${key}=${shown}`;
    if (this.#reported.has(id) || this.#reported.size >= MAX_REPORTED) {
      return;
    }

    this.#reported.add(id);
    this.logger.warn(
      { type: typeName, field: key, value: shown },
      'Jump returned an enum value this schema does not know; exposing it only as the raw field',
    );
  }
}
