/**
 * One resource's records by id, and the order its list endpoint pages them in. Records are
 * frozen on the way in; a write replaces the record, so an object a caller holds never changes.
 */
export class RecordTable<T extends { id: string }> {
  readonly #records = new Map<string, T>();
  readonly #compare: ((a: T, b: T) => number) | undefined;
  #order: readonly T[] | undefined;

  /** Without `compare`, records list in the order they were first put. */
  constructor(compare?: (a: T, b: T) => number) {
    this.#compare = compare;
  }

  get all(): readonly T[] {
    if (this.#order === undefined) {
      const records = [...this.#records.values()];
      if (this.#compare) records.sort(this.#compare);
      this.#order = Object.freeze(records);
    }

    return this.#order;
  }

  get(id: string): T | undefined {
    return this.#records.get(id);
  }

  put(record: T): T {
    const frozen = freeze(record);
    this.#records.set(frozen.id, frozen);
    this.#order = undefined;

    return frozen;
  }
}

/** Freezes the record and the objects and arrays directly inside it. */
function freeze<T extends object>(record: T): T {
  for (const value of Object.values(record)) {
    if (typeof value === 'object' && value !== null) Object.freeze(value);
  }

  return Object.freeze(record);
}

export function compareText(a: string, b: string): number {
  if (a === b) return 0;

  return a < b ? -1 : 1;
}
