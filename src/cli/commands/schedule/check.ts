/** `tariff schedule check --hts FILE`: the schedule's chapter 99 headings against an official USITC HTS export. */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { checkChapter99, parseRevision, revisionFromFileName, type Finding } from '../../../core/chapter99-check.js';
import type { UsitcRow } from '../../../core/usitc.js';
import { EXIT, InputError, UsageError } from '../../../errors.js';
import { DEFAULT_SCHEDULE, loadLists, loadSchedule } from '../../../io/load.js';
import type { CliIo } from '../../io.js';

export interface CheckOpts {
  hts: string;
  schedule?: string;
  revision?: string;
  format?: string;
}

export async function runScheduleCheck(io: CliIo, o: CheckOpts): Promise<number> {
  let revision = null;
  if (o.revision !== undefined) {
    revision = parseRevision(o.revision);
    if (revision === null) throw new UsageError(`--revision: expected an HTS revision like "2026 Rev. 10", got "${o.revision}"`);
  } else {
    revision = revisionFromFileName(basename(o.hts));
  }
  const rows = await readExport(o.hts);
  const scheduleFile = o.schedule ?? DEFAULT_SCHEDULE;
  const { schedule } = await loadSchedule(scheduleFile);
  const lists = await loadLists(schedule, scheduleFile);
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  const originNames = new Map(schedule.origins.map((c) => [c, names.of(c) ?? c]));
  const result = checkChapter99(schedule, rows, { revision, originNames, lists });

  if (o.format === 'json') {
    io.stdout.write(`${JSON.stringify({ schedule: schedule.id, export: basename(o.hts), ...result }, null, 2)}\n`);
  } else {
    const out: string[] = [
      `${schedule.id} against ${basename(o.hts)} (${result.revision ?? 'revision not known'}; ${result.headingsInExport} chapter 99 rows)`,
    ];
    const byMeasure = new Map<string | null, Finding[]>();
    for (const f of result.findings) {
      const list = byMeasure.get(f.measure) ?? [];
      list.push(f);
      byMeasure.set(f.measure, list);
    }
    const sources = new Map<string, number>();
    for (const [measure, list] of byMeasure) {
      out.push(measure === null ? 'Headings that name an origin of the schedule but that no measure cites (information):' : `${measure}:`);
      for (const f of list) {
        let ref = '';
        if (f.source !== undefined) {
          if (!sources.has(f.source)) sources.set(f.source, sources.size + 1);
          ref = ` [${sources.get(f.source)}]`;
        }
        out.push(`  ${f.severity.padEnd(7)} ${f.message}${ref}`);
      }
    }
    if (sources.size > 0) {
      out.push('What the data says of those revisions:');
      for (const [text, n] of sources) out.push(`  [${n}] ${text}`);
    }
    const cited = result.findings.filter((f) => f.measure !== null).length;
    out.push(
      result.errors === 0
        ? `ok: ${cited} citations checked, ${result.errors} errors, ${result.warnings} warnings`
        : `FAILED: ${cited} citations checked, ${result.errors} errors, ${result.warnings} warnings`,
    );
    io.stdout.write(`${out.join('\n')}\n`);
  }
  return result.errors === 0 ? EXIT.ok : EXIT.rejected;
}

async function readExport(file: string): Promise<UsitcRow[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${file}: file not found` : `${file}: cannot read (${code ?? (e as Error).message})`);
  }
  let text: string;
  try {
    text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw new InputError(`${file}: not a valid gzip file (${(e as Error).message})`);
  }
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(rows) || !rows.every((r) => r !== null && typeof r === 'object')) {
    throw new InputError(`${file}: expected the USITC HTS export, a JSON array of rows with htsno, indent, description, general`);
  }
  return rows as UsitcRow[];
}
