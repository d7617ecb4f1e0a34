/** `tariff hts import|show|search`: the USITC export -> an MFN table; a line of the schedule; lines by description. */
import { writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Engine } from '../../../core/compile.js';
import { formatHts, normalizeHts } from '../../../values/hts.js';
import { priceOfficial, renderDetailsTsv, renderLinesTsv, type HtsLines } from '../../../core/hts-lines.js';
import { formatRate } from '../../../values/money.js';
import { resolveGood } from '../../../core/resolve.js';
import { deriveHtsLines, importUsitc, type HtsLine } from '../../../core/usitc.js';
import { EXIT, InputError, UsageError } from '../../../errors.js';
import type { CliIo } from '../../io.js';
import { displayText } from '../../render/display.js';
import { flagDate, flagOrigin } from '../../options.js';
import { DataReadError, readDataFile } from '../../../io/load.js';
import { samePath } from '../../../io/out-file.js';

export async function runHtsImport(file: string, o: { out: string; id?: string; asOf?: string }, io: CliIo): Promise<number> {
  const toStdout = o.out === '-';
  if (!toStdout && samePath(file, o.out)) {
    throw new UsageError(`--out ${o.out} is the input file: give another file name (the export would be replaced by the table)`);
  }
  let rows: unknown;
  try {
    rows = JSON.parse(readDataFile(file).replace(/^\uFEFF/, ''));
  } catch (e) {
    if (e instanceof DataReadError) throw new InputError(`${file}: ${e.message}`);
    throw new InputError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(rows)) throw new InputError(`${file}: expected the USITC export, a JSON array of rows with htsno, indent, description, general`);
  const result = importUsitc(rows);
  const report = () => {
    if (result.skipped.length === 0) return;
    io.stderr.write(`  ${result.skipped.length} row${result.skipped.length === 1 ? '' : 's'} left out (give mfn_rate for these codes):\n`);
    for (const s of result.skipped) io.stderr.write(`    row ${s.row + 1}${s.hts === '' ? '' : ` ${displayText(s.hts)}`}${s.text === '' ? '' : ` "${displayText(s.text)}"`}: ${displayText(s.reason)}\n`);
  };
  if (result.entries.length === 0) {
    io.stderr.write(`${file}: ${result.rows} rows read; no MFN line to write, nothing written\n`);
    report();
    return EXIT.rejected;
  }
  const outName = toStdout ? 'hts' : basename(o.out);
  const id = (o.id ?? outName.replace(/\.json$/i, '')).toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-+/, '') || 'hts';
  const asOf = o.asOf ?? basename(file);
  const source = `USITC HTS export ${basename(file)}`;
  const entry = (e: (typeof result.entries)[number]) => ({
    hts: e.hts,
    pct: e.pct,
    ...(e.specific ? { specific: e.specific } : {}),
    text: e.text,
    description: e.description,
    confidence: 'primary',
    source,
  });
  // To a file: every line of chapters 01-97 in the bundled table's form (lines and details files next to it), so a
  // newer revision gets what the bundled one has: "not a line" with the nearest lines, the Special column (spi),
  // hts show and search. Entries keep what the lines cannot hold: a statistical line with a rate of its own, and
  // chapter 98. On stdout (one stream), the entries alone.
  let official: { lines: HtsLine[]; linesFile: string; detailsFile: string } | null = null;
  let entries = result.entries;
  if (!toStdout) {
    const derived = deriveHtsLines(rows);
    const refused = new Set(result.skipped.filter((k) => /rows give|outside what/.test(k.reason)).map((k) => k.hts.replaceAll('.', '').slice(0, 8)));
    const lines = derived.lines.filter((l) => !refused.has(l.code));
    if (lines.length > 0) {
      const written = new Set(lines.map((l) => l.code));
      official = { lines, linesFile: `${id}.lines.tsv`, detailsFile: `${id}.details.tsv` };
      entries = result.entries.filter((e) => {
        const digits = e.hts.replaceAll('.', '');
        return !written.has(digits.slice(0, 8)) || digits.length === 10;
      });
    }
  }
  const table = {
    $schema: '../schema/mfn-table.schema.json',
    id,
    title: `MFN (column 1 General) rates imported from ${basename(file)}`,
    asOf,
    revision: asOf,
    ...(official === null
      ? {}
      : { official: { lines: official.linesFile, details: official.detailsFile, sources: [{ instrument: source }], confidence: 'primary' } }),
    entries: entries.map(entry),
  };
  const text = `${JSON.stringify(table, null, 1)}\n`;
  if (toStdout) io.stdout.write(text);
  else {
    const dir = dirname(o.out);
    const files: [string, string][] = [[o.out, text]];
    if (official !== null) {
      files.push([join(dir, official.linesFile), renderLinesTsv(official.lines)], [join(dir, official.detailsFile), renderDetailsTsv(official.lines)]);
    }
    for (const [name, content] of files) {
      try {
        await writeFile(name, content);
      } catch (e) {
        io.stderr.write(`tariff: ${name}: cannot write the table (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
        return EXIT.output;
      }
    }
  }
  const what = official === null ? `${result.entries.length} MFN lines` : `${official.lines.length} lines of chapters 01-97 (with ${official.linesFile}, ${official.detailsFile})`;
  io.stderr.write(`${file}: ${result.rows} rows read; ${what} written to ${toStdout ? 'stdout' : o.out}\n`);
  report();
  return EXIT.ok;
}

/** The bundled (or --hts-table) engine, with its official lines; a table without lines cannot be shown or searched. */
async function engineWithLines(o: { htsTable?: string | undefined }): Promise<Engine & { mfnLines: HtsLines }> {
  const { loadEngine } = await import('../../../io/load.js');
  const engine = await loadEngine({ htsTable: o.htsTable });
  if (engine.mfnLines === null) {
    throw new UsageError(`${o.htsTable ?? 'the schedule'}: this MFN table lists rates by prefix, not the schedule's lines; hts show and search need a table written to a file by tariff hts import, or the bundled one`);
  }
  return engine as Engine & { mfnLines: HtsLines };
}

export interface HtsShowOptions {
  date?: string | undefined;
  origin?: string | undefined;
  format?: string | undefined;
  htsTable?: string | undefined;
}

/** `tariff hts show CODE`: a line's rate, units, description, Special programs and the measures covering it on a date. */
export async function runHtsShow(code: string, o: HtsShowOptions, io: CliIo): Promise<number> {
  const digits = normalizeHts(code);
  if (digits === null) throw new UsageError(`expected an HTS code of 4 to 10 digits, dots allowed (e.g. 8703.23.01), got "${code}"`);
  const date = flagDate('--date', o.date) ?? io.today;
  const origin = flagOrigin(o.origin);
  const engine = await engineWithLines(o);
  const lines = engine.mfnLines;
  const revision = engine.mfnRevision ?? 'the official HTS';
  const code8 = digits.slice(0, 8);
  const pos = digits.length >= 8 ? lines.find(code8) : -1;
  if (pos === -1) {
    // Not a line: say so (with the nearest lines), or list the lines under a heading.
    const [from, to] = digits.length < 8 ? lines.range(digits) : [0, 0];
    if (from === to) {
      const price = priceOfficial(lines, digits, revision);
      io.stderr.write(`tariff: ${price.ok ? `${formatHts(digits)}: no line` : price.reason}\n`);
      return EXIT.rejected;
    }
    const under: { hts: string; general: string; description: string }[] = [];
    for (let p = from; p < to; p = lines.next(p)) {
      const c = lines.codeAt(p);
      under.push({ hts: formatHts(c), general: lines.rate(p).text, description: lines.details(c)?.description ?? '' });
    }
    if (o.format === 'json') io.stdout.write(`${JSON.stringify({ hts: formatHts(digits), revision, lines: under }, null, 1)}\n`);
    else {
      io.stdout.write(`${formatHts(digits)} is not a line of ${revision}: ${under.length} line${under.length === 1 ? '' : 's'} under it\n`);
      for (const u of under) io.stdout.write(`  ${u.hts}  ${displayText(u.general).padEnd(8)}  ${displayText(lastParts(u.description))}\n`);
    }
    return EXIT.ok;
  }
  if (digits.length > 8) {
    // The 8-digit line exists; a statistical suffix it does not have (or a 9-digit code) is not a line either.
    const price = priceOfficial(lines, digits, revision);
    if (!price.ok && price.kind === 'not-a-line') {
      io.stderr.write(`tariff: ${price.reason}\n`);
      return EXIT.rejected;
    }
  }
  const rate = lines.rate(pos);
  const details = lines.details(code8);
  const stats = lines.stats(pos);
  const r = resolveGood(engine, { hts: digits, category: null, origin, date, mfn: null });
  const info = {
    hts: formatHts(digits),
    revision,
    description: details?.description ?? '',
    general: rate.text,
    units: details?.units ?? [],
    special: (details?.specialRates ?? []).map((s) => ({ rate: s.text, programs: s.programs })),
    statisticalLines: stats.map((s) => `${formatHts(code8)}.${s}`),
    date,
    origin,
    ...(r.ok
      ? {
          category: r.plan.category,
          measures: r.plan.applied.map((a) => ({ measure: a.measure.id, layer: a.measure.layer, rate: formatRate(a.rate), reason: r.plan.decisions.find((d) => d.measure === a.measure)!.reason })),
          adValoremTotal: r.plan.mfnSpecific === null && r.plan.applied.every((a) => a.base === 'value' && a.inclusiveOf === undefined) ? formatRate(r.plan.applied.reduce((s, a) => s + a.rate, 0n)) : null,
          notApplied: r.plan.decisions.filter((d) => !d.applied).map((d) => ({ measure: d.measure.id, reason: d.reason })),
          notes: r.plan.notes,
        }
      : { refused: r.refusal }),
  };
  if (o.format === 'json') {
    io.stdout.write(`${JSON.stringify(info, null, 1)}\n`);
    return EXIT.ok;
  }
  // Text from the table (descriptions, rate texts) is a file's, maybe a user's --hts-table: shown by the one rule.
  const w = (s: string) => io.stdout.write(`${displayText(s, { keepLines: true })}\n`);
  w(`${info.hts}  (${revision})`);
  w(`  ${info.description}`);
  w(`  General (MFN): ${info.general}${info.units.length > 0 ? `    units: ${info.units.join(', ')}` : ''}`);
  if (info.special.length > 0) w(`  Special: ${info.special.map((s) => `${s.rate} (${s.programs.join(',')})`).join('  ')}`);
  if (info.statisticalLines.length > 0) w(`  Statistical lines: ${info.statisticalLines.join(', ')}`);
  w('');
  if ('refused' in info) {
    w(`On ${date}, origin ${origin}: not computed: ${info.refused.reason}`);
    return EXIT.ok;
  }
  w(`On ${date}, origin ${origin} (category ${info.category}):`);
  const specific = r.ok ? r.plan.mfnSpecific : null;
  for (const m of info.measures) w(`  + ${m.measure === 'mfn' && specific !== null ? specific.text : `${m.rate.padStart(5)}%`}  ${m.measure}: ${m.reason}`);
  w(info.adValoremTotal !== null ? `  = ${info.adValoremTotal.padStart(5)}%  duty rate on customs value` : '  = the MFN duty has a specific part or a measure applies to part of the value: see tariff calc with a quantity');
  for (const n of info.notes) w(`  note: ${n}`);
  return EXIT.ok;
}

/** The last parts of a description path, which say what the line is ("…: Horses: Purebred breeding animals"). */
function lastParts(description: string, max = 110): string {
  if (description.length <= max) return description;
  const parts = description.split(': ');
  let out = parts.pop()!;
  while (parts.length > 0 && out.length + parts[parts.length - 1]!.length + 2 <= max - 2) out = `${parts.pop()!}: ${out}`;
  return `…${out}`.slice(0, max + 1);
}

/**
 * `tariff hts search WORDS`: lines by description. A line scores by the query words its description contains (as
 * words or word beginnings), more when they are in its own (last) part; the best first, then by code.
 */
export async function runHtsSearch(words: string[], o: { limit?: string | undefined; format?: string | undefined; htsTable?: string | undefined }, io: CliIo): Promise<number> {
  const terms = words.join(' ').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((t) => t.length >= 2);
  if (terms.length === 0) throw new UsageError('give one or more words to search the descriptions for, e.g. tariff hts search machining centers');
  const limit = o.limit === undefined ? 20 : Number(o.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit: expected a whole number of 1 or more, got "${o.limit}"`);
  const engine = await engineWithLines(o);
  const lines = engine.mfnLines;
  const found: { code: string; score: number; general: string; description: string }[] = [];
  const matchers = terms.map((t) => new RegExp(`(^|[^\\p{L}\\p{N}])${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'iu'));
  for (let p = lines.start; p < lines.end; p = lines.next(p)) {
    const code = lines.codeAt(p);
    const description = lines.details(code)?.description ?? '';
    const own = description.slice(description.lastIndexOf(': ') + 1);
    let score = 0;
    for (const m of matchers) {
      if (m.test(own)) score += 3;
      else if (m.test(description)) score += 1;
      else {
        score = -1;
        break;
      }
    }
    if (score > 0) found.push({ code, score, general: lines.rate(p).text, description });
  }
  found.sort((a, b) => b.score - a.score || (a.code < b.code ? -1 : 1));
  const shown = found.slice(0, limit);
  if (o.format === 'json') {
    io.stdout.write(`${JSON.stringify({ query: terms, revision: engine.mfnRevision, found: found.length, lines: shown.map((f) => ({ hts: formatHts(f.code), general: f.general, description: f.description })) }, null, 1)}\n`);
  } else {
    for (const f of shown) io.stdout.write(`${formatHts(f.code)}  ${displayText(f.general).padEnd(8)}  ${displayText(lastParts(f.description))}\n`);
  }
  if (found.length === 0) {
    io.stderr.write(`no line of ${engine.mfnRevision ?? 'the table'} has every word of "${terms.join(' ')}" in its description; try fewer or other words\n`);
    return EXIT.rejected;
  }
  if (found.length > shown.length) io.stderr.write(`${found.length} lines found, the best ${shown.length} shown (--limit N for more); then tariff hts show CODE\n`);
  return EXIT.ok;
}
