/**
 * Seeded pseudo-random numbers for the synthetic data. Every named stream is independent, so a
 * resource added later draws from a stream of its own and leaves the existing data byte-identical.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(choices: readonly Weighted<T>[]): T;
  /** `length` lowercase hex digits. */
  hex(length: number): string;
}

export type Weighted<T> = readonly [value: T, weight: number];

export function createRandom(seed: number, stream: string): Random {
  const nextUint32 = sfc32(seed, stream);
  const next = () => nextUint32() / 2 ** 32;
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));

  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('Cannot pick from an empty list');

      return items[int(0, items.length - 1)] as (typeof items)[number];
    },
    weighted: (choices) => pickWeighted(choices, next()),
    hex: (length) => {
      let digits = '';
      while (digits.length < length) digits += hex8(nextUint32());

      return digits.slice(0, length);
    },
  };
}

// Ids take thousands of these per data set; a byte table is several times faster than toString.
const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** A 32-bit unsigned integer as eight lowercase hex digits. */
function hex8(value: number): string {
  return (
    (BYTE_HEX[value >>> 24] ?? '') +
    (BYTE_HEX[(value >>> 16) & 255] ?? '') +
    (BYTE_HEX[(value >>> 8) & 255] ?? '') +
    (BYTE_HEX[value & 255] ?? '')
  );
}

function pickWeighted<T>(choices: readonly Weighted<T>[], roll: number): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let remaining = roll * total;
  for (const [value, weight] of choices) {
    remaining -= weight;
    if (remaining < 0) return value;
  }
  const last = choices.at(-1);
  if (!last) throw new RangeError('Cannot pick from an empty list');

  return last[0];
}

/** sfc32 (Chris Doty-Humphrey's small fast counter), its state filled by splitmix32. */
function sfc32(seed: number, stream: string): () => number {
  const fill = splitmix32((seed ^ fnv1a(stream)) >>> 0);
  let [a, b, c, d] = [fill(), fill(), fill(), fill()];
  const step = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;

    return t >>> 0;
  };
  for (let warmUp = 0; warmUp < 12; warmUp += 1) step();

  return step;
}

function splitmix32(initial: number): () => number {
  let state = initial;

  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);

    return (z ^ (z >>> 16)) >>> 0;
  };
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  }

  return hash >>> 0;
}
