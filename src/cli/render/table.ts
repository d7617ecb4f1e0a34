/** cli-table3, loaded on first use: only table output needs it, so other runs do not pay for it at start-up. */
import { createRequire } from 'node:module';

type TableConstructor = typeof import('cli-table3');
let table: TableConstructor | undefined;

export function loadTable(): TableConstructor {
  table ??= createRequire(import.meta.url)('cli-table3') as TableConstructor;
  return table;
}
