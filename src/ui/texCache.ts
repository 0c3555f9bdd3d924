/**
 * The memory of `renderTex`: a least-recently-used cache of typeset HTML, bounded both by its number
 * of entries and by the memory its strings hold. Every edit of a value gives every row new digits, so
 * without a bound in bytes the cache fills with thousands of formulas of several kilobytes each (the
 * paper's rows are about 4.5 k characters of HTML); the bound keeps what a few screens of rows need.
 */

/** Bytes an entry is charged: its key and HTML as UTF-16 (what a JavaScript string may hold) and a map slot. */
export function entryBytes(key: string, html: string | null): number {
  return 2 * (key.length + (html?.length ?? 0)) + ENTRY_OVERHEAD;
}

/** A rough charge for the map slot and string headers of one entry. */
const ENTRY_OVERHEAD = 64;

export interface TexCacheLimits {
  readonly maxEntries: number;
  readonly maxBytes: number;
}

export class TexCache {
  private readonly map = new Map<string, string | null>();
  private held = 0;

  constructor(readonly limits: TexCacheLimits) {}

  /** The HTML cached for `key` (`null`: KaTeX refused it), or undefined; a hit becomes the most recent entry. */
  get(key: string): string | null | undefined {
    const hit = this.map.get(key);
    if (hit === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, hit);
    return hit;
  }

  /**
   * Keeps `html` for `key`, dropping the least recently used entries until both limits hold. An entry
   * larger than the whole byte budget is not kept.
   */
  set(key: string, html: string | null): void {
    const bytes = entryBytes(key, html);
    const old = this.map.get(key);
    if (old !== undefined) {
      this.map.delete(key);
      this.held -= entryBytes(key, old);
    }
    if (bytes > this.limits.maxBytes) return;
    this.map.set(key, html);
    this.held += bytes;
    for (const [k, v] of this.map) {
      if (this.map.size <= this.limits.maxEntries && this.held <= this.limits.maxBytes) break;
      this.map.delete(k);
      this.held -= entryBytes(k, v);
    }
  }

  /** Whether `key` is cached, without counting as a use. */
  has(key: string): boolean {
    return this.map.has(key);
  }

  get size(): number {
    return this.map.size;
  }

  /** Bytes charged for the entries held now. */
  get bytes(): number {
    return this.held;
  }

  clear(): void {
    this.map.clear();
    this.held = 0;
  }
}
