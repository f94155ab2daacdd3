import type { Random } from './random.js';

export type IdPrefix =
  'pat' | 'con' | 'cli' | 'loc' | 'usr' | 'type' | 'prb' | 'rx' | 'apt' | 'doc' | 'ses' | 'hold';

/** Makes `<prefix>_<24 hex>` ids, never repeating one it has made or been told about. */
export interface IdFactory {
  next(prefix: IdPrefix): string;
  reserve(id: string): void;
}

export function createIdFactory(random: Random): IdFactory {
  const used = new Set<string>();

  return {
    next(prefix) {
      let id = `${prefix}_${random.hex(24)}`;
      while (used.has(id)) id = `${prefix}_${random.hex(24)}`;
      used.add(id);

      return id;
    },
    reserve(id) {
      used.add(id);
    },
  };
}
