/** `tariff hts show CODE`: a line's rate, units, description, Special programs and the measures covering it on a date. */
import type { Engine } from '../../../core/compile.js';
import { priceOfficial, type HtsLines } from '../../../core/hts-lines.js';
import { resolveGood } from '../../../core/resolve.js';
import { EXIT, UsageError } from '../../../errors.js';
import { formatHts, normalizeHts } from '../../../values/hts.js';
import { formatRate } from '../../../values/money.js';
import type { HtsShowOptions } from '../../command-options.js';
import type { CliIo } from '../../io.js';
import { flagAutoPart, flagDate, flagOrigin, flagSpi } from '../../options.js';
import { displayText } from '../../render/display.js';
import { engineWithLines, lastParts } from './lines.js';

/** `tariff hts show CODE`: a line's rate, units, description, Special programs and the measures covering it on a date. */
export async function runHtsShow(code: string, o: HtsShowOptions, io: CliIo): Promise<number> {
  const digits = normalizeHts(code);
  if (digits === null) throw new UsageError(`expected an HTS code of 4 to 10 digits, dots allowed (e.g. 8703.23.01), got "${code}"`);
  const date = flagDate('--date', o.date) ?? io.today;
  const origin = flagOrigin(o.origin);
  const spi = flagSpi(o.spi);
  const autoPart = flagAutoPart(o.autoPart);
  const transshipped = o.transshipped === true;
  const engine = await engineWithLines(o);
  const lines = engine.mfnLines;
  const revision = engine.mfnRevision ?? 'the official HTS';
  const code8 = digits.slice(0, 8);
  const pos = digits.length >= 8 ? lines.find(code8) : -1;
  if (pos === -1) return showUnder(digits, lines, revision, o.format, io);
  if (digits.length > 8) {
    // The 8-digit line exists; a statistical suffix it does not have (or a 9-digit code) is not a line either.
    const price = priceOfficial(lines, digits, revision);
    if (!price.ok && price.kind === 'not-a-line') {
      io.stderr.write(`tariff: ${price.reason}\n`);
      return EXIT.rejected;
    }
  }
  const { info, specific } = lineInfo(engine, digits, pos, date, origin, spi, autoPart, transshipped);
  if (o.format === 'json') {
    io.stdout.write(`${JSON.stringify(info, null, 1)}\n`);
    return EXIT.ok;
  }
  printLine(info, specific, io);
  return EXIT.ok;
}

/** A code that is not a line: said so (with the nearest lines), or, for a heading, the lines under it. */
function showUnder(digits: string, lines: HtsLines, revision: string, format: string | undefined, io: CliIo): number {
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
  if (format === 'json') io.stdout.write(`${JSON.stringify({ hts: formatHts(digits), revision, lines: under }, null, 1)}\n`);
  else {
    io.stdout.write(`${formatHts(digits)} is not a line of ${revision}: ${under.length} line${under.length === 1 ? '' : 's'} under it\n`);
    for (const u of under) io.stdout.write(`  ${u.hts}  ${displayText(u.general).padEnd(8)}  ${displayText(lastParts(u.description))}\n`);
  }
  return EXIT.ok;
}

type LineInfo = ReturnType<typeof lineInfo>['info'];

/** The line and what covers it on the date, as the json output gives it. */
function lineInfo(engine: Engine & { mfnLines: HtsLines }, digits: string, pos: number, date: string, origin: string, spi: string | null, autoPart: boolean | null, transshipped: boolean) {
  const lines = engine.mfnLines;
  const revision = engine.mfnRevision ?? 'the official HTS';
  const code8 = digits.slice(0, 8);
  const rate = lines.rate(pos);
  const details = lines.details(code8);
  const stats = lines.stats(pos);
  const r = resolveGood(engine, { hts: digits, category: null, origin, date, mfn: null, spi, autoPart, transshipped });
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
    // The program claimed (--spi), only when one is: the document of a line without a claim is unchanged.
    ...(spi === null ? {} : { spi }),
    // Whether the good is an automobile part (--auto-part), only when given.
    ...(autoPart === null ? {} : { autoPart }),
    // Found transshipped (--transshipped), only when so.
    ...(transshipped ? { transshipped } : {}),
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
  // The MFN measure, known by its rate kind (not by an id of the data): its line shows the specific rate's text.
  const mfn = r.ok ? r.plan.applied.find((a) => a.measure.rate.kind === 'mfn') : undefined;
  return { info, specific: r.ok && r.plan.mfnSpecific !== null && mfn !== undefined ? { ...r.plan.mfnSpecific, measure: mfn.measure.id } : null };
}

/** The text output of hts show. */
function printLine(info: LineInfo, specific: { text: string; measure: string } | null, io: CliIo): void {
  // Text from the table (descriptions, rate texts) is a file's, maybe a user's --hts-table: shown by the one rule.
  const w = (s: string) => io.stdout.write(`${displayText(s, { keepLines: true })}\n`);
  w(`${info.hts}  (${info.revision})`);
  w(`  ${info.description}`);
  w(`  General (MFN): ${info.general}${info.units.length > 0 ? `    units: ${info.units.join(', ')}` : ''}`);
  if (info.special.length > 0) w(`  Special: ${info.special.map((s) => `${s.rate} (${s.programs.join(',')})`).join('  ')}`);
  if (info.statisticalLines.length > 0) w(`  Statistical lines: ${info.statisticalLines.join(', ')}`);
  w('');
  const part = 'autoPart' in info ? `, ${info.autoPart ? 'an' : 'not an'} automobile part` : '';
  const found = 'transshipped' in info ? ', found transshipped' : '';
  const on = `On ${info.date}, origin ${info.origin}${'spi' in info ? `, claiming ${info.spi}` : ''}${part}${found}`;
  if ('refused' in info) {
    w(`${on}: not computed: ${info.refused.reason}`);
    return;
  }
  w(`${on} (category ${info.category}):`);
  for (const m of info.measures) w(`  + ${m.measure === specific?.measure ? specific.text : `${m.rate.padStart(5)}%`}  ${m.measure}: ${m.reason}`);
  w(info.adValoremTotal !== null ? `  = ${info.adValoremTotal.padStart(5)}%  duty rate on customs value` : '  = the MFN duty has a specific part or a measure applies to part of the value: see tariff calc with a quantity');
  for (const n of info.notes) w(`  note: ${n}`);
}

