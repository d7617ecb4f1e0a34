/**
 * End to end: an importer says whether a good of a note 33(g) provision is an automobile part (HTS ch. 99 subch. III
 * U.S. note 33(f): the Section 232 parts duty is on "parts of passenger vehicles ... and light trucks" only; note
 * 33(h)(ii), heading 9903.94.06, for the goods of those provisions that are not), with the auto_part column or the
 * --auto-part flag, as a user would. A Chinese laptop (8471.30.01, $1,000.00, 2026-01-10) pays the fentanyl 10%
 * (100.00) as not a part, 350.00 as one; an 8708 part is one by its description, so "no" is rejected.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv, tariff } from './cli.js';

const ROWS = ['id,hts,origin,date,value,auto_part', 'laptop,8471.30.01,CN,2026-01-10,1000,', 'laptop-part,8471.30.01,CN,2026-01-10,1000,yes', 'laptop-not,8471.30.01,CN,2026-01-10,1000,no', 'brake,8708.30.50,CN,2026-01-10,1000,no', 'bad,8471.30.01,CN,2026-01-10,1000,perhaps'].join('\n');

describe('calc with the auto_part column and --auto-part', () => {
  it('the column decides; without it the line says what it assumed; no on an 8708 line and a bad value are rejected, exit 1', async () => {
    const r = await tariff(['calc', '--format', 'csv', '--no-fees'], { stdin: `${ROWS}\n` });
    expect(r.code).toBe(1);
    const out = Object.fromEntries(parseCsv(r.stdout).map((l) => [l.id, l]));
    expect(out.laptop).toMatchObject({ status: 'ok', duty: '100.00', measures: 'mfn cn-fentanyl-10-eo14357', 'section-232-autos_rate': '' });
    expect(out.laptop!.notes).toMatch(/auto_part not given: assumed not a part of a passenger vehicle or light truck.*give auto_part = yes \(--auto-part yes\)/);
    expect(out['laptop-part']).toMatchObject({ status: 'ok', duty: '350.00', 'section-232-autos_rate': '25', 'section-232-autos_duty': '250.00', notes: '' });
    expect(out['laptop-not']).toMatchObject({ status: 'ok', duty: '100.00', notes: '' });
    expect(out.brake).toMatchObject({ status: 'rejected', rejected_field: 'auto_part' });
    expect(out.brake!.rejected_reason).toMatch(/^auto_part is no, but for HTS 8708\.30\.50 .* admits no other case: its official description names the motor vehicle/);
    expect(out.bad).toMatchObject({ status: 'rejected', rejected_field: 'auto_part' });
    expect(r.stderr).toContain('(stdin) line 6, column "auto_part": expected yes or no');
  });

  it('--auto-part gives one import its answer, and a file its default; a bad flag is a usage error (exit 2)', async () => {
    const one = (...extra: string[]) => tariff(['calc', '--value', '1000', '--hts', '8471.30.01', '--origin', 'CN', '--date', '2026-01-10', '--no-fees', '--format', 'csv', ...extra]);
    expect(parseCsv((await one('--auto-part', 'yes')).stdout)[0]!.duty).toBe('350.00');
    expect(parseCsv((await one('--auto-part', 'no')).stdout)[0]!.duty).toBe('100.00');
    const bad = await one('--auto-part', 'maybe');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--auto-part: expected yes or no');
    // A file: rows without the column take the flag.
    const file = await tariff(['calc', '--auto-part', 'yes', '--format', 'csv', '--no-fees'], { stdin: 'hts,origin,date,value\n8471.30.01,CN,2026-01-10,1000\n' });
    expect(parseCsv(file.stdout)[0]!.duty).toBe('350.00');
  });

  it('--range gives both answers for a row without the fact, none for a row that gives it', async () => {
    const r = await tariff(['calc', '--range', '--no-fees', '--format', 'csv'], { stdin: 'id,hts,origin,date,value,auto_part\nq,8471.30.01,CN,2026-01-10,1000,\ny,8471.30.01,CN,2026-01-10,1000,yes\n' });
    expect(r.code, r.stderr).toBe(0);
    const [q, y] = parseCsv(r.stdout);
    expect(q).toMatchObject({ duty: '100.00', duty_low: '100.00', low_assumes: '', duty_high: '350.00', high_assumes: 'auto_part yes', high_facts: 'auto_part=yes', varied: 'auto_part' });
    expect(y).toMatchObject({ duty: '350.00', duty_low: '350.00', duty_high: '350.00', varied: '' });
  });

  it('explain, compare and timeline read it too', async () => {
    const ex = await tariff(['explain', '--value', '1000', '--hts', '8471.30.01', '--origin', 'CN', '--date', '2026-01-10', '--format', 'csv']);
    expect(ex.code, ex.stderr).toBe(0);
    expect(parseCsv(ex.stdout)[0]!.explain).toMatch(/s232-parts-25: not applied, outside this measure by default: auto_part not given/);
    const cmp = await tariff(['compare', '--scenarios', 'as-enacted', '--auto-part', 'yes', '--date', '2026-01-10', '--format', 'json'], { stdin: 'hts,origin,value\n8471.30.01,CN,1000\n' });
    expect(cmp.code, cmp.stderr).toBe(0);
    expect(JSON.stringify(JSON.parse(cmp.stdout))).toContain('"350.00"');
    const tl = await tariff(['timeline', '--hts', '8471.30.01', '--origin', 'CN', '--from', '2025-05-01', '--to', '2025-05-10', '--auto-part', 'yes', '--format', 'csv']);
    expect(tl.code, tl.stderr).toBe(0);
    expect(tl.stdout).toMatch(/2025-05-03,[^\n]*45/);
    const plain = await tariff(['timeline', '--hts', '8471.30.01', '--origin', 'CN', '--from', '2025-05-01', '--to', '2025-05-10', '--format', 'csv']);
    expect(plain.stdout).not.toMatch(/2025-05-03/);
  });
});
