// Maintainer script, part of scripts/gen-lists.js (which calls deriveExemptionLists and writes what it returns): the
// exemption lists of the reciprocal tariff and of the Section 122 surcharge, derived from the chapter 99 text in
// ../shared/law-data/ (HTSUS 2026 Rev. 6; never committed, never read by the tool) and cross-checked against the
// CSV transcriptions of the Budget Lab at Yale. Where they differ, the text wins and the list's notes say so.
//
//   - EO 14257 Annex II as amended, with the April 2025 electronics list: U.S. note 2(v)(iii)(a) to subchapter III,
//     the goods of heading 9903.01.32 (cross-check: ieepa_exempt_products.csv);
//   - Proc. 11012 annex (Section 122): U.S. note 2(aa)(ii), the goods of heading 9903.03.03
//     (cross-check: s122_exempt_products.csv).
//
// Kept apart from gen-lists.js (the Section 232 lists) so that the two can change without touching each other.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { between, formatHts, HTS_REV6, listedCodes, unique } from './law-text.js';

const EO14257 = {
  instrument: 'Executive Order 14257 (Regulating Imports With a Reciprocal Tariff), Annex II, as amended (EO 14346 of 2025-09-05; the order of 2025-11-14 on agricultural products)',
  citation: '90 FR 15041',
  document: 'FR Doc 2025-06063',
  url: 'https://www.federalregister.gov/d/2025-06063',
};
const MEMO_2025_04_11 = {
  instrument: 'Presidential memorandum of 2025-04-11 (Clarification of Exceptions Under EO 14257): semiconductors and electronics, retroactive to 2025-04-05',
};
const P11012 = {
  instrument: 'Proclamation 11012 (Section 122 surcharge), Annex (goods not subject to the surcharge)',
  citation: '91 FR 9339',
  document: 'FR Doc 2026-03824',
  url: 'https://www.federalregister.gov/d/2026-03824',
};
const YALE = 'the Budget Lab at Yale transcription (tariff-rate-tracker, snapshot 2026-05-11)';

/** What the printed pages put on a line of their own or before a row of codes: page headers and footers. */
const PAGE_LABELS = [/U\.S\. Notes \(con\.\)/g, /Harmonized Tariff Schedule of the United States Revision \d+ \(\d{4}\)/g, /Annotated for Statistical Reporting Purposes/g, /\bXXII\b/g, /\b99 - III - \d+\b/g, /\[Compiler's note:[^\]]*\]/g];

function csvColumn(file) {
  const [, ...rows] = readFileSync(file, 'utf8').trim().split(/\r?\n/).filter((l) => !l.startsWith('#'));
  return rows.map((r) => r.split(',')[0].replaceAll('"', '').trim()).filter(Boolean);
}


/**
 * Compares the text's codes with a transcription's, by coverage: a transcribed code is accounted for when a code of
 * the text covers it (is a prefix of it), and a code of the text when it covers a transcribed code or one covers it.
 */
function crossCheck(text, other) {
  const covered = (x) => text.some((t) => x.startsWith(t));
  const matched = (t) => other.some((x) => x.startsWith(t) || t.startsWith(x));
  return { onlyOther: unique(other.filter((x) => !covered(x))), onlyText: unique(text.filter((t) => !matched(t))) };
}

function checkNotes(id, where, text, other, report) {
  const { onlyOther, onlyText } = crossCheck(text, other);
  const out = [];
  const show = (xs) => `${xs.slice(0, 12).map(formatHts).join(', ')}${xs.length > 12 ? `, ... (${xs.length} in all)` : ''}`;
  if (onlyOther.length > 0) out.push(`${where} does not cover ${show(onlyOther)}, which ${YALE} lists: left out (the text wins).`);
  if (onlyText.length > 0) out.push(`${where} lists ${show(onlyText)}, which ${YALE} lacks: kept (the text wins).`);
  if (out.length === 0) report.push(`${id}: ${unique(text).length} codes; ${YALE} (${unique(other).length} codes) is covered by them code for code.`);
  for (const x of out) report.push(`${id}: ${x}`);
  return out;
}

/** Returns { lists, report } like deriveLists in gen-lists.js. `dir` is ../shared/law-data. */
export function deriveExemptionLists(dir) {
  const notes = gunzipSync(readFileSync(join(dir, 'hts-2026-rev6-chapter99-notes.txt.gz'))).toString('latin1').replaceAll('\f', '\n');
  const report = [];
  const lists = [];
  const entries = (codes) => unique(codes).map((d) => ({ hts: formatHts(d) }));

  // --- EO 14257 Annex II as amended: U.S. note 2(v)(iii)(a), heading 9903.01.32. ---
  const id2 = 'eo14257-annex-ii';
  const n2 = between(notes, '(a) As provided for in heading 9903.01.32, the additional duties imposed by headings 9903.01.25', '(b) As provided in heading 9903.02.78', 'note 2(v)(iii)(a)', { once: true });
  const annex2 = listedCodes(n2, PAGE_LABELS);
  if (annex2.length < 1000) throw new Error(`note 2(v)(iii)(a): only ${annex2.length} codes read`);
  const smartphone = '85171300';
  if (!annex2.includes(smartphone)) throw new Error('note 2(v)(iii)(a): 8517.13.00 (smartphones, the April 2025 electronics list) not read');
  const notes2 = checkNotes(id2, 'U.S. note 2(v)(iii)(a)', annex2, csvColumn(join(dir, 'ieepa_exempt_products.csv')), report);
  // The agricultural lines the order of 2025-11-14 added from 2025-11-13. Neither the note nor the Annex II
  // transcription dates them; the transcription of Brazil's EO 14323 exemptions does: the order of 2025-11-20
  // exempted the same agricultural goods from Brazil's duty from 2025-11-13. A line of the note that is one of those
  // (8-digit, code for code) is dated 2025-11-13 (derived); the note must list most of them, or the inference fails.
  const brazil = readFileSync(join(dir, 'country_eo_exempt_products.csv'), 'utf8').split(/\r?\n/).filter((l) => l !== '' && !l.startsWith('#')).slice(1).map((l) => l.split(','));
  const nov13 = new Set(brazil.filter((r) => r[0] === '9903.01.77' && r[2] === '2025-11-13').map((r) => r[1].replaceAll('.', '')));
  const dated = unique(annex2).filter((d) => nov13.has(d));
  if (nov13.size < 200 || dated.length < 0.9 * [...nov13].filter((d) => !d.startsWith('99')).length - 20) throw new Error(`the 2025-11-13 additions: ${dated.length} of ${nov13.size} Brazil lines are in note 2(v)(iii)(a)`);
  report.push(`${id2}: ${dated.length} of the ${nov13.size} lines Brazil's exemptions add from 2025-11-13 are in note 2(v)(iii)(a): dated 2025-11-13.`);
  lists.push({
    id: id2,
    title: 'Goods not subject to the reciprocal tariff: EO 14257 Annex II as amended, with the April 2025 electronics list (U.S. note 2(v)(iii)(a), heading 9903.01.32)',
    sources: [{ ...HTS_REV6, citation: 'U.S. note 2(v)(iii)(a)' }, EO14257, MEMO_2025_04_11],
    chapter99: ['9903.01.32'],
    confidence: 'primary',
    asOf: 'HTSUS 2026 Rev. 6, chapter 99 U.S. note 2(v)(iii)(a)',
    notes: [
      `The list as the HTS prints it in 2026, that is Annex II as amended to 2025-11-13: the electronics of the memorandum of 2025-04-11 (8471, 8473.30, 8486, 8517.13.00, 8517.62.00, 8523.51.00, 8524, 8528.52.00, the listed 8541 lines, 8542) were excluded from 2025-04-05, retroactively; EO 14346 added and removed lines from 2025-09-08, and the order of 2025-11-14 added agricultural lines from 2025-11-13 (retroactive). ${dated.length} lines carry \`from: 2025-11-13\` (derived: they are the lines the order of 2025-11-20 exempted from Brazil's duty from that date, per the ${YALE.replace('the ', '')} of EO 14323's exemptions, country_eo_exempt_products.csv), so before it they pay the reciprocal tariff. The other amendments are not dated per code here (the texts do not say which lines EO 14346 added or removed): a line they added is excluded on every date, and a line they removed is not excluded before its removal.`,
      'Note 2(v)(iii)(b) (heading 9903.02.78: particular articles such as etrogs or goods for religious purposes, described by use) is not a list of lines and is not encoded.',
      'Where the transcription lists more, it is a union with exemptions that are not Annex II: the partner-specific lists of note 2(v)(xx)-(xxiii) (9903.02.74-.77) and of the Korea, Switzerland and Brazil notes (civil aircraft, generic pharmaceuticals, unavailable natural resources), which do not exempt a product of Japan as such.',
      ...notes2,
    ],
    entries: entries(annex2).map((e) => (nov13.has(e.hts.replaceAll('.', '')) ? { ...e, from: '2025-11-13' } : e)),
  });

  // --- Proc. 11012 annex: U.S. note 2(aa)(ii), heading 9903.03.03. ---
  const id122 = 's122-annex-p11012';
  const n122 = between(notes, '(ii) As provided in heading 9903.03.03, the additional duty imposed by heading 9903.03.01', '(iii) As provided in heading 9903.03.04', 'note 2(aa)(ii)', { once: true });
  const annex122 = listedCodes(n122, PAGE_LABELS);
  if (annex122.length < 1000) throw new Error(`note 2(aa)(ii): only ${annex122.length} codes read`);
  if (!annex122.includes(smartphone)) throw new Error('note 2(aa)(ii): 8517.13.00 not read');
  const notes122 = checkNotes(id122, 'U.S. note 2(aa)(ii)', annex122, csvColumn(join(dir, 's122_exempt_products.csv')), report);
  lists.push({
    id: id122,
    title: 'Goods not subject to the Section 122 surcharge: the annex of Proc. 11012 (U.S. note 2(aa)(ii), heading 9903.03.03)',
    sources: [{ ...HTS_REV6, citation: 'U.S. note 2(aa)(ii)' }, P11012],
    chapter99: ['9903.03.03'],
    confidence: 'primary',
    asOf: 'HTSUS 2026 Rev. 6, chapter 99 U.S. note 2(aa)(ii)',
    notes: [
      'In force for the whole surcharge, 2026-02-24 to 2026-07-24. The particular articles of note 2(aa)(iii) (heading 9903.03.04: etrogs, goods for religious purposes and the like, described by use) are not a list of lines and are not encoded.',
      'Where the transcription lists more, it adds the provisions of note 2(aa)(iv) (9903.03.05), exempt only for civil aircraft and their parts meeting general note 6, and the particular articles of 2(aa)(iii): conditions of use, not lines. The former are list civil-aircraft-s122, which the schedule applies to rows claiming civil aircraft (spi C).',
      ...notes122,
    ],
    entries: entries(annex122),
  });

  return { lists, report };
}
