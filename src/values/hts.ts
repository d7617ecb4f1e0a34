/**
 * HTS codes: always strings, matched by longest prefix on their digits.
 */

const HTS_INPUT = /^\d{4}(\.?\d){0,6}$/;

/**
 * Normalises a user-given HTS code to its digits: `8703.23.01` -> `87032301`.
 * Accepts 4-10 digits with or without dots; returns null when malformed.
 */
export function normalizeHts(raw: string): string | null {
  const s = raw.trim();
  if (!HTS_INPUT.test(s)) return null;
  const digits = s.replaceAll('.', '');
  return digits.length >= 4 && digits.length <= 10 ? digits : null;
}

/** Digits of a prefix from validated data (`87`, `8703.23`). */
export function prefixDigits(prefix: string): string {
  return prefix.replaceAll('.', '');
}

/** Formats digits the HTS way: `87032301` -> `8703.23.01`, `8703230100` -> `8703.23.01.00`. */
export function formatHts(digits: string): string {
  const parts = [digits.slice(0, 4)];
  for (let i = 4; i < digits.length; i += 2) parts.push(digits.slice(i, i + 2));
  return parts.join('.');
}

/** Longest-prefix lookup over HTS digit prefixes. */
export class PrefixIndex<T> {
  readonly #byPrefix = new Map<string, T>();
  #maxLen = 0;

  set(prefix: string, value: T): void {
    this.#byPrefix.set(prefix, value);
    if (prefix.length > this.#maxLen) this.#maxLen = prefix.length;
  }

  has(prefix: string): boolean {
    return this.#byPrefix.has(prefix);
  }

  keys(): IterableIterator<string> {
    return this.#byPrefix.keys();
  }

  /** The value of the longest prefix of `digits`, with that prefix. */
  lookup(digits: string): { prefix: string; value: T } | undefined {
    for (let len = Math.min(this.#maxLen, digits.length); len >= 1; len--) {
      const prefix = digits.slice(0, len);
      const value = this.#byPrefix.get(prefix);
      if (value !== undefined) return { prefix, value };
    }
    return undefined;
  }

  /** True when any prefix in the index is a prefix of `digits`. */
  matches(digits: string): boolean {
    return this.lookup(digits) !== undefined;
  }
}

/**
 * The first prefix in `sorted` (ascending) that extends `code` and passes `differs`, found by binary search:
 * every string starting with `code` sits right after where `code` would be inserted.
 */
export function firstLongerUnder(sorted: readonly string[], code: string, differs: (prefix: string) => boolean): string | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < code) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < sorted.length && sorted[i]!.startsWith(code); i++) {
    if (sorted[i]!.length > code.length && differs(sorted[i]!)) return sorted[i];
  }
  return undefined;
}
