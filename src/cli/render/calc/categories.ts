/** Lines, value and duty per category over every line a report is given (not only those it shows): table and html. */
import type { Engine } from '../../../core/compile.js';

export interface CategorySum {
  lines: number;
  value: bigint;
  duty: bigint;
}

export class CategorySums {
  readonly #by = new Map<string, CategorySum>();

  get size(): number {
    return this.#by.size;
  }

  add(category: string, value: bigint, duty: bigint): void {
    const s = this.#by.get(category);
    if (s === undefined) this.#by.set(category, { lines: 1, value, duty });
    else {
      s.lines++;
      s.value += value;
      s.duty += duty;
    }
  }

  /** In the schedule's order of categories, then any other by name. */
  sorted(engine: Engine): [string, CategorySum][] {
    const order = [...engine.categories.keys()];
    return [...this.#by].sort(([a], [c]) => (order.indexOf(a) + 1 || Infinity) - (order.indexOf(c) + 1 || Infinity) || (a < c ? -1 : 1));
  }
}
