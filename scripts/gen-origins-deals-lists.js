// Maintainer script: the product lists of the partner deals (EU, Switzerland and Liechtenstein) that exempt listed
// goods from the partner's inclusive reciprocal rate, derived from the chapter 99 text in ../shared/law-data/ (HTSUS
// 2026 Rev. 6; never committed, never read by the tool) and cross-checked against the Budget Lab at Yale's
// transcription (floor_exempt_products.csv). Where they differ, the text wins and the list's notes say so.
//
//   - EU unavailable natural resources: U.S. note 2(v)(xx), heading 9903.02.74 (csv: ptaap,eu);
//   - Switzerland and Liechtenstein: U.S. note 2(v)(xxv)(b), headings 9903.02.84 / 9903.02.89 (csv: ptaap,swiss).
//
// The partners' other lists exempt goods only when used or certified so: civil aircraft (9903.02.76/.81/.85/.90,
// General Note 6) are derived by scripts/gen-civil-aircraft-lists.js and applied to rows claiming them (spi C); the
// non-patented pharmaceutical inputs (9903.02.77/.86/.91, no US patent) are not lists of lines a row can be matched
// on, and are not derived.
//
//   node scripts/gen-origins-deals-lists.js           write data/lists/<id>.json
//   node scripts/gen-origins-deals-lists.js --check   exit 1 if a committed list differs
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { writeOrCheckLists } from './gen-lists.js';
import { between, formatHts, HTS_REV6, LAW_DATA, listedCodes, unique } from './law-text.js';

export { LAW_DATA };

const EU_FRN = {
  instrument:
    'Commerce/USTR notice: Implementing Certain Tariff-Related Elements of the U.S.-EU Framework on an Agreement on Reciprocal, Fair, and Balanced Trade (under EO 14346), published 2025-09-25',
  document: 'FR Doc 2025-18660',
  url: 'https://www.federalregister.gov/d/2025-18660',
};
const CSMS_EU = { instrument: 'CBP CSMS #66336270 (EU framework)', document: 'CSMS #66336270' };
const CH_FRN = {
  instrument: 'Commerce/USTR notice implementing the US framework agreement with Switzerland and Liechtenstein (under EO 14346), published 2025-12-18',
  citation: '90 FR 59281',
  document: 'FR Doc 2025-23316',
  url: 'https://www.federalregister.gov/d/2025-23316',
};
const CSMS_CH = { instrument: 'CBP CSMS #67133044 (Switzerland and Liechtenstein framework)', document: 'CSMS #67133044' };
const YALE = 'the Budget Lab at Yale transcription (tariff-rate-tracker, snapshot 2026-05-11, floor_exempt_products.csv)';

/** What the printed pages put on a line of their own or before a row of codes (as in gen-exemption-lists.js). */
const PAGE_LABELS = [/U\.S\. Notes \(con\.\)/g, /Harmonized Tariff Schedule of the United States Revision \d+ \(\d{4}\)/g, /Annotated for Statistical Reporting Purposes/g, /\bXXII\b/g, /\b99 - III - \d+\b/g, /\[Compiler's note:[^\]]*\]/g];

/** The csv's 8-digit codes of one category and country group. */
function floorCodes(dir, category, group) {
  const [, ...rows] = readFileSync(join(dir, 'floor_exempt_products.csv'), 'utf8').trim().split(/\r?\n/);
  return rows
    .map((r) => r.split(','))
    .filter((c) => c[1] === category && c[2] === group)
    .map((c) => c[0].trim());
}

/** A list's notes on how the text and the transcription compare, by coverage (a code covers the codes it prefixes). */
function compare(id, where, text, other, report) {
  const onlyOther = unique(other.filter((x) => !text.some((t) => x.startsWith(t))));
  const onlyText = unique(text.filter((t) => !other.some((x) => x.startsWith(t) || t.startsWith(x))));
  const show = (xs) => xs.map(formatHts).join(', ');
  const out = [];
  if (onlyOther.length > 0) out.push(`${where} does not cover ${show(onlyOther)}, which ${YALE} lists: left out (the text wins).`);
  if (onlyText.length > 0) out.push(`${where} lists ${show(onlyText)}, which ${YALE} lacks: kept (the text wins).`);
  report.push(out.length === 0 ? `${id}: ${unique(text).length} codes; ${YALE} (${unique(other).length} codes) agrees code for code.` : out.map((x) => `${id}: ${x}`).join('\n'));
  return out;
}

/** Returns { lists, report }. `dir` is ../shared/law-data. */
export function deriveOriginsDealsLists(dir = LAW_DATA) {
  const notes = gunzipSync(readFileSync(join(dir, 'hts-2026-rev6-chapter99-notes.txt.gz'))).toString('latin1').replaceAll('\f', '\n');
  const report = [];
  const lists = [];
  const entries = (codes) => unique(codes).map((d) => ({ hts: formatHts(d) }));

  // --- EU: note 2(v)(xx), heading 9903.02.74. ---
  const idEu = 'eu-natural-resources-9903-02-74';
  const xx = between(notes, '(xx) As provided in heading 9903.02.74', '(xxi) As provided in heading 9903.02.75', 'note 2(v)(xx)', { once: true });
  const eu = listedCodes(xx, PAGE_LABELS);
  if (eu.length < 150) throw new Error(`note 2(v)(xx): only ${eu.length} codes read`);
  if (!eu.includes('45011000')) throw new Error('note 2(v)(xx): 4501.10.00 (natural cork) not read');
  const euNotes = compare(idEu, 'U.S. note 2(v)(xx)', eu, floorCodes(dir, 'ptaap', 'eu'), report);
  lists.push({
    id: idEu,
    title: 'EU goods not subject to the inclusive 15% reciprocal rate: unavailable natural resources, including cork (U.S. note 2(v)(xx), heading 9903.02.74)',
    sources: [{ ...HTS_REV6, citation: 'U.S. note 2(v)(xx)' }, EU_FRN, CSMS_EU],
    chapter99: ['9903.02.74'],
    confidence: 'primary',
    asOf: 'HTSUS 2026 Rev. 6, chapter 99 U.S. note 2(v)(xx)',
    notes: [
      'Products of the European Union classifiable in these provisions pay no reciprocal duty (9903.02.19/.20) for entries from 2025-09-01 00:01 EDT (retroactive; the HTS change was deployed 2025-09-25) to the end of the IEEPA duties (2026-02-24).',
      ...euNotes,
    ],
    entries: entries(eu),
  });

  // --- Switzerland and Liechtenstein: note 2(v)(xxv)(b), headings 9903.02.84 / 9903.02.89. ---
  const idCh = 'ch-li-exempt-9903-02-84';
  const xxvb = between(notes, '(b) As provided in headings 9903.02.84 and 9903.02.89', '(c) As provided in headings 9903.02.85 and 9903.02.90', 'note 2(v)(xxv)(b)', {
    once: true,
  });
  const ch = listedCodes(xxvb, PAGE_LABELS);
  if (ch.length < 250) throw new Error(`note 2(v)(xxv)(b): only ${ch.length} codes read`);
  const chNotes = compare(idCh, 'U.S. note 2(v)(xxv)(b)', ch, floorCodes(dir, 'ptaap', 'swiss'), report);
  lists.push({
    id: idCh,
    title:
      'Goods of Switzerland and Liechtenstein not subject to their inclusive 15% reciprocal rate: listed agricultural products and unavailable natural resources (U.S. note 2(v)(xxv)(b), headings 9903.02.84 and 9903.02.89)',
    sources: [{ ...HTS_REV6, citation: 'U.S. note 2(v)(xxv)(b)' }, CH_FRN, CSMS_CH],
    chapter99: ['9903.02.84', '9903.02.89'],
    confidence: 'primary',
    asOf: 'HTSUS 2026 Rev. 6, chapter 99 U.S. note 2(v)(xxv)(b)',
    notes: [
      'Products of Switzerland (9903.02.84) or Liechtenstein (9903.02.89) classifiable in these provisions pay no reciprocal duty under 9903.02.82/.83 and 9903.02.87/.88, for entries from 2025-11-14 00:01 EST (retroactive; notice published 2025-12-18) to the end of the IEEPA duties (2026-02-24).',
      ...chNotes,
    ],
    entries: entries(ch),
  });

  return { lists, report };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!existsSync(LAW_DATA)) {
    console.error(`gen-origins-deals-lists: ${LAW_DATA} not found (the maintainers' reference material; not in a user's clone)`);
    process.exit(2);
  }
  writeOrCheckLists(deriveOriginsDealsLists());
}
