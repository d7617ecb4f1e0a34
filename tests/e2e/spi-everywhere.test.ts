/**
 * End to end: a special program claimed per row (the `spi` column, or `--spi`; General Note 3(c)) is honoured by
 * every command, as calc honours it. A timeline of a good claiming JP (US-Japan Trade Agreement, General Note 36:
 * orchids 0603.13.00 at the JP Special rate 3.2% instead of the General 6.4%) or C (civil aircraft, General Note 6:
 * a UK aluminum aircraft part 8807.30.00.60, whose Section 232 aluminum duty 9903.96.01 lifts from 2025-06-30) charts
 * on each step date, and on the day before it, the rate calc computes for that date with the same claim.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv, tariff } from './cli.js';

interface Step {
  date: string;
  rate: string;
  previous: string | null;
  events: string[];
}

/** The day before a date (YYYY-MM-DD), in UTC. */
function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The timeline's steps (json) of its one scenario. */
async function steps(args: string[], stdin?: string): Promise<Step[]> {
  const r = await tariff(['timeline', ...args, '--format', 'json'], stdin === undefined ? {} : { stdin });
  expect(r.code, r.stderr).toBe(0);
  const doc = JSON.parse(r.stdout) as { scenarios: { steps: Step[] }[] };
  return doc.scenarios[0]!.steps;
}

/**
 * calc's effective rate of the rows (CSV, without a date column) on each date: rows x dates in one run, the
 * value-weighted rate of each date from the totals of its rows (duty / value, as a percent); n/a on a date a row
 * of one good is rejected on.
 */
async function calcRates(header: string, rows: string[], dates: string[]): Promise<Map<string, string>> {
  const input = dates.flatMap((d) => rows.map((r) => ({ d, r })));
  const csv = [`${header},date`, ...input.map(({ d, r }) => `${r},${d}`)].join('\n');
  const r = await tariff(['calc', '--format', 'csv', '--no-fees', '-q'], { stdin: `${csv}\n` });
  expect([0, 1], `${r.stderr}\n${r.stdout}`).toContain(r.code);
  const byDate = new Map<string, { duty: bigint; value: bigint } | 'n/a'>();
  for (const l of parseCsv(r.stdout)) {
    const date = input[Number(l.line) - 2]!.d;
    const t = byDate.get(date) ?? { duty: 0n, value: 0n };
    if (l.status !== 'ok' || t === 'n/a') {
      expect(rows.length, `a basket row rejected on ${date}: ${l.rejected_reason}`).toBe(1);
      byDate.set(date, 'n/a');
      continue;
    }
    t.duty += BigInt(l.duty!.replace('.', ''));
    t.value += BigInt(l.value!.replace('.', ''));
    byDate.set(date, t);
  }
  const rates = new Map<string, string>();
  for (const [date, t] of byDate) {
    if (t === 'n/a') {
      rates.set(date, t);
      continue;
    }
    // duty / value in percent with 4 decimals, half up, as timeline rounds a weighted rate (each row's duty is exact
    // in cents here: whole-dollar values times rates of at most 2 decimals).
    const tenThousandths = (2n * t.duty * 1_000_000n + t.value) / (2n * t.value);
    const whole = tenThousandths / 10_000n;
    const frac = (tenThousandths % 10_000n).toString().padStart(4, '0').replace(/0+$/, '');
    rates.set(date, frac === '' ? `${whole}` : `${whole}.${frac}`);
  }
  return rates;
}

/** Every step's rate equals calc's on its date, and its previous rate calc's on the day before. */
async function expectTimelineIsCalc(s: Step[], header: string, rows: string[]): Promise<void> {
  const dates = [...new Set(s.flatMap((x) => (x.previous === null ? [x.date] : [x.date, dayBefore(x.date)])))];
  const calc = await calcRates(header, rows, dates);
  for (const x of s) {
    expect(`${x.date}: ${calc.get(x.date)}`).toBe(`${x.date}: ${x.rate}`);
    if (x.previous !== null) expect(`${dayBefore(x.date)}: ${calc.get(dayBefore(x.date))}`).toBe(`${dayBefore(x.date)}: ${x.previous}`);
  }
}

describe('timeline: the special program claimed (--spi, the spi column) gives the rates calc gives on each date', () => {
  it('--spi JP: orchids at the JP Special rate 3.2% (General 6.4%); the inclusive 15% still subtracts the General rate', async () => {
    const claimed = await steps(['--hts', '0603.13.00', '--origin', 'JP', '--spi', 'JP', '--from', '2025-03-12', '--to', '2026-06-01']);
    expect(claimed.map((x) => `${x.date} ${x.rate}`)).toEqual([
      '2025-03-12 3.2',
      '2025-04-05 13.2',
      '2025-04-09 27.2',
      '2025-04-10 13.2',
      '2025-08-07 11.8', // 3.2% + (15 - 6.4)%
      '2026-02-24 13.2',
    ]);
    await expectTimelineIsCalc(claimed, 'hts,origin,value,spi', ['0603.13.00,JP,10000,JP']);
    // Without the claim the line is charted at the General rate: the claim is not a no-op here.
    const plain = await steps(['--hts', '0603.13.00', '--origin', 'JP', '--from', '2025-03-12', '--to', '2026-06-01']);
    expect(plain[0]).toMatchObject({ date: '2025-03-12', rate: '6.4' });
  });

  it('--spi C: a UK aluminum aircraft part pays the Section 232 aluminum duty until the UK exemption (9903.96.01, 2025-06-30)', async () => {
    const claimed = await steps(['--hts', '8807.30.00.60', '--origin', 'GB', '--spi', 'C', '--from', '2025-03-12', '--to', '2026-07-01']);
    expect(claimed.map((x) => `${x.date} ${x.rate}`)).toEqual(['2025-03-12 25', '2025-06-30 0']);
    await expectTimelineIsCalc(claimed, 'hts,origin,value,spi', ['8807.30.00.60,GB,10000,C']);
  });

  it('--spi C on 8807.30.00 (its .60 line on the aluminum list): n/a while the lines are treated apart, charted from the UK exemption (9903.96.01, U.S. note 35(a): every line under it)', async () => {
    const claimed = await steps(['--hts', '8807.30.00', '--origin', 'GB', '--spi', 'C', '--from', '2025-03-12', '--to', '2026-07-01']);
    expect(claimed.map((x) => `${x.date} ${x.rate}`)).toEqual(['2025-03-12 n/a', '2025-06-30 0']);
    expect(claimed[0]!.events[0]).toMatch(/HTS 8807\.30\.00 is not specific enough: lines under it such as 8807\.30\.00\.60 are treated differently \(s232-aluminum-25\)/);
    await expectTimelineIsCalc(claimed, 'hts,origin,value,spi', ['8807.30.00,GB,10000,C']);
    // Where the finer lines disagree the code is still n/a: without the claim (the aluminum duty on .60 only), or with
    // Switzerland's, whose exemption (U.S. note 2(v)(xxv)(c), 9903.02.85) lifts the reciprocal duty only; until
    // Proclamation 11021 (2026-04-06) leaves the line off the aluminum measures, as calc computes it.
    // From then Section 122's 10% (9903.03.01), which a C claim lifts for any origin (U.S. note 2(aa)(iv), 9903.03.05).
    for (const [origin, spi, from] of [['GB', '', '10'], ['CH', 'C', '0']] as const) {
      const s = await steps(['--hts', '8807.30.00', '--origin', origin, ...(spi === '' ? [] : ['--spi', spi]), '--from', '2025-03-12', '--to', '2026-07-01']);
      expect(s.map((x) => `${x.date} ${x.rate}`)).toEqual(['2025-03-12 n/a', `2026-04-06 ${from}`]);
      await expectTimelineIsCalc(s, 'hts,origin,value,spi', [`8807.30.00,${origin},10000,${spi}`]);
      // Refused on every date charted: an error, as before, never a step.
      const r = await tariff(['timeline', '--hts', '8807.30.00', '--origin', origin, ...(spi === '' ? [] : ['--spi', spi]), '--from', '2025-03-12', '--to', '2026-04-01', '--format', 'csv']);
      expect(r.code, r.stdout).toBe(2);
      expect(r.stderr).toMatch(/HTS 8807\.30\.00 is not specific enough: lines under it such as 8807\.30\.00\.60 are treated differently/);
    }
  });

  it("a basket's spi column: each row charted with its own claim (a claimed and an unclaimed row of one code are two goods)", async () => {
    const header = 'hts,origin,value,spi';
    const rows = ['0603.13.00,JP,10000,JP', '0603.13.00,JP,30000,', '8411.91.90,JP,20000,C'];
    const basket = await steps(['-', '--from', '2025-03-12', '--to', '2026-06-01'], `${header}\n${rows.join('\n')}\n`);
    expect(basket.length).toBeGreaterThan(3);
    await expectTimelineIsCalc(basket, header, rows);
    // --spi is the default of rows with an empty spi cell, as in calc.
    const byFlag = await steps(['-', '--spi', 'JP', '--from', '2025-03-12', '--to', '2026-06-01'], `${header}\n${rows.join('\n')}\n`);
    await expectTimelineIsCalc(byFlag, header, ['0603.13.00,JP,10000,JP', '0603.13.00,JP,30000,JP', '8411.91.90,JP,20000,C']);
  });

  it('the transshipped column and --transshipped (EO 14326 s.3, heading 9903.02.01: 40% in lieu of the deal rate), as calc', async () => {
    const header = 'hts,origin,value,transshipped';
    const rows = ['0603.13.00,JP,10000,yes', '0603.13.00,JP,30000,no'];
    const basket = await steps(['-', '--from', '2025-03-12', '--to', '2026-06-01'], `${header}\n${rows.join('\n')}\n`);
    await expectTimelineIsCalc(basket, header, rows);
    const one = await steps(['--hts', '0603.13.00', '--origin', 'JP', '--transshipped', '--from', '2025-09-01', '--to', '2025-12-01']);
    expect(one.map((x) => `${x.date} ${x.rate}`)).toEqual(['2025-09-01 46.4']);
    await expectTimelineIsCalc(one, header, ['0603.13.00,JP,10000,yes']);
  });

  it('a claim the line does not allow is refused with calc\'s reason (exit 2 for --hts, listed for a basket row, exit 1)', async () => {
    const one = await tariff(['timeline', '--hts', '0603.13.00', '--origin', 'JP', '--spi', 'KR', '--from', '2025-10-01', '--to', '2025-12-01']);
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/special program KR \(.*\) is for goods of KR, not JP/);
    const basket = await tariff(['timeline', '-', '--from', '2025-10-01', '--to', '2025-12-01', '--format', 'csv'], { stdin: 'hts,origin,value,spi\n0603.13.00,JP,100,C\n0603.13.00,JP,100,\n' });
    expect(basket.code).toBe(1);
    expect(basket.stderr).toMatch(/line 2, spi: 0603\.13\.00 does not list C in its Special column/);
  });
});

describe('explain --spi and --transshipped: the same import and answer as calc --explain with them', () => {
  const cases: [string, string[]][] = [
    // General Note 36: orchids from Japan at the JP Special rate; the inclusive 15% subtracts the General 6.4%.
    ['JP', ['--hts', '0603.13.00', '--origin', 'JP', '--spi', 'JP']],
    // General Note 6 and U.S. note 35(b), 9903.96.02: a Japanese turbine part claimed as civil aircraft.
    ['C', ['--hts', '8411.91.90', '--origin', 'JP', '--spi', 'C']],
    // EO 14326 s.3, heading 9903.02.01: goods found transshipped to evade pay 40% instead of the deal rate.
    ['transshipped', ['--hts', '0603.13.00', '--origin', 'JP', '--transshipped']],
  ];
  for (const [name, flags] of cases) {
    it(`${name}: explain's lines equal calc --explain's, and differ from explain without it`, async () => {
      const common = ['--value', '10000', '--date', '2025-10-01', '--format', 'json'];
      const ex = await tariff(['explain', ...flags, ...common]);
      expect(ex.code, ex.stderr).toBe(0);
      const calc = await tariff(['calc', ...flags, ...common, '--explain', '-q']);
      expect(calc.code, calc.stderr).toBe(0);
      const lines = (s: string) => (JSON.parse(s) as { lines: { duty: string; explain: unknown }[] }).lines;
      expect(lines(ex.stdout)).toEqual(lines(calc.stdout));
      const without = flags.filter((f, i) => !['--spi', '--transshipped'].includes(f) && flags[i - 1] !== '--spi');
      const plain = await tariff(['explain', ...without, ...common]);
      expect(plain.code, plain.stderr).toBe(0);
      expect(lines(plain.stdout)[0]!.duty).not.toBe(lines(ex.stdout)[0]!.duty);
    });
  }
});

describe('calc --spi C on a clock of an aircraft (9104.00.05: General on the movement, case and battery valued apart; Special Free (C))', () => {
  it('is computed at the C rate with the exemption (General Note 6, U.S. note 35(a), 9903.96.01); without the claim it is refused as before', async () => {
    const rows = 'id,hts,origin,date,value,spi\nclaimed,9104.00.05,GB,2025-10-01,2500,C\nplain,9104.00.05,GB,2025-10-01,2500,\n';
    const r = await tariff(['calc', '--format', 'csv', '--no-fees', '-q'], { stdin: rows });
    expect(r.code).toBe(1);
    const out = Object.fromEntries(parseCsv(r.stdout).map((l) => [l.id, l]));
    expect(out.claimed).toMatchObject({ status: 'ok', duty: '0.00', measures: 'mfn civil-aircraft-uk' });
    expect(out.plain).toMatchObject({ status: 'rejected', rejected_field: 'mfn_rate' });
  });
});

describe('compare --spi and --transshipped: the default of rows without the column, as in calc', () => {
  it('each scenario\'s total equals calc --scenario X with the same flags (JP: General Note 36, orchids 0603.13.00)', async () => {
    const flags = ['--hts', '0603.13.00', '--origin', 'JP', '--value', '10000', '--date', '2025-10-01'];
    for (const extra of [['--spi', 'JP'], ['--transshipped']]) {
      const c = await tariff(['compare', ...flags, ...extra, '--scenarios', 'as-enacted,no-deal', '--format', 'csv', '-q']);
      expect(c.code, c.stderr).toBe(0);
      const totals = parseCsv(c.stdout).filter((l) => l.group === '(total)');
      for (const t of totals) {
        const calc = await tariff(['calc', ...flags, ...extra, '--scenario', t.scenario!, '--format', 'csv', '--no-fees', '-q']);
        expect(calc.code, calc.stderr).toBe(0);
        expect(`${t.scenario} ${extra[0]} ${t.duty}`).toBe(`${t.scenario} ${extra[0]} ${parseCsv(calc.stdout)[0]!.duty}`);
      }
      const plain = await tariff(['compare', ...flags, '--scenarios', 'as-enacted', '--format', 'csv', '-q']);
      expect(parseCsv(plain.stdout).find((l) => l.group === '(total)')!.duty).not.toBe(totals[0]!.duty);
    }
  });
});

describe('hts show --spi: the measures as they apply to goods claiming the program, as calc --explain', () => {
  it('a UK aircraft clock (9104.00.05) claiming C: Free and the exemption 9903.96.01; without it, not computed (its General rate)', async () => {
    const r = await tariff(['hts', 'show', '9104.00.05', '--origin', 'GB', '--date', '2025-10-01', '--spi', 'C', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const info = JSON.parse(r.stdout) as { spi: string; measures: { measure: string; rate: string }[]; adValoremTotal: string };
    expect(info).toMatchObject({ spi: 'C', adValoremTotal: '0' });
    expect(info.measures.map((m) => `${m.measure} ${m.rate}`)).toEqual(['mfn 0', 'civil-aircraft-uk 0']);
    const text = await tariff(['hts', 'show', '9104.00.05', '--origin', 'GB', '--date', '2025-10-01', '--spi', 'C']);
    expect(text.stdout).toMatch(/^On 2025-10-01, origin GB, claiming C \(category [a-z-]+\):$/m);
    const plain = await tariff(['hts', 'show', '9104.00.05', '--origin', 'GB', '--date', '2025-10-01', '--format', 'json']);
    expect(JSON.parse(plain.stdout)).not.toHaveProperty('spi');
    expect(JSON.parse(plain.stdout)).toHaveProperty('refused.field', 'mfn_rate');
  });
});
