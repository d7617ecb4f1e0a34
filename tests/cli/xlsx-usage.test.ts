/** CLI wiring of the Excel options: usage errors (exit 2) before any work. */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIo, run } from './fake-io.js';

describe('xlsx options', () => {
  it('refuses --format xlsx to a terminal without --out, with the fix', async () => {
    const f = fakeIo(null, { stdoutTTY: true });
    const code = await main(['calc', '--value', '45000', '--hts', '8703.24.01', '--date', '2025-05-01', '--format', 'xlsx'], f.io);
    expect(code).toBe(2);
    expect(f.out()).toBe('');
    expect(f.err()).toBe(
      'tariff: --format xlsx writes a binary workbook: give --out FILE.xlsx, or redirect stdout to a file\n  e.g. tariff calc lines.csv --format xlsx --out duties.xlsx\n',
    );
  });

  it('refuses --sheet without a workbook FILE', async () => {
    expect(await run(['calc', '--value', '1', '--hts', '8703.24.01', '--sheet', 'S'])).toMatchObject({ code: 2, stderr: 'tariff: --sheet names the sheet of an Excel workbook given as FILE\n' });
    expect(await run(['calc', '-', '--sheet', 'S'], 'id,value\n')).toMatchObject({ code: 2, stderr: 'tariff: --sheet is for an Excel workbook (.xlsx) given as FILE; stdin is read as CSV\n' });
    expect(await run(['timeline', '--hts', '8703.24.01', '--sheet', 'S'])).toMatchObject({ code: 2, stderr: 'tariff: --sheet names the sheet of a basket workbook given as FILE\n' });
  });
});
