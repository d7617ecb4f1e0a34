/**
 * `tariff compare --format html --out FILE` (issue 15 part 5): a self-contained page whose figures are those of
 * `compare --format json`, that escapes the user's text, fetches nothing, and opens in a real browser (headless
 * Chromium, when installed) with no console error. A screenshot goes to test-artifacts/ (gitignored).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CompareReport } from '../../src/cli/render/compare/index.js';
import { ROOT } from '../helpers.js';
import { tariff } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BASKET = ['data/examples/japan-imports-2024.csv', '--date', '2025-10-01', '--per', 'hour'];

/** The inert JSON block of the page with this id. */
function pageData(html: string, id: string): unknown {
  const m = new RegExp(`<script type="application/json" id="${id}">([\\s\\S]*?)</script>`).exec(html);
  if (!m) throw new Error(`no ${id} data in the page`);
  return JSON.parse(m[1]!);
}

/** The number cells of the rows marked `attr="key"`: key -> field -> [exact value, text shown]. */
function cells(html: string, attr: string): Map<string, Map<string, [string, string]>> {
  const out = new Map<string, Map<string, [string, string]>>();
  for (const row of html.matchAll(new RegExp(`<tr ${attr}="([^"]*)"[^>]*>([\\s\\S]*?)</tr>`, 'g'))) {
    const fields = new Map<string, [string, string]>();
    for (const td of row[2]!.matchAll(/<td class="n" data-field="([^"]*)" data-value="([^"]*)">([^<]*)<\/td>/g)) fields.set(td[1]!, [td[2]!, td[3]!]);
    out.set(row[1]!, fields);
  }
  return out;
}

/** "$1,234.56", "+$1.00", "-$3.00" as the exact "1234.56", "1.00", "-3.00". */
const shownMoney = (s: string) => s.replace(/[$,+ *]/g, '');

async function page(args: string[], name: string): Promise<{ html: string; file: string; code: number | null; stderr: string }> {
  const file = join(dir, name);
  const r = await tariff(['compare', ...args, '--format', 'html', '--out', file]);
  return { html: existsSync(file) ? readFileSync(file, 'utf8') : '', file, code: r.code, stderr: r.stderr };
}

describe('compare --format html', () => {
  it('shows the totals of compare --format json, by scenario and by group, and carries the same report as data', async () => {
    const { html, code } = await page(BASKET, 'basket.html');
    expect(code).toBe(0);
    const json = JSON.parse((await tariff(['compare', ...BASKET, '--format', 'json'])).stdout) as CompareReport;
    expect(pageData(html, 'tariff-compare')).toEqual(json);

    const scenarios = cells(html, 'data-scenario');
    expect([...scenarios.keys()]).toEqual(json.scenarios.map((s) => s.name));
    for (const s of json.scenarios) {
      const row = scenarios.get(s.name)!;
      for (const f of ['value', 'duty'] as const) {
        expect(row.get(f)![0]).toBe(s.totals[f]);
        expect(shownMoney(row.get(f)![1])).toBe(s.totals[f]);
      }
      expect(row.get('lines')![0]).toBe(String(s.totals.lines));
      expect(row.get('effectiveRate')![0]).toBe(s.totals.effectiveRate);
    }
    for (const d of json.differences) expect(shownMoney(scenarios.get(d.scenario)!.get('difference')![1])).toBe(d.duty);

    const groups = cells(html, 'data-group');
    for (const [i, g] of json.scenarios[0]!.groups.entries()) {
      for (const s of json.scenarios) expect(shownMoney(groups.get(g.key)!.get(`duty:${s.name}`)![1])).toBe(s.groups[i]!.duty);
    }
    // The "by measure" table is the json of --by measure, on the same rows.
    const byMeasure = JSON.parse((await tariff(['compare', ...BASKET, '--by', 'measure', '--format', 'json'])).stdout) as CompareReport;
    expect(pageData(html, 'tariff-compare-by-measure')).toEqual({ ...byMeasure, warnings: undefined });
    expect(html).toContain('<section id="by-measure">');
    expect((html.match(/<svg /g) ?? []).length).toBe(3); // scenarios, groups, measures
  }, 60_000);

  it('escapes text from the CSV (no HTML injection) and fetches nothing', async () => {
    const csv = join(dir, 'evil.csv');
    writeFileSync(
      csv,
      'id,hts,value,date\n' +
        '"<script>alert(1)</script>",8703.23.01,30000,2025-10-01\n' +
        '"<img src=x onerror=alert(2)>",8458.11.00,1000,2025-10-01\n' +
        'x,"<b>8703</b>",10,2025-10-01\n' +
        '"</script><script>alert(3)</script>",8458.11.00,5,2025-10-01\n',
    );
    const { html, code } = await page([csv, '--by', 'id'], 'evil.html');
    expect(code).toBe(1); // the bad code is a rejected row
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).not.toMatch(/<img|<b>|alert\(\d\)<\/script>|onerror=alert\(2\)>/);
    // Every script element is an inert JSON block, and the data still reads back.
    expect([...html.matchAll(/<script[^>]*>/g)].map((m) => m[0])).toEqual(['<script type="application/json" id="tariff-compare">', '<script type="application/json" id="tariff-compare-by-measure">']);
    expect((pageData(html, 'tariff-compare') as CompareReport).scenarios[0]!.groups.map((g) => g.key)).toContain('</script><script>alert(3)</script>');
    // Nothing to fetch: no src or href, a policy that forbids it, styles inline.
    // No src or href attribute on any tag (quoted attribute values, which hold escaped user text, left out).
    expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\s(src|href)=/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('needs --out (or a redirect) on a terminal, and --out FILE.html picks the format', async () => {
    const { html, code } = await page(['--value', '30000', '--hts', '8703.23.01', '--date', '2025-10-01'], 'one.html');
    expect(code).toBe(0);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    const named = join(dir, 'named.html');
    const r = await tariff(['compare', '--value', '30000', '--hts', '8703.23.01', '--date', '2025-10-01', '--out', named]);
    expect(r.code).toBe(0);
    expect(readFileSync(named, 'utf8')).toBe(html);
  });
});

describe('compare --range --format html', () => {
  it('shows the lowest and highest duty of each scenario, as json gives them', async () => {
    const args = ['data/examples/shipments.csv', '--range'];
    const { html, code } = await page(args, 'range.html');
    expect(code).toBe(0);
    const json = JSON.parse((await tariff(['compare', ...args, '--format', 'json'])).stdout) as CompareReport;
    const scenarios = cells(html, 'data-scenario');
    for (const s of json.scenarios) {
      expect(scenarios.get(s.name)!.get('low')![0]).toBe(s.totals.low);
      expect(shownMoney(scenarios.get(s.name)!.get('high')![1])).toBe(s.totals.high);
    }
  });
});

describe('calc --format html', () => {
  it('shows the totals of calc --format json, by measure, layer and category, and escapes the CSV text', async () => {
    const csv = join(dir, 'lines.csv');
    writeFileSync(csv, `${readFileSync(resolve(ROOT, 'data/examples/shipments.csv'), 'utf8').trimEnd()}\n"<script>alert(1)</script>",8703.23.01,,1000,2025-10-01,"<img src=x onerror=alert(2)>"\nbad,"<b>x</b>",,5,2025-10-01,\n`);
    const file = join(dir, 'calc.html');
    const r = await tariff(['calc', csv, '--out', file]); // the .html name picks the format
    expect(r.code).toBe(1); // the bad code is rejected
    const html = readFileSync(file, 'utf8');
    const json = JSON.parse((await tariff(['calc', csv, '--format', 'json'])).stdout) as { totals: Record<string, unknown> & { duties: { measure: string; amount: string }[]; layers: { layer: string; amount: string }[] }; warnings: string[] };
    expect((pageData(html, 'tariff-calc') as { totals: unknown }).totals).toEqual(json.totals);
    const totals = cells(html, 'data-total');
    for (const k of ['lines', 'rejected', 'value', 'duty', 'effectiveRate', 'refundable', 'mpf', 'hmf', 'fees', 'total']) {
      expect(totals.get(k)!.get(k)![0], k).toBe(String(json.totals[k]));
    }
    expect(shownMoney(totals.get('duty')!.get('duty')![1])).toBe(json.totals.duty);
    const measures = cells(html, 'data-measure');
    for (const d of json.totals.duties) expect(shownMoney(measures.get(d.measure)!.get('duty')![1])).toBe(d.amount);
    const layers = cells(html, 'data-layer');
    for (const l of json.totals.layers) expect(layers.get(l.layer)!.get('duty')![0]).toBe(l.amount);
    const cats = cells(html, 'data-category');
    expect([...cats.values()].reduce((a, c) => a + BigInt(c.get('duty')![0].replace('.', '')), 0n)).toBe(BigInt(String(json.totals.duty).replace('.', '')));
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<img|<b>|alert\(\d\)<\/script>/);
    expect([...html.matchAll(/<script[^>]*>/g)].map((m) => m[0])).toEqual(['<script type="application/json" id="tariff-calc">']);
  }, 60_000);

  it('needs --out (or a redirect) on a terminal; --range does not give html', async () => {
    const r = await tariff(['calc', 'data/examples/shipments.csv', '--format', 'html', '--range']);
    expect(r.code).toBe(2);
  });
});

/** Debian's chromium, or another Chromium on the PATH. */
function findChromium(): string | null {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    for (const d of (process.env.PATH ?? '').split(':')) {
      const p = join(d, name);
      if (d !== '' && existsSync(p) && statSync(p).isFile()) return p;
    }
  }
  return null;
}
const chromium = findChromium();
const ARTIFACTS = resolve(ROOT, 'test-artifacts');
if (chromium === null) console.warn('html.test.ts: no chromium binary on the PATH: the browser test is SKIPPED (apt-get install chromium to run it)');

/**
 * Opens a file in headless Chromium (the flags the machine notes give for a closed network), with Chromium's log on
 * stderr: console messages are logged as `CONSOLE(...)` lines with their level, and uncaught errors say "Uncaught".
 */
function openInChromium(file: string, extra: string[]): { stderr: string; stdout: string; status: number | null } {
  const profile = mkdtempSync(join(tmpdir(), 'tariff-chromium-'));
  try {
    const r = spawnSync(
      chromium!,
      [
        '--headless', '--disable-gpu', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, '--enable-logging=stderr', '--v=0',
        '--window-size=1200,2400', ...extra, `file://${file}`,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    return { stderr: r.stderr, stdout: r.stdout, status: r.status };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Console errors and uncaught exceptions in Chromium's log. */
function consoleErrors(log: string): string[] {
  return log.split('\n').filter((l) => /Uncaught|CONSOLE\(\d+\)|Refused to|console\.error|:ERROR:CONSOLE/i.test(l));
}

describe.skipIf(chromium === null)(`in headless Chromium${chromium === null ? ' (SKIPPED: no chromium binary on the PATH)' : ''}`, () => {
  it('the check sees a console error when a page has one (control)', () => {
    const bad = join(dir, 'control.html');
    writeFileSync(bad, '<!DOCTYPE html><html><head><meta charset="utf-8"><title>c</title></head><body><script>throw new Error("control-error")</script></body></html>');
    const r = openInChromium(bad, ['--dump-dom']);
    expect(consoleErrors(r.stderr).join('\n')).toMatch(/control-error/);
  }, 90_000);

  it('opens the page with no console error, renders its tables and charts, and takes a screenshot', async () => {
    const { file } = await page(BASKET, 'browser.html');
    const dom = openInChromium(file, ['--dump-dom']);
    expect(consoleErrors(dom.stderr)).toEqual([]);
    expect(dom.stdout).toContain('<section id="by-scenario">');
    expect((dom.stdout.match(/<svg /g) ?? []).length).toBe(3);
    mkdirSync(ARTIFACTS, { recursive: true });
    const shot = join(ARTIFACTS, 'compare-basket.png');
    rmSync(shot, { force: true });
    const s = openInChromium(file, [`--screenshot=${shot}`]);
    expect(consoleErrors(s.stderr)).toEqual([]);
    expect(existsSync(shot) && statSync(shot).size > 10_000).toBe(true);
  }, 120_000);

  it('opens the calc page with no console error, and takes a screenshot', async () => {
    const file = join(dir, 'calc-browser.html');
    expect((await tariff(['calc', 'data/examples/shipments.csv', '--format', 'html', '--out', file])).code).toBe(0);
    const dom = openInChromium(file, ['--dump-dom']);
    expect(consoleErrors(dom.stderr)).toEqual([]);
    expect(dom.stdout).toContain('<section id="by-measure">');
    mkdirSync(ARTIFACTS, { recursive: true });
    const shot = join(ARTIFACTS, 'calc-shipments.png');
    rmSync(shot, { force: true });
    const s = openInChromium(file, [`--screenshot=${shot}`]);
    expect(consoleErrors(s.stderr)).toEqual([]);
    expect(existsSync(shot) && statSync(shot).size > 10_000).toBe(true);
  }, 120_000);
});
