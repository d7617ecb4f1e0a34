/**
 * The bundled MFN table (data/mfn/hts-2026-rev-10.*): it is what scripts/gen-hts-table.js derives from the official
 * export, and every chapter 01-97 line of it is priced or refused for a stated reason (issue 11, "Done when").
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { computeLineDuty, quantityProblem } from '../../src/core/compute.js';
import { renderDetailsTsv, renderLinesTsv } from '../../src/core/hts-lines.js';
import { resolveGood } from '../../src/core/resolve.js';
import { deriveHtsLines, RATE_REFUSAL_KIND, type RateRefusalKind, type UsitcRow } from '../../src/core/usitc.js';
import { bundledEngine, mfnLines, ROOT } from '../helpers.js';

/** The official export (../shared is CI's and the maintainers'; a user's clone has none). HTS_EXPORT overrides it. */
const EXPORT = process.env.HTS_EXPORT ?? resolve(ROOT, '../shared/hts-data/hts_2026_rev_10.json.gz');

describe('the committed table equals what scripts/gen-hts-table.js derives from the official export', () => {
  if (!existsSync(EXPORT)) {
    it.skip(`SKIPPED: ${EXPORT} is absent (a clone without ../shared); CI has it`, () => {});
    console.warn(`hts-table.test.ts: ${EXPORT} is absent: the committed MFN table is not checked against the export`);
    return;
  }
  it('lines and details files, byte for byte; 11,414 lines, no problem', () => {
    const { lines, problems } = deriveHtsLines(JSON.parse(gunzipSync(readFileSync(EXPORT)).toString('utf8')) as UsitcRow[]);
    expect(problems).toEqual([]);
    expect(lines).toHaveLength(11414); // hts-data/README.md: 11,414 eight-digit lines
    // Compared record by record, so a difference names the first line that differs (regenerate: node scripts/gen-hts-table.js).
    const records = (text: string) => text.split('\n');
    const firstDifference = (derived: string, file: string) => {
      const [a, b] = [records(derived), records(readFileSync(resolve(ROOT, file), 'utf8'))];
      const i = a.findIndex((r, k) => r !== b[k]);
      return i === -1 && a.length === b.length ? null : { record: i === -1 ? a.length : i + 1, derived: a[i] ?? '(end)', committed: b[i] ?? '(end)' };
    };
    expect(firstDifference(renderLinesTsv(lines), 'data/mfn/hts-2026-rev-10.lines.tsv')).toBeNull();
    expect(firstDifference(renderDetailsTsv(lines), 'data/mfn/hts-2026-rev-10.details.tsv')).toBeNull();
    // The details file (headings shared with the record before) reads back to every line's full description.
    const wrong = lines.filter((l) => {
      const d = mfnLines.details(l.code);
      return d === null || d.description !== l.description || d.special !== l.special || d.units.join(',') !== l.units.join(',');
    });
    expect(wrong.map((l) => l.code)).toEqual([]);
  });
});

describe('every chapter 01-97 line for origin JP (issue 11 done-when)', () => {
  const engine = bundledEngine();
  const codes = [...mfnLines.codes()];

  it.each(['2025-10-01', '2026-03-02', '2026-08-03'])('%s: outcomes by reason', (date) => {
    const counts = new Map<string, number>();
    const count = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
    const refused: string[] = [];
    for (const code of codes) {
      const r = resolveGood(engine, { hts: code, category: null, origin: 'JP', date, mfn: null });
      if (!r.ok) {
        const why = r.refusal.reason;
        if (r.refusal.field === 'mfn_rate') {
          refused.push(why);
          count(`refused for its MFN rate text: ${why.replace(/^.*?": /, '').replace(/; give mfn_rate.*$/, '')}`);
        } else count(`refused, other reason: ${why.replace(/^.*?(applies \(from [\d-]+\) and is not modelled).*$/, '$1').replace(/HTS [\d.]+ /, 'HTS … ').slice(0, 90)}`);
        continue;
      }
      // A specific or compound rate is computed from the quantity in the rate's unit.
      const unit = r.plan.mfnSpecific?.unit ?? null;
      const row = { quantity: unit === null ? null : 100_000_000n, unit };
      expect(quantityProblem(r.plan, row), code).toBeNull();
      const d = computeLineDuty(r.plan, 1_000_000n, row.quantity);
      expect(d.duty >= 0n).toBe(true);
      count(r.plan.mfnSpecific === null ? 'computed (ad valorem or Free)' : 'computed (specific or compound, from the quantity)');
    }
    // The two kinds of rate-text refusal (usitc.ts RATE_REFUSAL_KIND), each listed with its rate texts.
    const ofKind = (kind: RateRefusalKind) => refused.filter((w) => w.includes(`": ${RATE_REFUSAL_KIND[kind]} (`));
    const noComputation = ofKind('no-computation');
    const needsInput = ofKind('needs-input');
    const pct = (n: number) => `${((100 * n) / codes.length).toFixed(2)}%`;
    const texts = (ws: string[]) => {
      const t = new Map<string, number>();
      for (const w of ws) {
        const text = /is "(.+?)": /.exec(w)![1]!;
        t.set(text, (t.get(text) ?? 0) + 1);
      }
      return [...t].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `${String(n).padStart(8)}  "${k}"`).join('\n');
    };
    const table = [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${String(n).padStart(6)}  ${k}`).join('\n');
    console.log(
      [
        `JP ${date}, ${codes.length} lines:\n${table}`,
        `rate texts with no defined computation: ${noComputation.length} lines (${pct(noComputation.length)})\n${texts(noComputation)}`,
        `rate texts that need an input the row does not carry: ${needsInput.length} lines (${pct(needsInput.length)})\n${texts(needsInput)}`,
      ].join('\n'),
    );
    // Every refusal for the rate quotes the rate text, says its kind, and none is of a plain ad valorem, specific or compound rate.
    expect(noComputation.length + needsInput.length).toBe(refused.length);
    for (const why of refused) {
      expect(why).toMatch(/is ".+": /);
      expect(why).not.toMatch(/is "(Free|[\d.]+%|[\d.]+¢\/[a-z.]+|\$[\d.]+\/[a-z.]+)( \+ [\d.]+%)?": /);
    }
    // Issue 11: lines refused for a rate text with no defined computation are under 1%.
    expect(noComputation.length / codes.length).toBeLessThan(0.01);
    // Those that need an input a row does not carry (part values, jewel counts, contents): counted, and bounded.
    expect(needsInput.length / codes.length).toBeLessThan(0.015);
  });
});
