// Maintainer script: derives the bundled product lists (data/lists/*.json) of the Section 232 measures from the
// reference material in ../shared/law-data/ (never committed; a user's clone does not have it, and the tool never
// reads it). The chapter 99 text (HTSUS 2026 Rev. 6) and the text of the Proclamation 11021 annexes are the
// authority; the CSV transcriptions (Budget Lab at Yale) are used for what the text does not say (the effective date
// of the 2025-08-18 inclusions, lists whose note is not in Rev. 6) and to cross-check. Where a list and the text
// disagree, the text wins, and the disagreement is printed and written into the list's notes.
//
//   node scripts/gen-lists.js            # writes data/lists/*.json and prints the cross-check report
//   node scripts/gen-lists.js --check    # writes nothing; exit 1 when data/lists differs from what it derives
//
// tests/unit/gen-lists.test.ts checks that the committed lists equal what this derives (skipped without ../shared).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { deriveExemptionLists } from './gen-exemption-lists.js';
import { between, digitsOf, formatHts, HTS_REV6, LAW_DATA, listedCodes, ROOT, unique } from './law-text.js';

export { LAW_DATA };
/** The official HTS (2026 Rev. 10, USITC JSON export): to tell which 8-digit lines have a single statistical suffix. */
export const HTS_EXPORT = resolve(ROOT, '..', 'shared', 'hts-data', 'hts_2026_rev_10.json.gz');

const P11021 = {
  instrument: 'Proclamation 11021 (Adjusting Imports of Aluminum, Steel, and Copper), Annexes',
  citation: '91 FR 18201',
  document: 'FR Doc 2026-06960',
};
// Citations as DOMAIN.md §3 gives them (primary): published 2025-02-18.
const P10895 = { instrument: 'Proclamation 10895 (Adjusting Imports of Aluminum into the United States)', citation: '90 FR 9807', document: 'FR Doc 2025-02832' };
const P10896 = { instrument: 'Proclamation 10896 (Adjusting Imports of Steel into the United States)', citation: '90 FR 9817', document: 'FR Doc 2025-02833' };
const P9980 = { instrument: 'Proclamation 9980 (Adjusting Imports of Derivative Aluminum Articles and Derivative Steel Articles into the United States), clause 1', citation: '85 FR 5281' };
const BIS_INCLUSIONS = {
  instrument: 'BIS, Adoption and Procedures of the Section 232 Steel and Aluminum Tariff Inclusions Process (inclusions effective 2025-08-18)',
  citation: '90 FR 40326',
  document: 'FR Doc 2025-15819',
};
const P10962 = { instrument: 'Proclamation 10962 (Adjusting Imports of Copper into the United States)', citation: '90 FR 37727', document: 'FR Doc 2025-14893' };
const P10908 = { instrument: 'Proclamation 10908 (Adjusting Imports of Automobiles and Automobile Parts into the United States), Annex II', citation: '90 FR 14705', document: 'FR Doc 2025-05930' };
const P11002 = { instrument: 'Proclamation 11002 (Adjusting Imports of Semiconductors, Semiconductor Manufacturing Equipment, and Their Derivative Products)', citation: '91 FR 2443' };
const P10984 = { instrument: 'Proclamation 10984 (Adjusting Imports of Medium- and Heavy-Duty Trucks, Parts and Buses)', citation: '90 FR 48451', document: 'FR Doc 2025-19639' };
const YALE = 'Budget Lab at Yale, tariff-rate-tracker (snapshot 2026-05-11)';

// ---------------------------------------------------------------------------------------------- reading the texts

/** Codes written inline in prose, e.g. "7610.10.00; 7610.90.00" or "(described in subheading 7614.10.50)". */
function inlineCodes(text) {
  return [...text.matchAll(/(?<![\d.])(\d{4}\.\d{2}\.\d{4}|\d{4}(?:\.\d{2}){1,3})(?!\d|\.\d)/g)].map((m) => digitsOf(m[1])).filter((d) => !d.startsWith('99'));
}

function csvRows(file) {
  const [head, ...rows] = readFileSync(file, 'utf8').trim().split(/\r?\n/).filter((l) => !l.startsWith('#'));
  const cols = head.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i], v])));
}

/** For comparing two transcriptions: "7612.10.0000" (statistical suffix 00) and "7612.10.00" name the same goods. */
const canon = (d) => (d.length === 10 && d.endsWith('00') ? d.slice(0, 8) : d);
const minus = (a, b) => {
  const s = new Set(b.map(canon));
  return unique(a).filter((x) => !s.has(canon(x)));
};

// ------------------------------------------------------------------------------------------------------ the lists

/**
 * Derives every list. Returns { lists: [{ id, ...ProductList }], report: string[] }: the report says where the
 * transcription and the text differ (the text is used) and what could not be checked against a text.
 */
export function deriveLists(dir = LAW_DATA, htsExport = HTS_EXPORT) {
  // Page breaks (form feeds) start a new line, as on paper.
  const notes = gunzipSync(readFileSync(join(dir, 'hts-2026-rev6-chapter99-notes.txt.gz'))).toString('latin1').replaceAll('\f', '\n');
  const annexes = readFileSync(join(dir, 'proc-11021-annexes.txt'), 'latin1').replaceAll('\f', '\n');
  const report = [];
  const lists = [];
  // The notes write some lines with their statistical suffix, "7612.10.0000": where the official HTS has no other
  // suffix under that 8-digit line, the code is the 8-digit line itself, and is written so (a user's 7612.10.00 is
  // then not "too short"). Others stay as written.
  const suffixes = new Map();
  /** The 10-digit statistical lines of each 8-digit line (HTS 2026 Rev. 10). */
  const statLines = new Map();
  /** The 8-digit lines that the export writes as such (a line with one suffix is written only with it). */
  const eightDigitLines = [];
  for (const row of JSON.parse(gunzipSync(readFileSync(htsExport)).toString('utf8'))) {
    const d = String(row.htsno ?? '').replaceAll('.', '');
    if (/^\d{8}$/.test(d)) eightDigitLines.push(d);
    if (/^\d{10}$/.test(d)) {
      suffixes.set(d.slice(0, 8), (suffixes.get(d.slice(0, 8)) ?? 0) + 1);
      statLines.set(d.slice(0, 8), [...(statLines.get(d.slice(0, 8)) ?? []), d]);
    }
  }
  let shortened = 0;
  const lineOf = (d) => {
    if (d.length === 10 && d.endsWith('00') && suffixes.get(d.slice(0, 8)) === 1) {
      shortened++;
      return d.slice(0, 8);
    }
    return d;
  };
  const entries = (codes, attrs = () => ({})) => {
    const seen = new Set();
    const out = [];
    for (const d of unique(codes)) {
      const line = lineOf(d);
      if (seen.has(line)) continue;
      seen.add(line);
      out.push({ hts: formatHts(line), ...attrs(d) }); // attributes by the code as the text writes it
    }
    return out;
  };
  /** Compares what the text lists with a transcription; the text wins. Returns notes for the list. */
  const crossCheck = (id, text, other, where, otherName = `the ${YALE} transcription`) => {
    const t = unique(text);
    const o = unique(other);
    const under = (a, b) => canon(a) !== canon(b) && canon(a).startsWith(canon(b));
    // A code of one written shorter or longer in the other (e.g. 8479.89 for 8479.89.9599) is a difference of
    // precision, said as a count; a code with no counterpart at all is named.
    const extra = minus(o, t);
    const missing = minus(t, o);
    const broader = extra.filter((x) => t.some((y) => under(y, x)));
    const narrower = extra.filter((x) => !broader.includes(x) && t.some((y) => under(x, y)));
    const onlyOther = extra.filter((x) => !broader.includes(x) && !narrower.includes(x));
    const onlyText = missing.filter((x) => !o.some((y) => under(x, y) || under(y, x)));
    const out = [];
    if (onlyOther.length > 0) out.push(`${where} does not list ${onlyOther.map(formatHts).join(', ')}, which ${otherName} has: left out (the text wins).`);
    if (onlyText.length > 0) out.push(`${where} lists ${onlyText.map(formatHts).join(', ')}, which ${otherName} lacks: kept (the text wins).`);
    if (broader.length > 0) out.push(`${otherName} writes ${broader.length} code(s) shorter than ${where} does (${broader.slice(0, 5).map(formatHts).join(', ')}${broader.length > 5 ? ', ...' : ''}), covering more lines: the text's codes are used.`);
    if (narrower.length > 0) out.push(`${otherName} writes ${narrower.length} code(s) longer than ${where} does (${narrower.slice(0, 5).map(formatHts).join(', ')}${narrower.length > 5 ? ', ...' : ''}): the text's codes are used.`);
    for (const x of out) report.push(`${id}: ${x}`);
    if (out.length === 0) report.push(`${id}: ${t.length} codes; ${otherName} agrees with ${where}.`);
    return out;
  };

  // --- Steel and aluminum before Proc. 11021 (entries before 2026-04-06). ---
  const note19 = between(notes, '19. (a)  This note and the tariff provisions', '20. (a)  For the purposes of heading 9903.88.01', 'note 19');
  const n19g = between(note19, '(g) The rates of duty set forth in heading 9903.85.02', '(h) Except as provided', 'note 19(g)');
  const alArticles = [...n19g.matchAll(/(?:headings?|subheading) (\d{4}(?:\.\d{2})*)(?: and (\d{4}))?/g)].flatMap((m) => [m[1], m[2]]).filter(Boolean).map(digitsOf).filter((d) => !d.startsWith('99'));
  lists.push({
    id: 's232-aluminum-articles',
    title: 'Aluminum articles under Section 232 before Proclamation 11021 (heading 9903.85.02)',
    sources: [{ ...HTS_REV6, citation: 'U.S. note 19(g)' }, P10895],
    chapter99: ['9903.85.02'],
    confidence: 'primary',
    asOf: 'HTSUS 2026 Rev. 6, chapter 99 U.S. note 19(g)',
    notes: ['Every line under a listed heading or subheading is covered (note 19(g), last paragraph).'],
    entries: entries(alArticles, () => ({ metal: 'aluminum' })),
  });
  report.push(`s232-aluminum-articles: ${alArticles.length} codes from note 19(g) (no transcription to compare).`);

  const derivCsv = csvRows(join(dir, 's232_derivative_products.csv'));
  const n19i = inlineCodes(between(note19, '(i) The rates of duty set forth in heading 9903.85.04', '(j) The rates of duty', 'note 19(i)'));
  const n19j = inlineCodes(between(note19, '(j) The rates of duty set forth in heading 9903.85.07', '(k) The rates of duty', 'note 19(j)'));
  const n19k = inlineCodes(between(note19, '(k) The rates of duty in heading 9903.85.08', '(l) Any importer', 'note 19(k)'));
  const alCsv = (h) => derivCsv.filter((r) => r.ch99_code === h).map((r) => r.hts_prefix);
  const alNotes = [
    ...crossCheck('s232-aluminum-derivatives (9903.85.04)', n19i, alCsv('9903.85.04'), 'note 19(i)'),
    ...crossCheck('s232-aluminum-derivatives (9903.85.07)', n19j, alCsv('9903.85.07'), 'note 19(j)'),
    ...crossCheck('s232-aluminum-derivatives (9903.85.08)', n19k, alCsv('9903.85.08'), 'note 19(k)'),
  ];
  // Which of note 19(k)'s codes came with the 2025-08-18 inclusions: the text does not say; the transcription does.
  const inclusion = new Set(derivCsv.filter((r) => r.ch99_code === '9903.85.08' && r.effective_date === '2025-08-18').map((r) => r.hts_prefix));
  const heading = new Map([...n19i.map((d) => [d, '9903.85.04']), ...n19j.map((d) => [d, '9903.85.07']), ...n19k.map((d) => [d, '9903.85.08'])]);
  const alBase = unique([...n19i, ...n19j, ...n19k]).filter((d) => !inclusion.has(d));
  const alIncl = unique(n19k).filter((d) => inclusion.has(d));
  lists.push({
    id: 's232-aluminum-derivatives',
    title: 'Derivative aluminum articles under Section 232 from 2025-03-12 (headings 9903.85.04, .07, .08), before Proclamation 11021',
    sources: [{ ...HTS_REV6, citation: 'U.S. note 19(i), (j), (k)' }, P10895],
    chapter99: ['9903.85.04', '9903.85.07', '9903.85.08'],
    confidence: 'primary',
    asOf: 'HTSUS 2026 Rev. 6, chapter 99 U.S. note 19(i)-(k), less the codes added on 2025-08-18',
    notes: [
      'Codes of note 19(k) that the BIS inclusions added from 2025-08-18 are in s232-aluminum-derivatives-2025-08-18 instead (which codes those are comes from the transcription: the note does not date them).',
      ...alNotes,
    ],
    entries: entries(alBase, (d) => ({ metal: 'aluminum', chapter99: heading.get(d) })),
  });
  lists.push({
    id: 's232-aluminum-derivatives-2025-08-18',
    title: 'Derivative aluminum articles added to Section 232 from 2025-08-18 (heading 9903.85.08, BIS inclusions)',
    sources: [{ ...HTS_REV6, citation: 'U.S. note 19(k)' }, BIS_INCLUSIONS],
    chapter99: ['9903.85.08'],
    confidence: 'derived',
    asOf: 'HTSUS 2026 Rev. 6, chapter 99 U.S. note 19(k); inclusion dates from the transcription',
    notes: ['Every code is in note 19(k); that it was added on 2025-08-18 (not 2025-03-12) is from the transcription (derived).'],
    entries: entries(alIncl, () => ({ metal: 'aluminum' })),
  });

  // The transcription shortens some 10-digit codes to their 8-digit line (its aluminum list does, against note 19(k)).
  // The same BIS notice added the same articles as aluminum derivatives, which note 19(k) lists in full: where the
  // transcription gives an 8-digit steel code and note 19(k) lists only 10-digit lines under it, those lines are taken (e.g. 3004.90.92 -> 3004.90.92.44: not every medicament of 3004.90.92 is a steel derivative).
  const steelRaw = derivCsv.filter((r) => r.ch99_code === '9903.81.91').map((r) => r.hts_prefix);
  const narrowed = [];
  const steelIncl = steelRaw.flatMap((d) => {
    if (d.length !== 8 || n19k.includes(d)) return [d];
    const finer = unique(n19k).filter((a) => a.length > 8 && a.startsWith(d));
    if (finer.length === 0) return [d];
    narrowed.push(`${d} -> ${finer.join(', ')}`);
    return finer;
  });
  const steelDates = unique(derivCsv.filter((r) => r.ch99_code === '9903.81.91').map((r) => r.effective_date));
  if (steelDates.length !== 1 || steelDates[0] !== '2025-08-18') throw new Error(`9903.81.91 rows are dated ${steelDates.join(', ')}, expected 2025-08-18 only`);
  lists.push({
    id: 's232-steel-derivatives-2025-08-18',
    title: 'Derivative steel articles added to Section 232 from 2025-08-18 (heading 9903.81.91, BIS inclusions)',
    sources: [BIS_INCLUSIONS, P10896],
    chapter99: ['9903.81.91'],
    confidence: 'derived',
    asOf: `${YALE}, s232_derivative_products.csv; not checked against a text`,
    notes: [
      'HTSUS 2026 Rev. 6 no longer has the steel note that listed these codes (Proc. 11021 replaced it from 2026-04-06), so this list is the transcription (derived).',
      `The transcription shortens some codes to their 8-digit line; where note 19(k) lists the same articles as aluminum derivatives by their 10-digit lines only, those lines are used (${narrowed.length} codes: ${narrowed.join('; ')}).`,
    ],
    entries: entries(unique(steelIncl), () => ({ metal: 'steel' })),
  });
  report.push(`s232-steel-derivatives-2025-08-18: ${unique(steelIncl).length} codes from the transcription (the steel note is not in Rev. 6), ${narrowed.length} narrowed to the 10-digit lines of note 19(k).`);

  // --- Copper, Proc. 10962, 9903.78.01 (2025-08-01 to 2026-04-06). ---
  const copper = csvRows(join(dir, 's232_copper_products.csv')).map((r) => r.hts10);
  lists.push({
    id: 's232-copper-p10962',
    title: 'Semi-finished copper and intensive copper derivatives under Section 232 (heading 9903.78.01)',
    sources: [P10962],
    chapter99: ['9903.78.01'],
    confidence: 'derived',
    asOf: `${YALE}, s232_copper_products.csv; not checked against a text`,
    notes: ['HTSUS 2026 Rev. 6 no longer lists the 9903.78.01 codes (Proc. 11021 moved copper into note 16 from 2026-04-06), so this list is the transcription as is (derived).'],
    entries: entries(copper, () => ({ metal: 'copper' })),
  });
  report.push(`s232-copper-p10962: ${unique(copper).length} codes from the transcription only.`);

  // --- Proc. 11021, from 2026-04-06: note 16(c) is the HTS text, the annexes the proclamation's. ---
  const note16 = between(notes, '16. (a)  Except as provided in headings 9903.85.67', '17. (a)  Subheadings 9903.45.01', 'note 16');
  const n16c = between(note16, '(c) Headings 9903.82.02', '(d) Headings 9903.82.04 and 9903.82.05', 'note 16(c)');
  const labels16 = [/U\.S\. Notes \(con\.\)/, /\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\) (?:Derivative )?(?:aluminum|steel|copper|Articles of aluminum|Articles of steel|Articles of copper)[a-z ]*:/i];
  // (i)-(v) are Annex I-A (9903.82.02, 50%), (vi)-(viii) Annex I-B (9903.82.09, 25%), (ix)-(x) Annex III (9903.82.10/.11).
  // The columns of (iii)-(v) run into each other on the page, but each tier is a block of its own.
  const vi = n16c.indexOf('(vi) Derivative aluminum articles:');
  const ix = n16c.indexOf('(ix) Derivative aluminum articles:');
  if (vi < 0 || ix < 0) throw new Error('note 16(c): subdivision markers (vi)/(ix) not found');
  const tier16 = { '1a': listedCodes(n16c.slice(0, vi), labels16), '1b': listedCodes(n16c.slice(vi, ix), labels16), 3: listedCodes(n16c.slice(ix), labels16) };

  const labelsAnnex = [/^(?:Steel|Aluminum|Copper)(?: Derivatives| Articles)?(?= |$)/];
  const annexText = (start, end) => between(annexes, start, end, start);
  const annexBlocks = {
    '1a': annexText('Annex I-A:', 'Annex I-B:'),
    '1b': annexText('Annex I-B:', 'Annex II:'),
    2: annexText('Annex II:', 'Annex III:'),
    3: annexText('Annex III:', 'Annex IV'),
  };
  /** Codes of an annex with the metal of the block they are listed under ("Steel Derivatives", "Copper Articles"). */
  const annexCodes = (text) => {
    const out = [];
    let metal = null;
    for (const line of text.split('\n')) {
      const m = /^(Steel|Aluminum|Copper)\b/.exec(line.trim());
      if (m && !/[a-z]{3,}.*[a-z]{3,}.*[a-z]{3,}/.test(line.replace(/^(Steel|Aluminum|Copper)( Derivatives| Articles)?/, ''))) metal = m[1].toLowerCase();
      for (const d of listedCodes(line, labelsAnnex)) out.push([d, metal]);
    }
    return out;
  };
  const annexCsv = csvRows(join(dir, 's232_annex_products.csv'));
  const metalByChapter = (d) => (d.startsWith('74') ? 'copper' : d.startsWith('76') ? 'aluminum' : d.startsWith('72') || d.startsWith('73') ? 'steel' : null);
  const tiers = [
    ['1a', 'p11021-annex-i-a', 'Proclamation 11021 Annex I-A: 50% on the full value (heading 9903.82.02)', ['9903.82.02'], '(i)-(v)'],
    ['1b', 'p11021-annex-i-b', 'Proclamation 11021 Annex I-B: 25% on the full value (heading 9903.82.09)', ['9903.82.09'], '(vi)-(viii)'],
    [2, 'p11021-annex-ii', 'Proclamation 11021 Annex II: removed from the scope of Section 232 steel, aluminum and copper', [], null],
    ['3', 'p11021-annex-iii', 'Proclamation 11021 Annex III: 15% including MFN until 2027-12-31 (headings 9903.82.10, 9903.82.11)', ['9903.82.10', '9903.82.11'], '(ix)-(x)'],
  ];
  for (const [tier, id, title, headings, subdivisions] of tiers) {
    const inAnnex = annexCodes(annexBlocks[tier]);
    const metalOf = new Map();
    for (const [d, m] of inAnnex) if (!metalOf.has(d)) metalOf.set(d, m);
    const csv = annexCsv.filter((r) => r.annex === String(tier)).map((r) => r.hts_prefix);
    for (const r of annexCsv.filter((r) => r.annex === String(tier))) if (!metalOf.has(r.hts_prefix)) metalOf.set(r.hts_prefix, r.metal_type);
    const listNotes = [];
    let codes;
    if (subdivisions !== null) {
      // The HTS text (note 16(c)) is the law as entered; the annex is the proclamation's own list.
      codes = unique(tier16[tier]);
      listNotes.push(...crossCheck(id, codes, inAnnex.map(([d]) => d), `note 16(c)${subdivisions}`, 'the annex text of Proc. 11021'));
      listNotes.push(...crossCheck(id, codes, csv, `note 16(c)${subdivisions}`));
    } else {
      codes = unique(inAnnex.map(([d]) => d));
      listNotes.push(...crossCheck(id, codes, csv, 'Annex II of Proc. 11021'));
    }
    lists.push({
      id,
      title,
      sources: subdivisions === null ? [P11021] : [{ ...HTS_REV6, citation: `U.S. note 16(c)${subdivisions}` }, P11021],
      ...(headings.length > 0 ? { chapter99: headings } : {}),
      confidence: 'primary',
      asOf: subdivisions === null ? 'Proclamation 11021, Annex II (text)' : `HTSUS 2026 Rev. 6, chapter 99 U.S. note 16(c)${subdivisions}; Proclamation 11021 annex text`,
      ...(listNotes.length > 0 ? { notes: listNotes } : {}),
      entries: entries(codes, (d) => {
        const metal = metalOf.get(d) ?? metalByChapter(d);
        return metal ? { metal } : {};
      }),
    });
  }

  // --- Steel derivatives before Proc. 11021 other than the 2025-08-18 inclusions (9903.81.89, 9903.81.90). ---
  // Revision 6 no longer has the steel note (16) that listed them: Proc. 11021 rewrote it. What the texts still give:
  // (1) Proc. 9980's derivative steel articles, which Proc. 10896 kept (heading 9903.81.89): nails, tacks and
  //     staples of 7317.00.30, .55, .65, bumper stampings of 8708.10.30 and body stampings of 8708.29.21 (clause 1 of
  //     the proclamation; note 19(i) lists the same two stampings for aluminum, from the same clause); each must be
  //     on a Proc. 11021 list as a steel derivative, which carries them on.
  // (2) the derivative steel articles of chapters 72 and 73 (9903.81.90): Proc. 11021 sorts every derivative it keeps
  //     into a tier (note 16(c)) and lists the ones it removes (Annex II), and its inclusion process was the only other
  //     way a code was added; so the chapter 72/73 codes of its four lists that are not steel articles (note 16(c)(iii))
  //     are taken as the chapter 72/73 derivatives of 2025 (derived). Its non-chapter-72/73 steel codes that are not
  //     2025-08-18 inclusions may have been listed earlier (the annex of Proc. 10896, or later inclusions) or added by
  //     Proc. 11021: the texts do not say which, so they are left out before 2026-04-06 and named in the list's notes.
  const n16iii = between(n16c, '(iii) Articles of steel:', 'Harmonized Tariff Schedule', 'note 16(c)(iii)');
  const steelArticles = listedCodes(n16iii, []);
  if (steelArticles.length < 30 || !steelArticles.every((d) => d.startsWith('72') || d.startsWith('73'))) throw new Error(`note 16(c)(iii): ${steelArticles.length} codes read, not the articles of steel`);
  const p11021Lists = lists.filter((l) => l.id.startsWith('p11021-annex-'));
  const p11021Steel = p11021Lists.flatMap((l) => l.entries.filter((e) => e.metal === 'steel').map((e) => digitsOf(e.hts)));
  const isArticle = (d) => steelArticles.some((a) => d.startsWith(a));
  const derivative7273 = unique(
    p11021Lists.flatMap((l) => l.entries.map((e) => digitsOf(e.hts))).filter((d) => (d.startsWith('72') || d.startsWith('73')) && !isArticle(d) && !d.startsWith('7308200035')),
  );
  const p9980 = ['73170030', '73170055', '73170065', '87081030', '87082921'];
  const p9980Missing = p9980.filter((d) => !p11021Steel.some((c) => c === d || d.startsWith(c)));
  if (p9980Missing.length > 0) throw new Error(`Proc. 9980 codes ${p9980Missing.join(', ')} are on no Proc. 11021 list as steel`);
  for (const d of ['87081030', '87082921']) if (!n19i.includes(d)) throw new Error(`note 19(i) no longer lists ${formatHts(d)} (Proc. 9980's stampings)`);
  const inclusions = new Set(steelIncl);
  const undated = unique(p11021Steel.filter((d) => !['72', '73', '74', '76'].includes(d.slice(0, 2)) && !p9980.includes(d) && !steelIncl.some((c) => c.startsWith(d) || d.startsWith(c))));
  // The four lists split some 8-digit lines between tiers by statistical suffix (7326.20.00.10 in I-B, .90 in I-A),
  // and list a heading line by line: a line all of whose suffixes (HTS 2026 Rev. 10) are listed is written as the
  // 8-digit line, and a subheading or heading all of whose 8-digit lines are listed as that subheading or heading
  // (7318: every line of it), as 2025 listed them. The goods are the same; a code such as 7318 is then not "too short".
  const lines8 = [...new Set([...statLines.keys(), ...eightDigitLines])].sort();
  const collapse = (codes) => {
    let set = new Set(codes);
    for (const d of [...set]) {
      const kids = statLines.get(d.slice(0, 8)) ?? [];
      if (d.length === 10 && kids.length > 0 && kids.every((k) => set.has(k))) {
        for (const k of kids) set.delete(k);
        set.add(d.slice(0, 8));
      }
    }
    for (const len of [6, 4]) {
      const covered = (line) => [...set].some((c) => line.startsWith(c));
      for (const p of new Set([...set].filter((d) => d.length > len).map((d) => d.slice(0, len)))) {
        const under = lines8.filter((l) => l.startsWith(p));
        if (under.length > 0 && under.every(covered)) set = new Set([...[...set].filter((c) => !c.startsWith(p)), p]);
      }
    }
    return [...set].sort();
  };
  const steelDeriv = collapse(unique([...derivative7273, ...p9980]).filter((d) => !inclusions.has(d)));
  lists.push({
    id: 's232-steel-derivatives',
    title: 'Derivative steel articles under Section 232 from 2025-03-12 (headings 9903.81.89, 9903.81.90), before Proclamation 11021',
    sources: [P10896, P9980, { ...HTS_REV6, citation: 'U.S. note 16(c)(iii), (iv), (vii), (x); U.S. note 19(i)' }, P11021],
    chapter99: ['9903.81.89', '9903.81.90'],
    confidence: 'derived',
    asOf: 'Proclamation 9980, clause 1; HTSUS 2026 Rev. 6, chapter 99 U.S. note 16(c) and Proclamation 11021 Annex II, chapters 72 and 73',
    notes: [
      'HTSUS 2026 Rev. 6 no longer has the steel note that listed the derivatives before 2026-04-06 (Proc. 11021 rewrote note 16), so this list is derived: Proc. 9980\'s derivative steel articles (7317.00.30, 7317.00.55, 7317.00.65, 8708.10.30, 8708.29.21; 9903.81.89), which Proc. 10896 kept, and the chapter 72 and 73 derivative steel articles (9903.81.90) taken as the chapter 72/73 codes Proc. 11021 lists (its tiers, note 16(c), and its removals, Annex II) other than the articles of steel (note 16(c)(iii), the steel category).',
      'A chapter 72/73 code that an inclusion added after 2025-03-12 and before 2025-08-18 would be covered from 2025-03-12 here: the bundled texts date none (the 2025-08-18 inclusions have no chapter 72/73 code).',
      'Chapter 73 lines on no Proc. 11021 list are not derivatives here: they are articles of cast iron (7303.00.00 tubes, 7307.11.00 fittings, 7322.11.00 radiators, 7323.91.10 and 7324.21 enamelled ware and baths).',
      `Proc. 11021 lists ${undated.length} other steel code(s) outside chapters 72, 73 (and the aluminum and copper chapters 74, 76) that are not 2025-08-18 inclusions (${undated.map(formatHts).join(', ')}): whether the annex of Proc. 10896 or a later inclusion listed them before 2026-04-06, and from when, is not in the bundled texts, so they are not on this list (not modelled before 2026-04-06).`,
      'Where Proc. 11021 splits an 8-digit line between its lists by statistical suffix, a line with every suffix of HTS 2026 Rev. 10 listed is written as the 8-digit line, and a subheading or heading with every 8-digit line listed as that subheading or heading (the same goods).',
    ],
    entries: entries(steelDeriv, (d) => ({ metal: 'steel', chapter99: p9980.includes(d) ? '9903.81.89' : '9903.81.90' })),
  });
  report.push(`s232-steel-derivatives: ${steelDeriv.length} codes (${derivative7273.length} chapter 72/73 codes of Proc. 11021's lists, Proc. 9980's 5); ${undated.length} other Proc. 11021 steel codes not dated before 2026-04-06: left out.`);

  // --- Auto parts, U.S. note 33(g) (9903.94.05 and the Japan headings 9903.94.42/.43). ---
  const n33g = between(notes, '(g) Subject to a manufacturer\'s import adjustment offset amount', '(h) Heading 9903.94.06 applies', 'note 33(g)');
  const autoParts = listedCodes(n33g, []);
  const autoCsv = readFileSync(join(dir, 's232_auto_parts.txt'), 'utf8').split(/\s+/).filter(Boolean);
  const autoNotes = crossCheck('s232-auto-parts-note33g', autoParts, autoCsv, 'note 33(g)');
  lists.push({
    id: 's232-auto-parts-note33g',
    title: 'Automobile parts under Section 232: U.S. note 33(g) (headings 9903.94.05, 9903.94.42, 9903.94.43)',
    sources: [{ ...HTS_REV6, citation: 'U.S. note 33(g)' }, P10908],
    chapter99: ['9903.94.05', '9903.94.42', '9903.94.43'],
    confidence: 'primary',
    asOf: 'HTSUS 2026 Rev. 6, chapter 99 U.S. note 33(g)',
    notes: [
      'Parts of passenger vehicles and light trucks in these provisions; parts added by the inclusion process (note 33(p)) are not listed here.',
      ...autoNotes,
    ],
    entries: entries(autoParts),
  });

  // --- Medium and heavy-duty vehicles and their parts, U.S. note 38 (Proc. 10984). ---
  const n38 = between(notes, '(a) Except as provided for in headings 9903.74.03, 9903.74.05', '(j) Heading 9903.74.09 applies', 'note 38');
  const mhdv = listedCodes(between(n38, '(b) The rate of duty set forth in heading 9903.74.01', '(d) Heading 9903.74.03', 'note 38(b)-(c)'), []);
  const n38i = n38.indexOf('(i) The rates of duty set forth in heading 9903.74.08');
  if (n38i < 0) throw new Error('note 38(i): start marker not found');
  const mhdvParts = listedCodes(n38.slice(n38i), []); // to (j), where n38 ends
  lists.push({
    id: 's232-mhdv-note38bc',
    title: 'Medium and heavy-duty vehicles and buses under Section 232: U.S. note 38(b), (c) (headings 9903.74.01, 9903.74.02)',
    sources: [{ ...HTS_REV6, citation: 'U.S. note 38(b), (c)' }, P10984],
    chapter99: ['9903.74.01', '9903.74.02'],
    confidence: 'primary',
    asOf: 'HTSUS 2026 Rev. 6, chapter 99 U.S. note 38(b), (c)',
    entries: entries(mhdv),
  });
  report.push(`s232-mhdv-note38bc: ${unique(mhdv).length} codes from note 38(b), (c) (no transcription to compare).`);
  const mhdvCsv = readFileSync(join(dir, 's232_mhd_parts.txt'), 'utf8').split(/\s+/).filter(Boolean);
  const mhdvNotes = crossCheck('s232-mhdv-parts-note38i', mhdvParts, mhdvCsv, 'note 38(i)');
  lists.push({
    id: 's232-mhdv-parts-note38i',
    title: 'Parts of medium and heavy-duty vehicles under Section 232: U.S. note 38(i) (heading 9903.74.08)',
    sources: [{ ...HTS_REV6, citation: 'U.S. note 38(i)' }, P10984],
    chapter99: ['9903.74.08'],
    confidence: 'primary',
    asOf: 'HTSUS 2026 Rev. 6, chapter 99 U.S. note 38(i)',
    ...(mhdvNotes.length > 0 ? { notes: mhdvNotes } : {}),
    entries: entries(mhdvParts),
  });

  // --- Semiconductors, U.S. note 39(b) (9903.79.01), Proc. 11002. ---
  const n39b = between(notes, '(b) For the purposes of this note, "semiconductor articles"', 'To be included within the definition of semiconductor articles', 'note 39(b)');
  const semis = listedCodes(n39b, []);
  const semiCsv = csvRows(join(dir, 's232_semi_products.csv')).map((r) => r.hts10);
  const semiOutside = semiCsv.filter((d) => !semis.some((p) => d.startsWith(p)));
  if (semiOutside.length > 0) report.push(`s232-semiconductors-note39b: the transcription has ${semiOutside.join(', ')} outside note 39(b)'s provisions: left out.`);
  else report.push(`s232-semiconductors-note39b: ${semis.length} provisions; every transcribed line is under one of them.`);
  lists.push({
    id: 's232-semiconductors-note39b',
    title: 'Provisions of semiconductor articles under Section 232: U.S. note 39(b) (heading 9903.79.01)',
    sources: [{ ...HTS_REV6, citation: 'U.S. note 39(b)' }, P11002],
    chapter99: ['9903.79.01', '9903.79.02'],
    confidence: 'primary',
    asOf: 'HTSUS 2026 Rev. 6, chapter 99 U.S. note 39(b)',
    notes: ['Only articles meeting the technical parameters of note 39(b) (logic integrated circuits by total processing performance and DRAM bandwidth) are semiconductor articles; the rest of these provisions enter under 9903.79.02.'],
    entries: entries(semis),
  });

  report.push(`${shortened} code(s) written with the statistical suffix 00 of an 8-digit line that has no other suffix in HTS 2026 Rev. 10: written as the 8-digit line.`);

  // --- Exemption lists (EO 14257 Annex II, Proc. 11012 annex): scripts/gen-exemption-lists.js. ---
  const exemptions = deriveExemptionLists(dir);
  lists.push(...exemptions.lists);
  report.push(...exemptions.report);

  return { lists, report };
}

/** The JSON text of a list file, as committed. */
export function listFileText(list) {
  const { entries, ...head } = list;
  const json = JSON.stringify({ $schema: '../schema/product-list.schema.json', ...head, entries: [] }, null, 2);
  // One entry per line: the lists are long, and a diff should show the codes that changed.
  const lines = entries.map((e, i) => `    ${JSON.stringify(e)}${i < entries.length - 1 ? ',' : ''}`);
  return `${json.replace('"entries": []', `"entries": [\n${lines.join('\n')}\n  ]`)}\n`;
}

/**
 * The maintainer scripts' last step: write each derived list to data/lists/<id>.json, or with `--check` only say
 * which committed file differs from the derivation (exit code 1). Prints the derivation's report.
 */
export function writeOrCheckLists({ lists, report }, check = process.argv.includes('--check')) {
  let stale = 0;
  for (const list of lists) {
    const file = join(ROOT, 'data', 'lists', `${list.id}.json`);
    const text = listFileText(list);
    if (check) {
      if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
        console.error(`stale: data/lists/${list.id}.json`);
        stale++;
      }
    } else writeFileSync(file, text);
  }
  console.log(report.join('\n'));
  if (stale > 0) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!existsSync(LAW_DATA) || !existsSync(HTS_EXPORT)) {
    console.error(`gen-lists: ${LAW_DATA} or ${HTS_EXPORT} not found (the maintainers' reference material; not in a user's clone)`);
    process.exit(2);
  }
  writeOrCheckLists(deriveLists());
}
