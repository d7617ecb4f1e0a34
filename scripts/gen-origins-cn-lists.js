// Maintainer script: the product lists of the China, Hong Kong, Canada, Mexico and Brazil parts
// (data/schedules/parts/{china,hong-kong,canada,mexico,brazil}.json), derived from the reference material in
// ../shared/law-data/ (never committed; a user's clone does not have it, and the tool never reads it):
//
//   - China Section 301 lists 1, 2, 3 and 4A: HTSUS 2026 Rev. 6 chapter 99 U.S. note 20(b), (d), (f), (s)
//     (headings 9903.88.01, .02, .03, .15), cross-checked against the Budget Lab at Yale transcription
//     s301_product_lists.csv; the described products of note 20(g) (9903.88.04) from that transcription (the note
//     describes them in words, with statistical-suffix exceptions: the codes are the transcription's);
//   - the four-year-review tranches (note 31(b)-(j), headings 9903.91.01-.11) from the text, cross-checked the same way;
//   - Canada energy and potash, Mexico potash (the lower IEEPA rate, 9903.01.13/.15 and 9903.01.05):
//     fentanyl_carveout_products.csv (the CSMS #64336037 lists; no chapter 99 text of 2025 is bundled);
//   - Brazil: EO 14323 Annex I as amended (9903.01.77 exemptions, heading 9903.01.81): country_eo_exempt_products.csv,
//     split by the date the line was exempted (2025-08-06 original annex; 2025-11-13 the order of 2025-11-20).
//
//   node scripts/gen-origins-cn-lists.js            # writes the lists and prints the cross-check report
//   node scripts/gen-origins-cn-lists.js --check    # writes nothing; exit 1 when a committed list differs
//
// tests/unit/gen-origins-cn-lists.test.ts checks that the committed lists equal what this derives (skipped, saying
// so, without ../shared).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { deriveCivilAircraftLists } from './gen-civil-aircraft-lists.js';
import { writeOrCheckLists } from './gen-lists.js';
import { between, digitsOf, formatHts, HTS_REV6, LAW_DATA, listedCodes, ROOT, unique } from './law-text.js';

export { LAW_DATA };

const USTR_301 = {
  instrument: 'USTR, Section 301 action on China\'s acts, policies and practices related to technology transfer (lists 1-4A; 83 FR 28710, 83 FR 40823, 83 FR 47974, 84 FR 43304; list 4A cut to 7.5% by 85 FR 3741)',
  url: 'https://ustr.gov/issue-areas/enforcement/section-301-investigations/tariff-actions',
};
const USTR_REVIEW = {
  instrument: 'USTR, Notice of Modification: China\'s Acts, Policies, and Practices Related to Technology Transfer (four-year review)',
  citation: '89 FR 76581',
  document: 'FR Doc 2024-21217',
  url: 'https://www.federalregister.gov/d/2024-21217',
};
const CSMS_64336037 = { instrument: 'CBP CSMS #64336037 (energy, critical minerals and potash of Canada; potash of Mexico: 9903.01.13, 9903.01.15, 9903.01.05)', document: 'CSMS #64336037' };
const EO14231 = {
  instrument: 'Executive Order 14231 (Amendment to Duties To Address the Flow of Illicit Drugs Across Our Northern Border): potash at 10%',
  url: 'https://www.whitehouse.gov/presidential-actions/2025/03/amendment-to-duties-to-address-the-flow-of-illicit-drugs-across-our-northern-border-0c3c/',
};
const EO14232 = {
  instrument: 'Executive Order 14232 (Amendment to Duties To Address the Situation at Our Southern Border): potash at 10%',
  url: 'https://www.whitehouse.gov/presidential-actions/2025/03/amendment-to-duties-to-address-the-flow-of-illicit-drugs-across-our-southern-border/',
};
const EO14323 = {
  instrument: 'Executive Order 14323 (Addressing Threats to the United States by the Government of Brazil), Annex I',
  citation: '90 FR 37739',
  url: 'https://www.whitehouse.gov/presidential-actions/2025/07/addressing-threats-to-the-us/',
};
const EO_BR_NOV25 = {
  instrument: 'Executive Order of 2025-11-20 (Modifying the Scope of Tariffs on the Government of Brazil), Annex II: agricultural products removed from the 40%, retroactive to 2025-11-13',
  url: 'https://www.whitehouse.gov/presidential-actions/2025/11/modifying-the-scope-of-tariffs-on-the-government-of-brazil/',
};
const YALE = 'the Budget Lab at Yale transcription (tariff-rate-tracker, snapshot 2026-05-11)';

/** Page headers and footers of the printed chapter 99, removed before a line is read as a row of codes. */
const PAGE_LABELS = [/U\.S\. Notes \(con\.\)/g, /Harmonized Tariff Schedule of the United States Revision \d+ \(\d{4}\)/g, /Annotated for Statistical Reporting Purposes/g, /\bXXII\b/g, /\b99 - III - \d+\b/g, /\[Compiler's note:[^\]]*\]/g];

function csvRows(file) {
  const [head, ...rows] = readFileSync(file, 'utf8').trim().split(/\r?\n/).filter((l) => !l.startsWith('#'));
  const cols = head.split(',');
  // The only quoted field (source) is not used; it may hold commas, so split only the leading fields.
  return rows.map((r) => Object.fromEntries(r.split(',').slice(0, cols.length).map((v, i) => [cols[i], v.replaceAll('"', '').trim()])));
}

const entries = (codes) => unique(codes).sort().map((d) => ({ hts: formatHts(d) }));

/** The 8-digit lines of the bundled official schedule (HTS 2026 Rev. 10), sorted. */
const OFFICIAL_LINES = readFileSync(join(ROOT, 'data', 'mfn', 'hts-2026-rev-10.lines.tsv'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((r) => r.slice(0, 8));
/** Those lines by their 2-, 4- and 6-digit prefix. */
const LINES_UNDER = new Map();
for (const l of OFFICIAL_LINES) {
  for (const n of [2, 4, 6]) {
    const p = l.slice(0, n);
    if (!LINES_UNDER.has(p)) LINES_UNDER.set(p, []);
    LINES_UNDER.get(p).push(l);
  }
}

/**
 * The same goods in fewer entries: a heading or subheading (6, 4 or 2 digits) replaces its 8-digit codes when every
 * line of the official schedule under it is listed. The tool refuses a code that is not a line of that schedule, so
 * the lines a list covers are unchanged; the list's JSON is smaller, which the start-up of every run pays for.
 */
function collapse(codes) {
  let out = new Set(codes);
  const covered = (line) => out.has(line) || [2, 4, 6].some((n) => out.has(line.slice(0, n)));
  for (const n of [6, 4, 2]) {
    const prefixes = unique([...out].filter((c) => c.length > n).map((c) => c.slice(0, n)));
    for (const p of prefixes) {
      const under = LINES_UNDER.get(p) ?? [];
      if (under.length > 0 && under.every(covered)) out = new Set([...[...out].filter((c) => !c.startsWith(p)), p]);
    }
  }
  return [...out];
}
const COLLAPSED = 'The codes are written as the shortest heading or subheading whose every line of the official HTSUS 2026 Rev. 10 is enumerated (the same lines, fewer entries); codes of the text that are no longer lines are kept as they are.';
const show = (xs) => `${xs.slice(0, 12).map(formatHts).join(', ')}${xs.length > 12 ? `, ... (${xs.length} in all)` : ''}`;

/** Text codes vs transcribed codes (both digits), by coverage; returns the notes to write into the list. */
function crossCheck(id, where, text, other, report) {
  const covered = (x) => text.some((t) => x.startsWith(t));
  const matched = (t) => other.some((x) => x.startsWith(t) || t.startsWith(x));
  const onlyOther = unique(other.filter((x) => !covered(x)));
  const onlyText = unique(text.filter((t) => !matched(t)));
  const out = [];
  if (onlyOther.length > 0) out.push(`${where} does not cover ${show(onlyOther)}, which ${YALE} lists: left out (the text wins).`);
  if (onlyText.length > 0) out.push(`${where} lists ${show(onlyText)}, which ${YALE} lacks: kept (the text wins).`);
  if (out.length === 0) report.push(`${id}: ${unique(text).length} codes; ${YALE} (${unique(other).length} codes) agrees code for code.`);
  for (const x of out) report.push(`${id}: ${x}`);
  return out;
}

/** 10-digit statistical reporting numbers written inline in a sentence ("6307.90.9842"). */
const statNumbers = (text) => [...text.matchAll(/\b(\d{4}\.\d{2}\.\d{4})\b/g)].map((m) => digitsOf(m[1]));

/** Returns { lists, report }. `dir` is ../shared/law-data. */
export function deriveOriginsCnLists(dir = LAW_DATA) {
  const notes = gunzipSync(readFileSync(join(dir, 'hts-2026-rev6-chapter99-notes.txt.gz'))).toString('latin1').replaceAll('\f', '\n');
  const s301 = csvRows(join(dir, 's301_product_lists.csv'));
  const csv301 = (list) => s301.filter((r) => r.list === list).map((r) => r.hts8);
  const report = [];
  const lists = [];

  // --- China Section 301 lists 1, 2, 3, 4A: U.S. note 20(b), (d), (f), (s). ---
  const note20 = [
    ['s301-china-list-1', '1', '9903.88.01', '(b) Heading 9903.88.01 applies to all products of China', '(c) For the purposes of heading 9903.88.02', '20(b)', 'List 1 (25%, from 2018-07-06)', 800],
    ['s301-china-list-2', '2', '9903.88.02', '(d) Heading 9903.88.02 applies to all products of China', '(e) For the purposes of heading 9903.88.03', '20(d)', 'List 2 (25%, from 2018-08-23)', 250],
    ['s301-china-list-3', '3', '9903.88.03', '(f) Heading 9903.88.03 applies to all products of China', '(g) For the purposes of heading 9903.88.04', '20(f)', 'List 3 (10% from 2018-09-24, 25% from 2019-05-10)', 5000],
    ['s301-china-list-4a', '4A', '9903.88.15', '(s) Heading 9903.88.15 applies to:', '(t) For the purposes of heading 9903.88.16', '20(s)', 'List 4A (15% from 2019-09-01, 7.5% from 2020-02-14)', 2500],
  ];
  for (const [id, list, heading, start, end, note, what, atLeast] of note20) {
    const codes = listedCodes(between(notes, start, end, `note ${note}`, { once: true }), PAGE_LABELS).filter((d) => !d.startsWith('99'));
    if (codes.length < atLeast) throw new Error(`note ${note}: only ${codes.length} codes read`);
    const checked = crossCheck(id, `U.S. note ${note}`, codes, csv301(list), report);
    lists.push({
      id,
      title: `China Section 301, ${what}: products of China of the subheadings of U.S. note ${note} (heading ${heading})`,
      sources: [{ ...HTS_REV6, citation: `U.S. note ${note}` }, USTR_301],
      chapter99: [heading],
      confidence: 'primary',
      asOf: `HTSUS 2026 Rev. 6, chapter 99 U.S. note ${note}`,
      notes: [
        `The 8-digit subheadings the note enumerates. ${COLLAPSED} Exclusions granted by USTR (the 178 of headings 9903.88.69 and 9903.88.70, extended to 2026-11-10) are described product by product, not by line, and are not applied here.`,
        ...checked,
      ],
      entries: entries(collapse(codes)),
    });
  }
  const g20 = csv301('3_addl');
  report.push(`s301-china-list-3-note20g: ${g20.length} codes from ${YALE} (note 20(g) describes the products in words)`);
  lists.push({
    id: 's301-china-list-3-note20g',
    title: 'China Section 301, products of U.S. note 20(g) (heading 9903.88.04, 25%): described products of list 3 subheadings',
    sources: [{ ...HTS_REV6, citation: 'U.S. note 20(g)' }, USTR_301],
    chapter99: ['9903.88.04'],
    confidence: 'derived',
    asOf: `${YALE}, s301_product_lists.csv (list "3_addl"); U.S. note 20(g) of HTSUS 2026 Rev. 6 describes these products in words, with exceptions by statistical suffix that a code of this list does not carry`,
    entries: entries(g20),
  });

  // --- The four-year-review tranches: U.S. note 31(b)-(j). ---
  const note31 = [
    ['s301-china-2024-25', 'biden_25', '9903.91.01', '(b) Heading 9903.91.01 applies', '(c) Heading 9903.91.02 applies', '31(b)', '25% from 2024-09-27 (EV batteries and parts, steel and aluminum products, critical minerals, STS cranes)', 300],
    ['s301-china-2024-50', 'biden_50', '9903.91.02', '(c) Heading 9903.91.02 applies', '(d) Heading 9903.91.03 applies', '31(c)', '50% from 2024-09-27 (solar cells)', 2],
    ['s301-china-2024-100', 'biden_100', '9903.91.03', '(d) Heading 9903.91.03 applies', '(e) Heading 9903.91.04 applies', '31(d)', '100% from 2024-09-27 (electric vehicles, syringes and needles)', 10],
    ['s301-china-2025-50', 'biden_50_jan25', '9903.91.05', '(i) Heading 9903.91.05 applies', '(ii) The additional rate of duty under heading 9903.91.05', '31(f)', '50% from 2025-01-01 (semiconductors, polysilicon, wafers)', 15],
    ['s301-china-2026-25', 'biden_jan26', '9903.91.06', '(g) Heading 9903.91.06 applies', '(h) Heading 9903.91.07 applies', '31(g)', '25% from 2026-01-01 (natural graphite, permanent magnets, non-EV lithium-ion batteries)', 5],
    ['s301-china-2026-100', 'biden_jan26', '9903.91.08', '(i) Heading 9903.91.08 applies', '(j) Heading 9903.91.11 applies', '31(i)', '100% from 2026-01-01 (rubber medical and surgical gloves)', 1],
    ['s301-china-2025-25-tungsten', 'biden_25_jan25', '9903.91.11', '(j) Heading 9903.91.11 applies', '(k)', '31(j)', '25% from 2025-01-01 (tungsten products)', 3],
  ];
  for (const [id, list, heading, start, end, note, what, atLeast] of note31) {
    const text = between(notes, start, end, `note ${note}`, { once: true });
    // Subdivision text numbers its codes "(1) 8541.42.00": drop the item numbers, keep the codes.
    // 31(i) names its one subheading in the sentence ("classified in 8-digit subheading 4015.12.10, effective ...").
    const codes =
      note === '31(i)'
        ? [...text.matchAll(/subheading (\d{4}\.\d{2}\.\d{2})\b/g)].map((m) => digitsOf(m[1]))
        : listedCodes(text.replace(/^\s*\(\d+\)\s+/gm, ''), PAGE_LABELS).filter((d) => !d.startsWith('99'));
    if (codes.length < atLeast) throw new Error(`note ${note}: only ${codes.length} codes read`);
    const other = s301.filter((r) => r.list === list && r.ch99_code === heading).map((r) => r.hts8);
    const checked = crossCheck(id, `U.S. note ${note}`, codes, other, report);
    lists.push({
      id,
      title: `China Section 301 four-year review, ${what}: U.S. note ${note} (heading ${heading})`,
      sources: [{ ...HTS_REV6, citation: `U.S. note ${note}` }, USTR_REVIEW],
      chapter99: [heading],
      confidence: 'primary',
      asOf: `HTSUS 2026 Rev. 6, chapter 99 U.S. note ${note}`,
      notes: [COLLAPSED, ...checked],
      entries: entries(collapse(codes)),
    });
  }
  // 31(e) and 31(h): textile facemasks and respirators, by statistical reporting number (10 digits).
  for (const [id, heading, start, end, note, what] of [
    ['s301-china-2025-25-facemasks', '9903.91.04', '(e) Heading 9903.91.04 applies', '(f)', '31(e)', '25% from 2025-01-01 to 2026-01-01 (disposable textile facemasks)'],
    ['s301-china-2026-50-respirators', '9903.91.07', '(h) Heading 9903.91.07 applies', '(i) Heading 9903.91.08 applies', '31(h)', '50% from 2026-01-01 (textile respirators and facemasks)'],
  ]) {
    const codes = statNumbers(between(notes, start, end, `note ${note}`, { once: true }));
    if (codes.length === 0) throw new Error(`note ${note}: no statistical reporting number read`);
    report.push(`${id}: ${unique(codes).length} statistical reporting numbers of U.S. note ${note}`);
    lists.push({
      id,
      title: `China Section 301 four-year review, ${what}: U.S. note ${note} (heading ${heading})`,
      sources: [{ ...HTS_REV6, citation: `U.S. note ${note}` }, USTR_REVIEW],
      chapter99: [heading],
      confidence: 'primary',
      asOf: `HTSUS 2026 Rev. 6, chapter 99 U.S. note ${note}`,
      entries: entries(codes),
    });
  }
  // Heading 9903.91.10: enteral syringes (9018.31.0080) at 0 instead of 9903.91.03 until 2026-01-01.
  const enteral = statNumbers(between(notes, '9903.91.10 1/ Notwithstanding heading 9903.91.03', '9903.91.11 1/', 'heading 9903.91.10', { once: true }));
  if (enteral.length !== 1) throw new Error(`heading 9903.91.10: expected one statistical reporting number, read ${enteral.length}`);
  lists.push({
    id: 's301-china-2024-enteral-syringes',
    title: 'Enteral syringes of China, not subject to heading 9903.91.03 before 2026-01-01 (heading 9903.91.10)',
    sources: [{ ...HTS_REV6, citation: 'heading 9903.91.10' }, USTR_REVIEW],
    chapter99: ['9903.91.10'],
    confidence: 'primary',
    asOf: 'HTSUS 2026 Rev. 6, chapter 99 heading 9903.91.10',
    entries: entries(enteral),
  });

  // --- Canada and Mexico: goods at the lower IEEPA rate. ---
  const carve = csvRows(join(dir, 'fentanyl_carveout_products.csv'));
  const carveList = (id, category, heading, title, sources, atLeast) => {
    const codes = carve.filter((r) => r.category === category && r.ch99_code === heading).map((r) => r.hts8);
    if (codes.length < atLeast) throw new Error(`${id}: only ${codes.length} codes`);
    report.push(`${id}: ${unique(codes).length} codes (${YALE}, fentanyl_carveout_products.csv, ${category})`);
    lists.push({
      id,
      title,
      sources,
      chapter99: [heading],
      confidence: 'secondary',
      asOf: `${YALE}, fentanyl_carveout_products.csv (category ${category}); the 2025 chapter 99 notes that carried the list are not among the bundled texts`,
      notes: [COLLAPSED],
      entries: entries(collapse(codes)),
    });
  };
  carveList('ieepa-canada-energy', 'energy_ca', '9903.01.13', 'Energy and energy resources and critical minerals of Canada at 10% (EO 14193 §2(b), heading 9903.01.13)', [
    { instrument: 'Executive Order 14193 (Imposing Duties To Address the Flow of Illicit Drugs Across Our Northern Border), §2: energy and energy resources (EO 14156) and critical minerals at 10%', citation: '90 FR 9113', document: 'FR Doc 2025-02406' },
    CSMS_64336037,
  ], 200);
  carveList('ieepa-canada-potash', 'potash_ca', '9903.01.15', 'Potash of Canada at 10% (EO 14231, heading 9903.01.15)', [EO14231, CSMS_64336037], 5);
  carveList('ieepa-mexico-potash', 'potash_mx', '9903.01.05', 'Potash of Mexico at 10% (EO 14232, heading 9903.01.05)', [EO14232, CSMS_64336037], 5);

  // --- Brazil: EO 14323 Annex I as amended. ---
  const br = csvRows(join(dir, 'country_eo_exempt_products.csv')).filter((r) => r.ch99_code === '9903.01.77');
  // The transcription's lines from 2025-08-06 are Annex I (note 2(x)(iii)(a), 9903.01.81) together with the provisions
  // of note 2(x)(iv) (9903.01.82), which exempt only civil aircraft meeting General Note 6, claimed with spi C on their
  // own list (civil-aircraft-brazil): those that are not also Annex I lines are left out here, or every Brazilian
  // bolt, pump or gauge of those provisions would be exempt as such.
  const annexText = between(notes, '(a) As provided in heading 9903.01.81, the additional duties imposed by heading 9903.01.77', '(b) As provided in heading 9903.01.90', 'note 2(x)(iii)(a)', { once: true });
  const annexI = new Set([...annexText.matchAll(/(?<![\d.])(\d{4}\.\d{2}\.\d{2}(?:\.\d{2})?)(?![\d.]\d)/g)].map((m) => digitsOf(m[1])));
  if (annexI.size < 300) throw new Error(`note 2(x)(iii)(a): only ${annexI.size} codes read`);
  const aircraft = new Set(deriveCivilAircraftLists(dir).lists.find((l) => l.id === 'civil-aircraft-brazil').entries.map((e) => digitsOf(e.hts)));
  for (const [id, startDate, title, sources] of [
    ['eo14323-annex-i', '2025-08-06', 'Goods of Brazil not subject to the 40% of EO 14323: its Annex I as signed (heading 9903.01.81), from 2025-08-06', [EO14323, { instrument: 'CBP CSMS #65807735 (Brazil: 9903.01.77; exemptions 9903.01.78-.83)', document: 'CSMS #65807735' }]],
    ['eo14323-annex-i-2025-11-13', '2025-11-13', 'Agricultural goods of Brazil removed from the 40% of EO 14323 by the order of 2025-11-20, retroactive to 2025-11-13 (heading 9903.01.81)', [EO_BR_NOV25, { instrument: 'CBP CSMS #66871909', document: 'CSMS #66871909' }]],
  ]) {
    const rows = br.filter((r) => r.effective_date_start === startDate);
    if (rows.some((r) => r.effective_date_end !== '')) throw new Error(`${id}: a line with an end date, which this script does not model`);
    const read = rows.map((r) => digitsOf(r.hts10));
    const aircraftOnly = unique(read.filter((d) => aircraft.has(d) && !annexI.has(d)));
    const codes = read.filter((d) => !aircraftOnly.includes(d));
    if (codes.length < 100) throw new Error(`${id}: only ${codes.length} codes`);
    report.push(`${id}: ${unique(codes).length} codes (${YALE}, country_eo_exempt_products.csv, from ${startDate})${aircraftOnly.length > 0 ? `; ${aircraftOnly.length} civil aircraft provisions of note 2(x)(iv) left out` : ''}`);
    lists.push({
      id,
      title,
      sources,
      chapter99: ['9903.01.81'],
      confidence: 'secondary',
      asOf: `${YALE}, country_eo_exempt_products.csv (9903.01.77, effective ${startDate}), read from the annexes; the 2025 chapter 99 text that carried it is not among the bundled texts`,
      notes: [
        COLLAPSED,
        ...(aircraftOnly.length > 0
          ? [
              `The transcription also lists, from ${startDate}, the ${aircraftOnly.length} provisions of U.S. note 2(x)(iv) (heading 9903.01.82) that are not Annex I lines of note 2(x)(iii)(a) (HTSUS 2026 Rev. 6): their exemption is for civil aircraft meeting General Note 6 only, a condition of use claimed with spi C (list civil-aircraft-brazil, measure civil-aircraft-brazil), so they are left out here (the text wins).`,
            ]
          : []),
      ],
      entries: entries(collapse(codes)),
    });
  }
  return { lists, report };
}

/** Ids of the lists this script owns (the other list scripts own the rest of data/lists). */
export function ownedListIds(dir = LAW_DATA) {
  return deriveOriginsCnLists(dir).lists.map((l) => l.id);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!existsSync(LAW_DATA)) {
    console.error(`gen-origins-cn-lists: ${LAW_DATA} not found (the maintainers' reference material; not in a user's clone)`);
    process.exit(2);
  }
  writeOrCheckLists(deriveOriginsCnLists());
}
