/**
 * `tariff schedule check --hts FILE`: the schedule's chapter 99 citations
 * against an official USITC HTS export. Pure: the caller reads the file.
 *
 * For every heading a measure cites (its `chapter99`, its in-transit rules'
 * headings, and the `chapter99` of the product lists its scope names):
 *   - the heading must be a row of the export, unless the measure records that
 *     a revision later than the export's created it (`chapter99Added`);
 *   - where the heading's column 1 text states a rate, it must agree with the
 *     measure's ("The duty provided in the applicable subheading + 10%" is an
 *     additional 10%; "15%" is a total of 15%, i.e. an inclusive 15%; "The duty
 *     provided in the applicable subheading" adds nothing, as the MFN-at-or-above
 *     heading of an inclusive pair or an exemption does).
 * Then the 9903 headings that name an origin of the schedule but that no measure
 * cites are listed, for a person to look at: some are deliberate (a heading
 * superseded retroactively, an exemption the schedule does not model).
 */
import type { Measure, Rate, Schedule } from '../schema/schedule.js';
import { formatRate, pctFromString } from '../values/money.js';
import { plainText, type UsitcRow } from './usitc.js';

export type Severity = 'ok' | 'info' | 'warning' | 'error';

export interface Finding {
  severity: Severity;
  /** The measure the finding is about, or null for an uncited heading. */
  measure: string | null;
  heading: string;
  message: string;
  /** Where the data says what it says about the heading's revision (chapter99Added, chapter99Removed). */
  source?: string;
}

export interface CheckResult {
  /** The export's revision ("2026 Rev. 10"), or null when not known. */
  revision: string | null;
  headingsInExport: number;
  findings: Finding[];
  errors: number;
  warnings: number;
}

/** A revision as the USITC names it: year and number, comparable. */
export interface Revision {
  year: number;
  number: number;
}

export function parseRevision(text: string): Revision | null {
  const m = /^(\d{4}) Rev\. (\d{1,3})$/.exec(text.trim());
  return m ? { year: Number(m[1]), number: Number(m[2]) } : null;
}

/** The revision in a USITC export file name: `hts_2026_rev_10.json.gz`, `hts_2026_revision_20_json.json`. */
export function revisionFromFileName(name: string): Revision | null {
  const m = /(\d{4})_rev(?:ision)?_?(\d{1,3})(?!\d)/i.exec(name);
  return m ? { year: Number(m[1]), number: Number(m[2]) } : null;
}

export const formatRevision = (r: Revision): string => `${r.year} Rev. ${r.number}`;
const compareRevisions = (a: Revision, b: Revision): number => (a.year - b.year) * 1000 + (a.number - b.number);

/** What a chapter 99 heading's column 1 text says. */
export type HeadingRate =
  | { kind: 'additional'; pct: bigint }
  | { kind: 'total'; pct: bigint }
  | { kind: 'none' }
  | { kind: 'other'; text: string };

const SUBHEADING = 'the duty provided in the applicable subheading';

export function parseHeadingRate(raw: string): HeadingRate {
  const text = plainText(raw).replace(/\.$/, '').trim();
  const lower = text.toLowerCase();
  if (lower === SUBHEADING) return { kind: 'none' };
  let m = /^the duty provided in the applicable subheading \+ (\d{1,4}(?:\.\d{1,6})?)%$/.exec(lower);
  if (m) return { kind: 'additional', pct: pctFromString(m[1]!) };
  m = /^(\d{1,4}(?:\.\d{1,6})?)%$/.exec(lower);
  if (m) return { kind: 'total', pct: pctFromString(m[1]!) };
  if (lower === 'free') return { kind: 'total', pct: 0n };
  return { kind: 'other', text };
}

function describe(r: HeadingRate): string {
  switch (r.kind) {
    case 'additional':
      return `MFN + ${formatRate(r.pct)}%`;
    case 'total':
      return `${formatRate(r.pct)}% in all`;
    case 'none':
      return 'MFN only (no additional duty)';
    case 'other':
      return `"${r.text}"`;
  }
}

/** Whether a heading's stated rate agrees with a measure's rate; null when there is nothing to compare. */
function agrees(rate: Rate | null, h: HeadingRate): { ok: boolean; expected: string } | null {
  if (h.kind === 'other') return null;
  if (rate === null) return { ok: h.kind === 'none', expected: 'no additional duty (exempt)' };
  switch (rate.kind) {
    case 'mfn':
    case 'not-modelled':
      return null;
    case 'ad-valorem': {
      const p = pctFromString(rate.pct);
      const ok = h.kind === 'additional' ? h.pct === p : h.kind === 'none' && p === 0n;
      return { ok, expected: `MFN + ${rate.pct}%` };
    }
    case 'inclusive': {
      const p = pctFromString(rate.pct);
      // An inclusive measure has a pair of headings: N% in all where MFN is below N, MFN only where it is not.
      const ok = h.kind === 'total' ? h.pct === p : h.kind === 'none';
      return { ok, expected: `${rate.pct}% in all (or MFN only, where MFN is at least ${rate.pct}%)` };
    }
  }
}

interface Citation {
  heading: string;
  /** The rate the measure applies under this heading (null: none, an exemption; undefined: not compared). */
  rate: Rate | null | undefined;
  what: string;
}

function citationsOf(m: Measure, lists: ReadonlyMap<string, { chapter99?: string[] | undefined }>, inScope: ReadonlySet<string>): Citation[] {
  const out: Citation[] = (m.chapter99 ?? []).map((heading) => ({ heading, rate: m.rate, what: 'cited' }));
  for (const t of m.inTransit ?? []) {
    if (t.heading !== undefined) out.push({ heading: t.heading, rate: t.rate, what: `in-transit rule, loaded before ${t.loadedBefore}` });
  }
  // A product list's headings. A list that no measure applies is an exemption list: its goods enter under an
  // exemption heading, which adds no duty. A list some measure applies carries that measure's duty (or several
  // tiers), so where it is in scope or excluded its headings are checked for existence only.
  for (const id of m.scope.exclude?.lists ?? []) {
    for (const heading of lists.get(id)?.chapter99 ?? []) out.push({ heading, rate: inScope.has(id) ? undefined : null, what: `excluded list ${id}` });
  }
  for (const id of m.scope.lists ?? []) {
    for (const heading of lists.get(id)?.chapter99 ?? []) out.push({ heading, rate: undefined, what: `list ${id}` });
  }
  return out;
}

export interface CheckOptions {
  revision: Revision | null;
  /** English names of the schedule's origins ("JP" -> "Japan"), for the uncited-heading search. */
  originNames: ReadonlyMap<string, string>;
  /** The product lists the measures name (scope.lists, scope.exclude.lists), by id: their chapter 99 headings are checked too. */
  lists?: ReadonlyMap<string, { chapter99?: string[] | undefined }>;
}

export function checkChapter99(schedule: Schedule, rows: readonly UsitcRow[], o: CheckOptions): CheckResult {
  const headings = headingsOf(rows);
  const findings: Finding[] = [];
  const cited = new Set<string>();
  const rev = o.revision;
  const ctx: CitationCheck = { headings, rev, revText: rev === null ? 'this export' : formatRevision(rev), removed: removedOf(schedule) };
  const inScope = new Set(schedule.measures.flatMap((m) => m.scope.lists ?? []));
  for (const m of schedule.measures) {
    const added = addedOf(m);
    const seen = new Set<string>();
    for (const c of citationsOf(m, o.lists ?? new Map(), inScope)) {
      const key = `${c.heading} ${c.what}`;
      if (seen.has(key)) continue;
      seen.add(key);
      cited.add(c.heading);
      const f = (severity: Severity, message: string, source?: string) =>
        findings.push({ severity, measure: m.id, heading: c.heading, message, ...(source === undefined ? {} : { source }) });
      checkCitation(ctx, c, added.get(c.heading), f);
    }
  }
  findings.push(...uncitedHeadings(headings, cited, o.originNames));
  return {
    revision: rev === null ? null : formatRevision(rev),
    headingsInExport: headings.size,
    findings,
    errors: findings.filter((x) => x.severity === 'error').length,
    warnings: findings.filter((x) => x.severity === 'warning').length,
  };
}

type Heading = { general: string; description: string };
type Added = { revision: Revision | null; after: Revision | null; source: string };
type Say = (severity: Severity, message: string, source?: string) => void;

/** What every citation is checked against: the export's chapter 99 headings, its revision, and the headings the data says are gone. */
interface CitationCheck {
  headings: ReadonlyMap<string, Heading>;
  rev: Revision | null;
  revText: string;
  removed: ReadonlyMap<string, { by: Revision; source: string }>;
}

/** The export's chapter 99 rows, by heading: General text and description. */
function headingsOf(rows: readonly UsitcRow[]): Map<string, Heading> {
  const headings = new Map<string, Heading>();
  for (const r of rows) {
    const no = typeof r.htsno === 'string' ? r.htsno.trim() : '';
    if (!no.startsWith('99')) continue;
    headings.set(no, { general: typeof r.general === 'string' ? r.general : '', description: typeof r.description === 'string' ? plainText(r.description) : '' });
  }
  return headings;
}

/** The headings a later revision deleted (the schedule's chapter99Removed), by heading. */
function removedOf(schedule: Schedule): Map<string, { by: Revision; source: string }> {
  const removed = new Map<string, { by: Revision; source: string }>();
  for (const r of schedule.chapter99Removed ?? []) {
    const by = parseRevision(r.by);
    if (by !== null) for (const h of r.headings) removed.set(h, { by, source: r.source });
  }
  return removed;
}

/** The headings a revision created after some exports (the measure's chapter99Added), by heading. */
function addedOf(m: Schedule['measures'][number]): Map<string, Added> {
  const added = new Map<string, Added>();
  for (const a of m.chapter99Added ?? []) {
    for (const h of a.headings) added.set(h, { revision: a.revision ? parseRevision(a.revision) : null, after: a.after ? parseRevision(a.after) : null, source: a.source });
  }
  return added;
}

/** One citation of a measure: the heading is in the export (or expectedly not), and its rate text agrees with the measure's. */
function checkCitation(ctx: CitationCheck, c: Citation, later: Added | undefined, f: Say): void {
  const { rev, revText } = ctx;
  const row = ctx.headings.get(c.heading);
  const named = c.what === 'cited' ? c.heading : `${c.heading} (${c.what})`;
  const gone = ctx.removed.get(c.heading);
  if (row === undefined && gone !== undefined) {
    if (rev !== null && compareRevisions(rev, gone.by) >= 0) f('info', `${named} is not in ${revText}, as expected: gone from ${formatRevision(gone.by)} on`, gone.source);
    else f('warning', `${named} is not in ${revText}; the data says it is gone from ${formatRevision(gone.by)} on, and cannot tell for ${rev === null ? 'an export of unknown revision (give --revision)' : 'an earlier one'}`, gone.source);
    return;
  }
  if (row !== undefined && gone !== undefined && rev !== null && compareRevisions(rev, gone.by) >= 0) {
    return f('error', `${named} is in ${revText}, though the data says it is gone from ${formatRevision(gone.by)} on: correct chapter99Removed`);
  }
  if (row === undefined) return missingHeading(ctx, c, named, later, f);
  if (later !== undefined && rev !== null) {
    const notYet = later.revision !== null ? compareRevisions(rev, later.revision) < 0 : compareRevisions(rev, later.after!) <= 0;
    if (notYet) {
      return f('error', `${c.heading} is in ${revText}, though the data says it was created ${later.revision ? `by ${formatRevision(later.revision)}` : `after ${formatRevision(later.after!)}`}: correct chapter99Added`);
    }
  }
  const stated = parseHeadingRate(row.general);
  const verdict = c.rate === undefined ? null : agrees(c.rate, stated);
  if (verdict === null) {
    const why = c.rate === undefined ? 'a list in scope may span several rates' : c.rate !== null && c.rate.kind === 'not-modelled' ? 'the measure is not modelled' : 'the text states no rate to compare';
    f('info', `${named} exists (${describe(stated)}); rate not compared: ${why}`);
  } else if (verdict.ok) {
    f('ok', `${named} exists and agrees: ${describe(stated)}`);
  } else {
    f('error', `${c.heading} says ${describe(stated)}, but the measure's ${c.what === 'cited' ? 'rate' : c.what} is ${verdict.expected}`);
  }
}

/** A cited heading the export does not have: an error, unless the data says a later revision created it. */
function missingHeading(ctx: CitationCheck, c: Citation, named: string, later: Added | undefined, f: Say): void {
  const { rev, revText } = ctx;
  if (later === undefined) {
    f('error', `${c.what} heading ${c.heading} is not in ${revText}`);
  } else if (rev === null) {
    f('warning', `${c.heading} is not in this export; the data says it was ${later.revision ? `created by ${formatRevision(later.revision)}` : `created after ${formatRevision(later.after!)}`}, and the export's revision is not known (give --revision): cannot tell whether it should be`);
  } else if (later.revision !== null) {
    if (compareRevisions(rev, later.revision) < 0) f('info', `${named} is not in ${revText}, as expected: created by ${formatRevision(later.revision)}`, later.source);
    else f('error', `${named} is not in ${revText}, though the data says ${formatRevision(later.revision)} created it`, later.source);
  } else if (compareRevisions(rev, later.after!) <= 0) {
    f('info', `${named} is not in ${revText}, as expected: created after ${formatRevision(later.after!)}`, later.source);
  } else {
    f('warning', `${named} is not in ${revText}; the data says only that it was created after ${formatRevision(later.after!)}: check which revision added it`, later.source);
  }
}

/** Headings of the export that name an origin of the schedule but no measure cites: said, so a new one is not missed. */
function uncitedHeadings(headings: ReadonlyMap<string, Heading>, cited: ReadonlySet<string>, originNames: ReadonlyMap<string, string>): Finding[] {
  const out: Finding[] = [];
  for (const [code, name] of originNames) {
    const word = new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
    for (const [heading, row] of headings) {
      if (!heading.startsWith('9903') || cited.has(heading) || !word.test(row.description)) continue;
      const text = row.description.length > 140 ? `${row.description.slice(0, 140)}…` : row.description;
      out.push({ severity: 'info', measure: null, heading, message: `${heading} names ${name} (${code}) but no measure cites it (${describe(parseHeadingRate(row.general))}): ${text}` });
    }
  }
  return out;
}
