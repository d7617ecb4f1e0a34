/**
 * End to end: the output and semantics findings of the December 2026 QA pass (issue 16; ../shared/QA-2026-12.md),
 * each run as a user runs it, the built CLI in a child process killed if it outlives a timeout.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers.js';
import { parseCsv } from './cli.js';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The built CLI with NO_COLOR, a fixed today, and a hard timeout (a hang fails the test, it does not hold the run). */
function run(args: string[], opts: { stdin?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TARIFF_TODAY: '2026-09-01', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: opts.timeoutMs ?? 20_000,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.on('error', () => {});
    child.stdin.end(opts.stdin ?? '');
  });
}

const dir = mkdtempSync(join(tmpdir(), 'tariff-qa-out-'));
/** Writes a file of the test's own into a temporary folder and returns its path. */
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** A user MFN table (the `tariff hts import` format) with a specific and a compound rate, and without 9018.90.80. */
const HTS_TABLE = JSON.stringify({
  id: 'qa-hts',
  title: 'QA table',
  asOf: 'test',
  entries: [
    { hts: '0201.10.05', pct: '0', specific: { cents: '4.4', unit: 'kg' }, text: '4.4¢/kg', description: 'beef', confidence: 'primary', source: 'test' },
    { hts: '8501.10.20', pct: '2.5', specific: { cents: '4.4', unit: 'kg' }, text: '2.5% + 4.4¢/kg', description: 'motors', confidence: 'primary', source: 'test' },
    { hts: '8703.23.01', pct: '2.5', description: 'cars', confidence: 'primary', source: 'test' },
  ],
});

describe('QA #1, #25: timeline refuses what calc refuses, with the same reasons', () => {
  const table = () => file('qa-hts.json', HTS_TABLE);
  it.each([
    // 8708: its lines differ in MFN rate (2.5% or Free) on every date, and in Section 232 scope from 2025-03-12.
    ['a code too short to decide', ['--hts', '8708'], /HTS 8708 is not specific enough/],
    ['an unknown category', ['--category', 'toys'], /unknown category "toys"/],
    ['the general category, which has no MFN rate', ['--category', 'general'], /no MFN rate|give .*mfn_rate|--mfn-rate/],
  ])('%s: an error, not a 0%% "MFN only" step', async (_what, args, reason) => {
    const r = await run(['timeline', ...args, '--format', 'csv']);
    expect(r.signal).toBeNull();
    expect(r.code).not.toBe(0);
    expect(r.stdout).not.toMatch(/MFN only/);
    expect(r.stderr).toMatch(reason);
    // calc refuses the same good with the same reason
    const c = await run(['calc', '--value', '100', ...args, '--date', '2025-09-01', '--format', 'csv']);
    expect(c.code).toBe(1);
    expect(c.stderr).toMatch(reason);
  });

  it.each([
    ['a code the MFN table does not have', '9018.90.80', /no MFN rate known for HTS 9018\.90\.80/],
    ['a specific MFN rate', '0201.10.05', /4\.4¢\/kg.*--mfn-rate|--mfn-rate.*4\.4¢\/kg/],
    ['a compound MFN rate', '8501.10.20', /2\.5% \+ 4\.4¢\/kg.*--mfn-rate|--mfn-rate.*2\.5% \+ 4\.4¢\/kg/],
  ])('%s (user --hts-table): an error naming the reason', async (_what, hts, reason) => {
    const r = await run(['timeline', '--hts', hts, '--hts-table', table(), '--format', 'csv']);
    expect(r.code).not.toBe(0);
    expect(r.stdout).not.toMatch(/MFN only/);
    expect(r.stderr).toMatch(reason);
  });

  it('a good given with --mfn-rate is charted; the car of the user table too', async () => {
    const r = await run(['timeline', '--hts', '0201.10.05', '--hts-table', table(), '--mfn-rate', '3', '--to', '2025-04-04', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(parseCsv(r.stdout)[0]).toMatchObject({ date: '2025-03-12', rate: '3' });
    const car = await run(['timeline', '--hts', '8703.23.01', '--hts-table', table(), '--to', '2025-04-04', '--format', 'csv']);
    expect(parseCsv(car.stdout).map((x) => x.rate)).toEqual(['2.5', '27.5']);
  });

  it('a basket whose every row is refused: the rows listed, no step, exit 1', async () => {
    const r = await run(['timeline', '--format', 'csv'], { stdin: 'id,hts,value\na,8708,100\nb,9999.99.99,5\n', env: {} });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/MFN only/);
    expect(r.stderr).toMatch(/line 2, hts: HTS 8708 is not specific enough/);
  });

  it('a code decidable on some dates only (8703: one MFN rate, split by Section 232 from 2025-04-03) is charted until then, then n/a with calc\'s reason', async () => {
    const r = await run(['timeline', '--hts', '8703', '--format', 'csv']);
    const steps = parseCsv(r.stdout);
    expect(steps.slice(0, 2).map((x) => [x.date, x.rate])).toEqual([['2025-03-12', '2.5'], ['2025-04-03', 'n/a']]);
    expect(steps[1]!.events).toMatch(/HTS 8703 is not specific enough/);
    const c = await run(['calc', '--value', '100', '--hts', '8703', '--date', '2025-04-03', '--format', 'csv']);
    expect(c.code).toBe(1);
    expect(c.stderr).toMatch(/HTS 8703 is not specific enough/);
  });

  it('#25: a header-only basket says there are no rows (exit 1), never 0% "MFN only"', async () => {
    const r = await run(['timeline', '--format', 'csv'], { stdin: 'id,hts,value,date\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no rows/);
  });
});

describe('QA #2, #16: scenario files', () => {
  const rmMfn = () => file('rm-mfn.json', JSON.stringify({ id: 'x', title: 'x', base: 'us', description: 'x', changes: [{ op: 'remove', measure: 'mfn' }] }));

  it('#2: a scenario removing MFN is invalid (validate) and refused by calc, naming the file and the JSON path', async () => {
    const v = await run(['schedule', 'validate', rmMfn()]);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/changes\[0\]\.measure: MFN always applies/);
    const c = await run(['calc', '--value', '1000', '--hts', '8457.10.00', '--date', '2025-09-01', '--scenario-file', rmMfn(), '--format', 'json']);
    expect(c.code).toBe(1);
    expect(c.stdout).toBe('');
    expect(c.stderr).toContain('rm-mfn.json');
    expect(c.stderr).toMatch(/changes\[0\]\.measure: MFN always applies/);
  });

  it('#16: an overlap made by a scenario is reported at its own path, changes[0].set.to, by validate and by calc', async () => {
    const overlap = file('overlap.json', JSON.stringify({
      id: 'overlap', title: 'x', base: 'us', description: 'x',
      changes: [{ op: 'modify', measure: 'ieepa-pause-10', set: { to: '2025-09-01' } }],
    }));
    const v = await run(['schedule', 'validate', overlap]);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/changes\[0\]\.set\.to: .*ieepa-pause-10/);
    expect(v.stdout).not.toMatch(/measures\[\d+\]/);
    const c = await run(['calc', '--value', '1000', '--hts', '8457.10.00', '--date', '2025-09-01', '--scenario-file', overlap]);
    expect(c.code).toBe(1);
    expect(c.stderr).toMatch(/changes\[0\]\.set\.to: /);
  });
});

/** Any C0 control byte but the line feed, DEL, or a C1 control: what must never reach a terminal raw. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f\x80-\x9f]/;

describe('QA #9, #10: one escaping rule for user text on human-facing streams; machine formats keep the data', () => {
  const esc = 'id,hts,value,date\na,8457.10.00,\x1b]0;owned\x07\x1b[2J,2025-09-01\nb\x1b[31m,8457.10.00,100,2025-09-01\nc,8457.10.00,1\x0000,2025-09-01\n';

  it('#9: calc --format table: control characters of the file are shown escaped in the table and on stderr', async () => {
    const r = await run(['calc', '--format', 'table'], { stdin: esc });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stderr).toContain('\\x1b]0;owned\\x07\\x1b[2J');
    expect(r.stdout).toContain('\\x1b]0;owned\\x07\\x1b[2J'); // the table's Rejected section
    expect(r.stdout).toContain('b\\x1b[31m'); // an id in the table
    expect(r.stderr).toContain('1\\x0000'); // a NUL no longer hides in "100"
  });

  it('#9: compare and timeline messages escape them too', async () => {
    const c = await run(['compare', '--format', 'csv'], { stdin: esc });
    expect(c.stderr).not.toMatch(RAW_CONTROL);
    expect(c.stderr).toContain('\\x1b]0;owned');
    const t = await run(['timeline', '--format', 'csv'], { stdin: esc });
    expect(t.stderr).not.toMatch(RAW_CONTROL);
    expect(t.stderr).toContain('\\x1b]0;owned');
  });

  it('#9: csv and json keep the text exact (a NUL in an id stays a NUL; JSON escapes it itself)', async () => {
    const input = 'id,hts,value,date\nx\x00y,8457.10.00,100,2025-09-01\n';
    const csv = await run(['calc', '--format', 'csv'], { stdin: input });
    expect(parseCsv(csv.stdout)[0]!.id).toBe('x\x00y');
    const json = await run(['calc', '--format', 'json'], { stdin: input });
    expect(json.stdout).toContain('"x\\u0000y"');
    expect(JSON.parse(json.stdout).lines[0].id).toBe('x\x00y');
  });

  it('#10: compare --format markdown escapes HTML in keys and flattens a line break in a key', async () => {
    const ids = 'id,hts,value,date\n"<img src=x onerror=alert(1)>",8457.10.00,100,2025-09-01\n"multi\nline",8457.10.00,100,2025-09-01\n';
    const r = await run(['compare', '--by', 'id', '--format', 'markdown'], { stdin: ids });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('<img');
    expect(r.stdout).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(r.stdout).toMatch(/^\| multi line \|/m);
    // every table line of the markdown is a whole row
    for (const line of r.stdout.split('\n').filter((l) => l.startsWith('|'))) expect(line.endsWith('|')).toBe(true);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
  });

  it('#10: the terminal table of compare flattens the key and escapes its controls', async () => {
    const r = await run(['compare', '--by', 'id', '--format', 'table'], { stdin: 'id,hts,value,date\n"two\nlines\x1b[2J",8457.10.00,100,2025-09-01\n' });
    expect(r.stdout).toContain('two lines\\x1b[2J');
    expect(r.stdout).not.toMatch(RAW_CONTROL);
  });
});

describe('QA #12: --date means one thing in calc and compare; --on evaluates every row on one date', () => {
  // A dated file: a car before and after the 2025-09-16 change, a machine with an explicit MFN rate, one row undated.
  const dated = 'id,hts,value,date,mfn_rate\nc1,8703.23.01,30000,2025-05-01,\nc2,8703.23.01,30000,2025-10-01,\nm1,8457.10.00,1000,2025-04-09,4.2\nu1,8457.10.00,500,,4.2\n';
  const totals = (doc: { totals: Record<string, unknown> }) => {
    const { lines, rejected, value, duty, effectiveRate } = doc.totals;
    return { lines, rejected, value, duty, effectiveRate };
  };

  it('compare --date D on a dated file: the totals equal those of calc --date D --scenario X, for every scenario', async () => {
    const f = file('dated.csv', dated);
    const cmp = JSON.parse((await run(['compare', f, '--date', '2025-08-01', '--format', 'json'])).stdout);
    expect(cmp.scenarios).toHaveLength(3);
    for (const s of cmp.scenarios) {
      const calc = await run(['calc', f, '--date', '2025-08-01', '--scenario', s.name, '--format', 'json']);
      expect(s.totals, s.name).toEqual(totals(JSON.parse(calc.stdout)));
    }
  });

  it('compare --on D evaluates every row on D: equal to calc on the same rows all dated D', async () => {
    const f = file('dated-on.csv', dated);
    const allOnD = file('all-on.csv', dated.replace(/,20\d\d-\d\d-\d\d,/g, ',2025-08-01,').replace('u1,8457.10.00,500,,', 'u1,8457.10.00,500,2025-08-01,'));
    const cmp = await run(['compare', f, '--on', '2025-08-01', '--format', 'json']);
    expect(cmp.code).toBe(0);
    const doc = JSON.parse(cmp.stdout);
    expect(doc.on).toBe('2025-08-01');
    for (const s of doc.scenarios) {
      const calc = await run(['calc', allOnD, '--scenario', s.name, '--format', 'json']);
      expect(s.totals, s.name).toEqual(totals(JSON.parse(calc.stdout)));
    }
    // and it is not what --date gives on a dated file
    const byDate = JSON.parse((await run(['compare', f, '--date', '2025-08-01', '--format', 'json'])).stdout);
    expect(byDate.scenarios[0].totals.duty).not.toBe(doc.scenarios[0].totals.duty);
  });

  it('--date and --on together are a usage error', async () => {
    const r = await run(['compare', file('both.csv', dated), '--date', '2025-08-01', '--on', '2025-08-01']);
    expect(r.code).toBe(2);
  });
});

describe('QA #26, #27, #30: schedule commands and the README scenario example', () => {
  it('#26: schedule list, show and validate accept --no-color like every other command', async () => {
    for (const args of [['schedule', 'show', '--no-color'], ['schedule', 'list', '--no-color'], ['schedule', 'validate', 'data/scenarios/no-deal.json', '--no-color']]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(0);
    }
  });

  it('#27: the README example scenario "autos-at-10" is the bundled file', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes('"id": "autos-at-10"'));
    expect(block).toBeDefined();
    const example = JSON.parse(block!);
    const bundled = JSON.parse(readFileSync(join(ROOT, 'data/scenarios/autos-at-10.json'), 'utf8'));
    expect({ ...example, description: bundled.description }).toEqual(bundled);
  });

  it('#30: schedule show FILE shows the measures as a user scenario file changes them', async () => {
    const f = file('my-autos.json', JSON.stringify({
      id: 'my-autos', title: 'x', base: 'us', description: 'x',
      changes: [{ op: 'modify', measure: 's232-vehicles-japan-inclusive-15', set: { rate: { kind: 'ad-valorem', pct: '7' } } }],
    }));
    const r = await run(['schedule', 'show', f, '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.scenario).toBe('my-autos');
    expect(doc.measures.find((m: { id: string }) => m.id === 's232-vehicles-japan-inclusive-15').rate).toBe('+7%');
    const bad = await run(['schedule', 'show', file('rm.json', JSON.stringify({ id: 'r', title: 'x', base: 'us', description: 'x', changes: [{ op: 'remove', measure: 'nope' }] }))]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/changes\[0\]\.measure: unknown measure "nope"/);
  });
});

describe('QA #24: bad flag values are usage errors (exit 2), and no flag is silently ignored', () => {
  const base = ['calc', '--value', '100', '--hts', '8457.10.00', '--date', '2025-09-01', '--format', 'csv'];
  it.each([
    [['--us-content', '101'], /--us-content: .*at most 100/],
    [['--us-content', '-5'], /--us-content: /],
    [['--metal-value', '200'], /--metal-value: .*more than the value/],
    [['--loaded', '2025-09-02'], /--loaded: .*after the entry date 2025-09-01/],
    [['--loaded', '2025-13-01'], /--loaded: expected a calendar date/],
    [['--quantity', 'five'], /--quantity: /],
    [['--category', 'vehicles'], /--hts .*--category|--category .*--hts/],
  ])('%s', async (extra, message) => {
    const r = await run([...base, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('--quantity for a good whose MFN rate is ad valorem is computed, with a warning that it was not used', async () => {
    const r = await run([...base, '--quantity', '5']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: --quantity .*not used/);
  });

  it('compare checks the same flags', async () => {
    const r = await run(['compare', '--value', '100', '--hts', '8457.10.00', '--date', '2025-09-01', '--us-content', '101']);
    expect(r.code).toBe(2);
  });
});

describe('QA #11: us_content given for a Section 232 car is said to be unused, not "not given"', () => {
  it('a car under the 25% autos action with --us-content 50', async () => {
    const r = await run(['calc', '--value', '30000', '--hts', '8703.23.01', '--us-content', '50', '--date', '2025-05-01', '--format', 'json']);
    expect(r.code).toBe(0);
    const line = JSON.parse(r.stdout).lines[0];
    expect(line.duty).toBe('8250.00'); // 2.5% + 25% of the full value: approved US content (9903.94.02) is not modelled
    expect(line.notes.join(' ')).not.toMatch(/US content not given/);
    expect(line.notes.join(' ')).toMatch(/us_content is not used/);
    expect(line.notes.join(' ')).toMatch(/approved US content \(9903\.94\.02.*\) is not modelled/);
  });

  it('without us_content the assumption is still stated', async () => {
    const r = await run(['calc', '--value', '30000', '--hts', '8703.23.01', '--date', '2025-05-01', '--format', 'json']);
    expect(JSON.parse(r.stdout).lines[0].notes.join(' ')).toMatch(/approved US content \(9903\.94\.02.*\) is not modelled/);
  });
});

describe('QA #20: an entry with a rejected line is flagged, and its first line picks the fiscal year', () => {
  it('a rejected first line dated 2025-09-30 (FY2025), a computed one dated 2025-10-01 (FY2026)', async () => {
    const r = await run(['calc', '--format', 'json'], { stdin: 'id,hts,value,date,entry\na,87A3,100,2025-09-30,E1\nb,8457.10.00,1000,2025-10-01,E1\n' });
    expect(r.code).toBe(1);
    const e = JSON.parse(r.stdout).entries[0];
    expect(e).toMatchObject({ entry: 'E1', lines: 1, rejected: 1, fiscalYear: 'FY2025', value: '1000.00' });
    expect(e.notes.join(' ')).toMatch(/1 of its 2 lines .*rejected.*fees cover only/);
  });

  it('an entry none of whose lines is computed owes no fee computed from nothing', async () => {
    const r = await run(['calc', '--format', 'json'], { stdin: 'id,hts,value,date,entry\na,87A3,100,2025-09-30,E2\n' });
    const doc = JSON.parse(r.stdout);
    expect(doc.entries[0]).toMatchObject({ entry: 'E2', lines: 0, rejected: 1, mpf: '0.00', hmf: '0.00' });
    expect(doc.totals.mpf).toBe('0.00');
  });
});

describe('QA #21: the table sums up mixed entries in one note and marks them in the Entries table', () => {
  it('three mixed entries and one with a rejected line: two summary notes, not one per entry', async () => {
    const rows = ['id,hts,value,date,entry,mode,mfn_rate'];
    for (const e of ['E1', 'E2', 'E3']) rows.push(`${e}a,8457.10.00,1000,2025-10-01,${e},air,4.2`, `${e}b,8457.10.00,90000,2025-10-02,${e},ocean,4.2`);
    rows.push('E4a,8457.10.00,1000,2025-10-01,E4,ocean,4.2', 'E4b,87A3,1000,2025-10-01,E4,ocean,4.2');
    const r = await run(['calc', '--format', 'table'], { stdin: `${rows.join('\n')}\n` });
    const notes = r.stdout.slice(r.stdout.indexOf('Notes'));
    expect(notes).not.toMatch(/lines of entry E\d differ/);
    expect(notes).toMatch(/3 entries \(E1, E2, E3\) mix entry dates or modes/);
    expect(notes).toMatch(/1 entry \(E4\) has rejected lines: its fees cover only/);
    // the Entries table says which mode it shows
    expect(r.stdout).toMatch(/E1\s+2\s+91,?000\.00\s+air \(first line; mixed\)|E1 .*mixed/);
  });
});

describe('QA #22: csv says when a rate applies to a base other than the value', () => {
  it('a steel derivative with metal_value, entered 2025-09-01: the bases are in the notes column', async () => {
    const r = await run(['calc', '--value', '10000', '--hts', '7318.12.00', '--metal-value', '6000', '--date', '2025-09-01', '--format', 'csv']);
    const row = parseCsv(r.stdout)[0]!;
    expect(row['section-232-metals_duty']).toBe('3000.00'); // 50% of the metal value 6,000
    expect(row.notes).toMatch(/section-232-metals rate applies to the metal value/);
    expect(row.notes).toMatch(/reciprocal rate applies to the value minus the metal value/);
    // json already says it
    const j = JSON.parse((await run(['calc', '--value', '10000', '--hts', '7318.12.00', '--metal-value', '6000', '--date', '2025-09-01', '--format', 'json'])).stdout);
    expect(j.lines[0].duties.map((d: { base?: string }) => d.base ?? 'value')).toEqual(['value', 'remainder', 'metal']);
  });

  it('a US-content share: the non-US share is said', async () => {
    const r = await run(['calc', '--value', '10000', '--hts', '8457.10.00', '--mfn-rate', '4.2', '--us-content', '30', '--date', '2025-04-12', '--format', 'csv']);
    expect(parseCsv(r.stdout)[0]!.notes).toMatch(/reciprocal rate applies to the non-US share of the value \(100% - us_content\)/);
  });
});

describe('QA #23: a difference between scenarios that computed different rows is flagged', () => {
  it('a row computed under the baseline and rejected under the other scenario', async () => {
    const { readFileSync } = await import('node:fs');
    const japan = JSON.parse(readFileSync(join(ROOT, 'data/schedules/parts/japan.json'), 'utf8'));
    const template = japan.measures.find((m: { rate: { kind: string } }) => m.rate.kind === 'not-modelled');
    const measure = { ...template, id: 'qa-not-modelled-machines', scope: { hts: ['8457.10.00'] }, window: { from: '2025-01-01' }, displaces: [] };
    const f = file('nm.json', JSON.stringify({ id: 'qa-nm', title: 'x', base: 'us', description: 'x', changes: [{ op: 'add', measure }] }));
    const input = 'id,hts,value,date,mfn_rate\nm,8457.10.00,1000,2025-09-01,4.2\nc,8703.23.01,30000,2025-09-01,\n';
    const r = await run(['compare', '--scenarios', 'as-enacted', '--scenario-file', f, '--format', 'json'], { stdin: input });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.scenarios.map((s: { totals: { lines: number } }) => s.totals.lines)).toEqual([2, 1]);
    expect(doc.differences[0]).toMatchObject({ scenario: 'qa-nm', differentRows: 1 });
    expect(r.stderr).toMatch(/qa-nm.*computed 1 row.*differently|not like for like|1 row .*only/);
    const t = await run(['compare', '--scenarios', 'as-enacted', '--scenario-file', f, '--format', 'table'], { stdin: input });
    expect(t.stdout).toMatch(/\*.*1 row computed under only one of/);
  });
});

describe('QA #13: tables fit an 80-column terminal (COLUMNS=80)', () => {
  const env = { COLUMNS: '80' };
  const widest = (text: string) => Math.max(...text.split('\n').map((l) => [...l].length));
  it.each([
    ['calc, a file', ['calc', 'data/examples/shipments.csv', '--format', 'table']],
    ['calc, the README one-import example', ['calc', '--value', '45000', '--hts', '8703.24.01', '--date', '2025-05-01', '--format', 'table']],
    ['explain', ['explain', '--value', '30000', '--hts', '8703.23.01', '--date', '2025-05-01']],
    ['compare --per hour', ['compare', 'data/examples/japan-imports-2024.csv', '--date', '2025-10-01', '--per', 'hour', '--format', 'table']],
    ['compare --by measure', ['compare', 'data/examples/shipments.csv', '--by', 'measure', '--format', 'table']],
    ['timeline --hts', ['timeline', '--hts', '8703.23.01', '--format', 'table']],
    ['timeline of a basket, two scenarios', ['timeline', 'data/examples/japan-imports-2024.csv', '--scenarios', 'as-enacted,no-deal', '--format', 'table']],
  ])('%s: no line wider than 80, nothing cut off', async (_what, args) => {
    const r = await run(args, { env });
    expect(r.stdout.length).toBeGreaterThan(0);
    expect(widest(r.stdout)).toBeLessThanOrEqual(80);
    // every measure applied is there in full (wrapped, never truncated with an ellipsis inside a cell)
    expect(r.stdout).not.toMatch(/\w…/);
  });

  it('without COLUMNS and not on a terminal, lines are left whole (a file or a pipe has no width)', async () => {
    const r = await run(['calc', '--value', '45000', '--hts', '8703.24.01', '--date', '2025-05-01', '--format', 'table']);
    expect(widest(r.stdout)).toBeGreaterThan(80);
  });

  it('the one-import table at 80 columns (snapshot)', async () => {
    const r = await run(['calc', '--value', '30000', '--hts', '8703.23.01', '--mfn-rate', '2.5', '--date', '2025-05-01', '--no-fees', '--format', 'table'], { env });
    expect(r.stdout.slice(0, r.stdout.indexOf('Totals'))).toMatchSnapshot();
  });
});

describe('QA #30 (in part): money in tables has $ and thousands separators; calc tables sum up by category', () => {
  it('calc table', async () => {
    const r = await run(['calc', 'data/examples/shipments.csv', '--format', 'table']);
    expect(r.stdout).toMatch(/\$\d{1,3}(,\d{3})+\.\d\d/);
    expect(r.stdout).toMatch(/By category[\s\S]*vehicles[\s\S]*general/);
    // csv keeps plain amounts, for programs
    const csv = await run(['calc', 'data/examples/shipments.csv', '--format', 'csv']);
    expect(csv.stdout).not.toContain('$');
  });

  it('compare table', async () => {
    const r = await run(['compare', 'data/examples/japan-imports-2024.csv', '--date', '2025-10-01', '--per', 'hour', '--format', 'table']);
    expect(r.stdout).toContain('$2,536,024.54');
  });
});

describe('QA #9: messages about bad arguments escape control characters too', () => {
  it('an unknown option with ESC bytes in it, and a bad --date', async () => {
    const a = await run(['calc', '--\x1b]0;owned\x07']);
    expect(a.code).toBe(2);
    expect(a.stderr).not.toMatch(RAW_CONTROL);
    expect(a.stderr).toContain('\\x1b]0;owned\\x07');
    const b = await run(['calc', '--value', '1', '--hts', '8457.10.00', '--date', '2025\x1b[2J']);
    expect(b.code).toBe(2);
    expect(b.stderr).not.toMatch(RAW_CONTROL);
  });
});
