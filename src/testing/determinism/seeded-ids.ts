/**
 * Ids that are the same on every run: the default id format (`thr_` + 16 hex digits) drawn from a
 * seeded pseudo-random sequence instead of the platform's CSPRNG, so a test's snapshots stay stable.
 */
import { ID_PREFIXES } from '../../store/ids.ts';
import type { StoreItemType } from '../../store/types.ts';

/** What seeds a run: a number, or any string (hashed to one). */
export type Seed = number | string;

/**
 * A deterministic id generator. Two generators with the same seed give the same ids in the same
 * order; ids depend only on the seed and on how many were drawn before.
 */
export class SeededIds {
  private state: number;

  /** @param seed - the run's seed (default 1). */
  constructor(seed: Seed = 1) {
    this.state = typeof seed === 'number' ? seed >>> 0 : hashString(seed);
  }

  /** A new id for `itemType`: its prefix, `_`, and 16 hex digits. */
  next(itemType: StoreItemType): string {
    return `${ID_PREFIXES[itemType]}_${this.hex()}`;
  }

  /** A new client tool call id (`call_` + 16 hex digits), as a model would make one. */
  nextCallId(): string {
    return `call_${this.hex()}`;
  }

  /** 64 bits as 16 hex digits. */
  private hex(): string {
    return this.word().toString(16).padStart(8, '0') + this.word().toString(16).padStart(8, '0');
  }

  /** The next 32 bits of SplitMix32: tiny, fast, and well spread for ids (not for secrets). */
  private word(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  }
}

/** FNV-1a over the string's UTF-16 code units: a stable number for a string seed. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
