/**
 * End to end, the input side of QA-2026-12 (issue 16): inputs that are not CSV text, files that are not regular
 * files, stray quotes, over-long fields. Every run is under a timeout that kills the CLI, so a hang fails the test
 * instead of hanging the suite.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Killed at the timeout. */
  timedOut: boolean;
  ms: number;
}

/** The built CLI with `args`, stdin from `stdin` (a string, bytes, or a generator of chunks written with back-pressure). */
function tariffTimed(args: string[], stdin: string | Buffer | Iterable<string | Buffer> = '', timeoutMs = 20_000, shell = false): Promise<Run> {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const child = shell
      ? spawn('bash', ['-c', args.join(' ')], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TARIFF_TODAY: '2026-11-22', BIN } })
      : spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TARIFF_TODAY: '2026-11-22' } });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut, ms: Date.now() - start });
    });
    child.stdin.on('error', () => {});
    if (typeof stdin === 'string' || Buffer.isBuffer(stdin)) child.stdin.end(stdin);
    else {
      const it = stdin[Symbol.iterator]();
      const pump = () => {
        for (;;) {
          const n = it.next();
          if (n.done) return void child.stdin.end();
          if (!child.stdin.write(n.value)) return void child.stdin.once('drain', pump);
        }
      };
      pump();
    }
  });
}

const HEAD = 'id,hts,value,date';
const ROW = 'a,8457.10.00,100,2025-09-01';
/** No control byte but line breaks and tabs, raw, in what the CLI says. */
const RAW_CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/; // eslint-disable-line no-control-regex

describe('inputs that are not CSV text get a message naming what they look like (QA-2026-12 #14, #15)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tariff-notcsv-'));
  const csv = `${HEAD}\n${ROW}\n`;
  const utf16le = Buffer.from(csv, 'utf16le');
  const cases: [string, Buffer, RegExp][] = [
    ['book.csv (a zip: an Excel workbook with the wrong name)', Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x06\x00'), Buffer.alloc(900, 0x1b)]), /book\.csv: this looks like an Excel workbook or another zip file.*give a workbook a \.xlsx name.*CSV UTF-8/],
    ['d.csv.gz', gzipSync(csv), /d\.csv\.gz: this looks like a gzip-compressed file.*gunzip -c .*d\.csv\.gz \| tariff calc/],
    ['u16-bom.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le]), /u16-bom\.csv: this looks like UTF-16 text \(little-endian, with a byte order mark\), not UTF-8: save it as UTF-8/],
    ['u16.csv', utf16le, /u16\.csv: this looks like UTF-16 text \(little-endian, no byte order mark\)/],
    ['u16be.csv', Buffer.from(Buffer.from(csv, 'utf16le').swap16()), /u16be\.csv: this looks like UTF-16 text \(big-endian, no byte order mark\)/],
    ['cr.csv', Buffer.from(`${HEAD}\r${ROW}\r`), /cr\.csv: the line ends are carriage returns only \(classic Mac.*LF or CRLF/],
    ['bin.csv', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x1b, 0x5d, 0x30, 0x3b]), /bin\.csv: this looks like binary data, not CSV text/],
    ['semi.csv', Buffer.from('id;hts;value;date\na;8457.10.00;100;2025-09-01\n'), /semi\.csv line 1: the header "id;hts;value;date" has no commas and looks separated by semicolons/],
  ];
  it.each(cases)('%s', async (name, bytes, message) => {
    const file = join(dir, name.split(' ')[0]!);
    writeFileSync(file, bytes);
    const r = await tariffTimed(['calc', file]);
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1);
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toBe('');
  });

  it('the same on stdin (no file name: the advice says FILE)', async () => {
    const r = await tariffTimed(['calc'], gzipSync(csv));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^tariff: \(stdin\): this looks like a gzip-compressed file.*gunzip -c FILE \| tariff calc/);
  });

  it('a header with control bytes is quoted back escaped and cut short, never raw', async () => {
    const r = await tariffTimed(['calc'], `id,\x1b]0;owned\x07\x1b[2J${'x'.repeat(500)},date\n${ROW}\n`);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no value column.*found: id, \\x1b\]0;owned\\x07\\x1b\[2J/);
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stderr.length).toBeLessThan(400);
  });

  it('a whitespace-only line is a blank line: skipped, line numbers kept (QA-2026-12 #28)', async () => {
    const r = await tariffTimed(['calc', '--format', 'csv'], `${HEAD}\n   \n\t\n${ROW}\n`);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[1]).toMatch(/^4,ok,a,/);
  });
});

describe('stray quotes and over-long fields (QA-2026-12 #6, #3)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tariff-stray-'));
  const stray = join(dir, 'stray.csv');
  const rows = Array.from({ length: 300_000 }, (_, i) => `r${i},8457.10.00,100,2025-09-01,fine\n`);
  writeFileSync(stray, `id,hts,value,date,note\na,8457.10.00,100,2025-09-01,"oops\n${rows.join('')}`);

  it('one stray quote on line 2 of an 11 MB file: it finishes, that line alone rejected', async () => {
    const one = await tariffTimed(['calc', stray, '--format', 'csv', '--no-fees'], '', 60_000);
    expect(one.timedOut).toBe(false);
    expect(one.code).toBe(1);
    expect(one.stderr).toMatch(/300000 lines computed, 1 rejected/);
    expect(one.stderr).toMatch(/line 2, row: a quoted field is (never closed|still open after 4 MiB)/);
  }, 70_000);

  it('a 5 MiB field is rejected as its line ("field longer than"), the line after it computed; streamed, never held', async () => {
    const chunk = 'z'.repeat(1 << 20);
    function* input() {
      yield 'id,hts,value,date,note\na,8457.10.00,100,2025-09-01,';
      for (let i = 0; i < 5; i++) yield chunk;
      yield '\nb,8457.10.00,100,2025-09-01,ok\n';
    }
    const r = await tariffTimed(['calc', '--format', 'csv', '--no-fees'], input(), 60_000);
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/1 line computed, 1 rejected/);
    expect(r.stderr).toMatch(/line 2, row: field longer than 4194304 characters \(4 MiB\): the line is rejected and reading goes on at the next line/);
    const out = r.stdout.split('\n');
    expect(out.find((l) => l.startsWith('3,ok,b,'))).toBeDefined();
    expect(r.stdout.length).toBeLessThan(10_000); // the rejected line is reported by its start, not echoed whole
  }, 70_000);
});

describe('data files that are not regular files (QA-2026-12 #7)', () => {
  const one = ['calc', '--value', '1000', '--hts', '8457.10.00', '--date', '2026-03-01'];
  const cases: [string, string[]][] = [
    ['--schedule', [...one, '--schedule', '/dev/zero']],
    ['--scenario-file', [...one, '--scenario-file', '/dev/zero']],
    ['--hts-table', [...one, '--hts-table', '/dev/zero']],
    ['schedule validate', ['schedule', 'validate', '/dev/zero']],
    ['hts import', ['hts', 'import', '/dev/zero', '--out', join(mkdtempSync(join(tmpdir(), 'tariff-zero-')), 't.json')]],
  ];
  it.runIf(process.platform === 'linux').each(cases)('%s /dev/zero: refused past 64 MiB, naming the file, exit 1, no hang', async (_name, args) => {
    const r = await tariffTimed(args, '', 30_000);
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/\/dev\/zero[:\s].*(\n.*)?is not a regular file and gave more than 64 MiB without ending/);
  });

  it('a directory is named as one', async () => {
    const r = await tariffTimed([...one, '--scenario-file', 'data']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/data: .*(\n.*)?is a directory, not a file/);
  });

  it.runIf(process.platform === 'linux')('schedule validate <(cat file) reads the pipe once, for every kind of file', async () => {
    for (const [file, kind] of [['data/scenarios/no-deal.json', 'scenario'], ['data/schedules/us.json', 'schedule'], ['data/mfn/hts-2026-rev-10.json', 'mfn table']]) {
      const r = await tariffTimed(['node "$BIN"', 'schedule', 'validate', `<(cat ${file})`], '', 30_000, true);
      expect(r.stdout + r.stderr, file).toMatch(new RegExp(`valid ${kind}`));
      expect(r.code, file).toBe(0);
    }
  });

  it.runIf(process.platform === 'linux')('a pipe is still a way to pass a file: --scenario-file <(cat file), --schedule <(cat file)', async () => {
    const r = await tariffTimed(['node "$BIN"', ...one, '--format', 'csv', '--scenario-file', '<(cat data/scenarios/no-deal.json)', '--schedule', '<(cat data/schedules/us.json)'], '', 30_000, true);
    const plain = await tariffTimed([...one, '--format', 'csv', '--scenario', 'no-deal']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(plain.stdout);
  });
});

describe('percentages in schedules and scenarios state their limits (QA-2026-12 #17)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tariff-pct-'));
  it.each([['1000000'], ['10.1234567']])('"%s"', async (pct) => {
    const file = join(dir, `s-${pct}.json`);
    writeFileSync(file, JSON.stringify({ id: 'x', title: 'x', base: 'us', description: 'x', changes: [{ op: 'modify', measure: 's232-vehicles-japan-inclusive-15', set: { rate: { kind: 'ad-valorem', pct } } }] }));
    const r = await tariffTimed(['schedule', 'validate', file]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/at most 1000 with at most 6 decimals/);
  });
});

describe('a bare carriage return inside an LF file (QA-2026-12 #14)', () => {
  it('the merged line is rejected with a hint about the CR, and the next lines are read', async () => {
    const r = await tariffTimed(['calc', '--format', 'csv'], `${HEAD}\n${ROW}\r${ROW}\n${ROW}\n`);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 2, row: expected 4 fields as in the header, got 7; the line holds a carriage return \(CR\) that is not a line end here: save the file with LF or CRLF line ends/);
    expect(r.stderr).toMatch(/1 line computed, 1 rejected/);
  });
});
