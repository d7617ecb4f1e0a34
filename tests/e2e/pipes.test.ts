/** End to end: pipes that close early, and CSV that is safe to open in a spreadsheet. */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers.js';
import { parseCsv, tariff } from './cli.js';

function sh(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TARIFF_TODAY: '2026-11-22' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('pipes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tariff-pipe-'));
  const big = join(dir, 'big.csv');
  writeFileSync(big, ['id,hts,value,date', ...Array.from({ length: 200_000 }, (_, i) => `${i},8703.23.01,${1000 + (i % 997)}.25,2025-05-01`)].join('\n'));

  it('tariff calc big.csv | head -1 ends quietly: exit 0, no error', async () => {
    const r = await sh(`node ${JSON.stringify(BIN)} calc ${JSON.stringify(big)} | head -1; echo "tariff exit: \${PIPESTATUS[0]}" >&2`);
    expect(r.stdout.trim()).toMatch(/^line,status,id,hts,/);
    expect(r.stderr).toMatch(/tariff exit: 0/);
    expect(r.stderr).not.toMatch(/EPIPE|Error|internal/);
  });

  it.runIf(process.platform === 'linux')('a full disk (/dev/full) is said once on stderr and exits 74, for a file and for one import', async () => {
    for (const args of [`calc ${JSON.stringify(big)}`, 'calc --value 45000 --hts 8703.24.01 --date 2025-05-01 --format json', 'compare --value 45000 --hts 8703.24.01 --format csv']) {
      const r = await sh(`node ${JSON.stringify(BIN)} ${args} > /dev/full; echo "tariff exit: $?" >&2`);
      expect(r.stderr, args).toMatch(/tariff exit: 74/);
      expect(r.stderr.match(/cannot write the output \(ENOSPC\)/g), args).toHaveLength(1);
      expect(r.stderr, args).not.toMatch(/internal/);
    }
  });

  it('output piped to a slow reader is complete (never cut short)', async () => {
    const r = await sh(`node ${JSON.stringify(BIN)} calc ${JSON.stringify(big)} --format ndjson -q | (sleep 0.3; wc -l)`);
    expect(r.stdout.trim()).toBe('200001'); // 200,000 lines + the totals object
  });
});

describe('signals', () => {
  it('Ctrl-C (SIGINT) stops a run that is waiting on stdin promptly', async () => {
    const child = spawn(process.execPath, [BIN, 'calc', '--format', 'csv'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', TARIFF_TODAY: '2026-11-22' }, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.write('id,hts,value,date\n1,8703.23.01,100,2025-05-01\n'); // and never end stdin
    await new Promise((r) => setTimeout(r, 400));
    const started = Date.now();
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
    child.kill('SIGINT');
    const { code, signal } = await exited;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(signal === 'SIGINT' || code === 130).toBe(true);
  });
});

describe('CSV output is safe to open in a spreadsheet', () => {
  const input = ['id,hts,value,date,note', '=1+1,8703.23.01,100,2025-05-01,"=HYPERLINK(""http://x"")"', '@SUM(A1),8703.23.01,100,2025-05-01,+cmd', '-2,8703.23.01,-100,2025-05-01,plain'].join('\n');

  it('neutralises cells of the user\'s text that start with = + - @ (and leaves our numbers alone)', async () => {
    const r = await tariff(['calc', '--format', 'csv', '-q'], { stdin: input });
    const rows = parseCsv(r.stdout);
    expect(rows.map((x) => [x.id, x.note])).toEqual([
      ["'=1+1", "'=HYPERLINK(\"http://x\")"],
      ["'@SUM(A1)", "'+cmd"],
      ["'-2", 'plain'],
    ]);
    expect(rows[2]).toMatchObject({ status: 'rejected', value: "'-100" }); // the rejected input, echoed
    expect(rows[0]).toMatchObject({ value: '100.00', duty: '27.50' });
  });

  it('--raw leaves them as they are', async () => {
    const rows = parseCsv((await tariff(['calc', '--format', 'csv', '-q', '--raw'], { stdin: input })).stdout);
    expect(rows.map((x) => x.id)).toEqual(['=1+1', '@SUM(A1)', '-2']);
  });
});
