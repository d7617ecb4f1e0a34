/**
 * Golden outputs (issue 12, step 1: the safety net for moving code around).
 *
 * stdout, stderr and the exit code of the built CLI on the bundled examples, pinned byte for byte in
 * tests/e2e/golden/*.txt. A move that changes no behaviour leaves every file unchanged; a deliberate change of
 * wording or figures is regenerated with `npx vitest run tests/e2e/golden.test.ts -u`, reviewed in the diff, and
 * committed on its own with a CHANGELOG line. In CI (CI=true) a missing golden file fails instead of being written.
 */
import { describe, expect, it } from 'vitest';
import { tariff } from './cli.js';

const SHIPMENTS = 'data/examples/shipments.csv';
const ERRORS = 'data/examples/with-errors.csv';
const BASKET = 'data/examples/japan-imports-2024.csv';

const CASES: [name: string, args: string[]][] = [
  ['calc-shipments-csv', ['calc', SHIPMENTS, '--format', 'csv']],
  ['calc-shipments-json', ['calc', SHIPMENTS, '--format', 'json']],
  ['calc-shipments-ndjson', ['calc', SHIPMENTS, '--format', 'ndjson']],
  ['calc-shipments-table', ['calc', SHIPMENTS, '--format', 'table']],
  ['calc-errors-csv', ['calc', ERRORS, '--format', 'csv']],
  ['calc-errors-json', ['calc', ERRORS, '--format', 'json']],
  ['calc-errors-table', ['calc', ERRORS, '--format', 'table']],
  ['calc-one-explain-json', ['calc', '--value', '45000', '--hts', '8703.24.01', '--date', '2025-05-01', '--explain', '--format', 'json']],
  ['explain-one', ['explain', '--value', '100000', '--hts', '8457.10.00', '--date', '2025-09-01']],
  ['compare-basket-table', ['compare', BASKET, '--format', 'table']],
  ['compare-basket-csv', ['compare', BASKET, '--format', 'csv']],
  ['compare-basket-json', ['compare', BASKET, '--format', 'json']],
  ['compare-basket-markdown', ['compare', BASKET, '--format', 'markdown']],
  ['compare-shipments-measure-json', ['compare', SHIPMENTS, '--scenarios', 'as-enacted,no-deal', '--by', 'measure', '--format', 'json']],
  ['timeline-car-table', ['timeline', '--hts', '8703.23.01', '--format', 'table']],
  ['timeline-car-csv', ['timeline', '--hts', '8703.23.01', '--scenarios', 'as-enacted,no-deal', '--format', 'csv']],
  ['timeline-basket-json', ['timeline', BASKET, '--from', '2025-09-01', '--to', '2025-12-31', '--format', 'json']],
  ['schedule-list', ['schedule', 'list']],
  ['schedule-show', ['schedule', 'show']],
  ['schedule-show-no-deal', ['schedule', 'show', 'no-deal']],
  ['schedule-validate-scenario', ['schedule', 'validate', 'data/scenarios/autos-at-10.json']],
  ['hts-import-fixture', ['hts', 'import', 'tests/fixtures/usitc/hts-sample.json', '--out', '-']],
];

describe('golden outputs of the built CLI on the bundled examples', () => {
  it.each(CASES)('%s', async (name, args) => {
    const r = await tariff(args, { env: { COLUMNS: '100' } });
    const text = `$ tariff ${args.join(' ')}\n--- exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
    await expect(text).toMatchFileSnapshot(`golden/${name}.txt`);
  });
});
