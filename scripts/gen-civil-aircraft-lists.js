// Maintainer script: the lists of provisions of the civil aircraft exemptions (Agreement on Trade in Civil Aircraft,
// General Note 6), one per chapter 99 heading that lifts a duty from civil aircraft, their engines, parts, components,
// subassemblies and ground flight simulators, derived from the chapter 99 text in ../shared/law-data/ (HTSUS 2026
// Rev. 6; never committed, never read by the tool):
//
//   - United Kingdom: U.S. note 35(a) to subchapter III, heading 9903.96.01;
//   - Japan: U.S. note 35(b), heading 9903.96.02;
//   - European Union: U.S. note 2(v)(xxii), heading 9903.02.76;
//   - South Korea: U.S. note 2(v)(xxiv)(b), heading 9903.02.81;
//   - Switzerland and Liechtenstein: U.S. note 2(v)(xxv)(c), headings 9903.02.85 and 9903.02.90;
//   - Brazil (EO 14323's 40%): U.S. note 2(x)(iv), heading 9903.01.82;
//   - any country (the Section 122 surcharge): U.S. note 2(aa)(iv), heading 9903.03.05.
//
// Each note lifts its duties from such articles "that otherwise meet the criteria of General Note 6 ... and are
// classifiable in the following provisions ..., but regardless of whether a product is entered under a provision for
// which the rate of duty "Free (C)" appears in the "Special" subcolumn". The condition is one of use (the article is
// for a civil aircraft), so a list is not an exemption of its lines as such: the schedule's measures apply it only to
// rows that claim the program (spi C). The lists are cross-checked against the Budget Lab at Yale's transcriptions
// (floor_exempt_products.csv for the EU, Korea, Switzerland and Japan; s122_exempt_products.csv for 2(aa)(iv)); where
// they differ the text wins, and the list's notes say so.
//
//   node scripts/gen-civil-aircraft-lists.js           write data/lists/civil-aircraft-*.json, print the report
//   node scripts/gen-civil-aircraft-lists.js --check   writes nothing; exit 1 when a committed list differs
//
// tests/unit/civil-aircraft-lists.test.ts checks that the committed lists equal what this derives (skipped, saying
// so, without ../shared).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { writeOrCheckLists } from './gen-lists.js';
import { between, digitsOf, formatHts, HTS_REV6, LAW_DATA, unique } from './law-text.js';

export { LAW_DATA };

const YALE = 'the Budget Lab at Yale transcription (tariff-rate-tracker, snapshot 2026-05-11)';

const UK_EPD = {
  instrument:
    'Executive Order 14309 (Implementing the General Terms of the United States of America-United Kingdom Economic Prosperity Deal), s.3 (civil aircraft, from 2025-06-30), and the HTS modifications of its notice',
  citation: '90 FR 27851',
};
const EO14345 = { instrument: 'Executive Order 14345 (Implementing the United States-Japan Agreement), s.3 (civil aircraft)', citation: '90 FR 43535', document: 'FR Doc 2025-17389', url: 'https://www.federalregister.gov/d/2025-17389' };
const EU_FRN = {
  instrument:
    'Commerce/USTR notice: Implementing Certain Tariff-Related Elements of the U.S.-EU Framework on an Agreement on Reciprocal, Fair, and Balanced Trade (under EO 14346), published 2025-09-25',
  document: 'FR Doc 2025-18660',
  url: 'https://www.federalregister.gov/d/2025-18660',
};
const KR_FRN = { instrument: 'Commerce/USTR notice: Implementing Certain Tariff-Related Elements of the U.S.-Korea Strategic Trade and Investment Deal (under EO 14346), published 2025-12-04' };
const CH_FRN = {
  instrument: 'Commerce/USTR notice implementing the US framework agreement with Switzerland and Liechtenstein (under EO 14346), published 2025-12-18',
  citation: '90 FR 59281',
  document: 'FR Doc 2025-23316',
  url: 'https://www.federalregister.gov/d/2025-23316',
};
const EO14323 = { instrument: 'Executive Order 14323 (Addressing Threats to the United States by the Government of Brazil), s.3 (civil aircraft)', citation: '90 FR 37739' };
const P11012 = { instrument: 'Proclamation 11012 (Section 122 surcharge), clause on civil aircraft', citation: '91 FR 9339', document: 'FR Doc 2026-03824', url: 'https://www.federalregister.gov/d/2026-03824' };

/**
 * The notes, each with where its list starts and ends in the text. The list is every 8-digit code after the words
 * "Special" subcolumn: (the codes before are the chapter 99 headings the note lifts), up to the end marker.
 */
const NOTES = [
  {
    id: 'civil-aircraft-uk',
    note: 'U.S. note 35(a)',
    start: '(a) As provided in heading 9903.96.01, the additional duties imposed by headings 9903.01.25',
    end: '(b) As provided in heading 9903.96.02, the additional duties',
    chapter99: ['9903.96.01'],
    partner: 'the United Kingdom',
    sources: [UK_EPD],
    unmanned: true,
  },
  {
    id: 'civil-aircraft-japan',
    note: 'U.S. note 35(b)',
    start: '(b) As provided in heading 9903.96.02, the additional duties',
    end: '36. [Note deleted.]',
    chapter99: ['9903.96.02'],
    partner: 'Japan',
    sources: [EO14345],
    csv: 'japan',
  },
  {
    id: 'civil-aircraft-eu',
    note: 'U.S. note 2(v)(xxii)',
    start: 'As provided in heading 9903.02.76, the additional duties imposed by headings 9903.02.19',
    end: '(xxiii) As provided in heading 9903.02.77',
    chapter99: ['9903.02.76'],
    partner: 'the European Union',
    sources: [EU_FRN, { instrument: 'CBP CSMS #66336270 (EU framework: 9903.02.76 civil aircraft)', document: 'CSMS #66336270' }],
    csv: 'eu',
  },
  {
    id: 'civil-aircraft-korea',
    note: 'U.S. note 2(v)(xxiv)(b)',
    start: '(b) As provided in heading 9903.02.81, the additional duties',
    end: '(a) As provided in headings 9903.02.82 and 9903.02.83',
    chapter99: ['9903.02.81'],
    partner: 'South Korea',
    sources: [KR_FRN, { instrument: 'CBP CSMS #66987366 (US-Korea deal: 9903.02.81 civil aircraft)', document: 'CSMS #66987366' }],
    csv: 'korea',
  },
  {
    id: 'civil-aircraft-ch-li',
    note: 'U.S. note 2(v)(xxv)(c)',
    start: '(c) As provided in headings 9903.02.85 and 9903.02.90, the additional duties',
    end: '(d) As provided in headings 9903.02.86 and 9903.02.91',
    chapter99: ['9903.02.85', '9903.02.90'],
    partner: 'Switzerland (9903.02.85) or Liechtenstein (9903.02.90)',
    sources: [CH_FRN, { instrument: 'CBP CSMS #67133044 (Switzerland and Liechtenstein framework: 9903.02.85/.90 civil aircraft)', document: 'CSMS #67133044' }],
    csv: 'swiss',
  },
  {
    id: 'civil-aircraft-brazil',
    note: 'U.S. note 2(x)(iv)',
    start: '(iv) As provided in heading 9903.01.82, the additional duties imposed by heading 9903.01.77',
    end: '(v) The additional duties imposed by heading 9903.01.77 shall not apply to products of iron or steel',
    chapter99: ['9903.01.82'],
    partner: 'Brazil',
    sources: [EO14323],
    unmanned: true,
  },
  {
    id: 'civil-aircraft-s122',
    note: 'U.S. note 2(aa)(iv)',
    start: '(iv) As provided in heading 9903.03.05, the additional duty imposed by heading 9903.03.01',
    end: '(v) As provided in heading 9903.03.06',
    chapter99: ['9903.03.05'],
    partner: 'any country',
    sources: [P11012],
    unmanned: true,
  },
];

/** The 8-digit provisions a note lists: the codes after its "Special" sub-column words (page headers carry none). */
function noteCodes(notes, n) {
  const text = between(notes, n.start, n.end, n.note, { once: true });
  const at = text.search(/"Special"\s+sub-?column:/);
  if (at < 0) throw new Error(`${n.note}: the words "Special" subcolumn: not found`);
  const codes = [...text.slice(at).matchAll(/(?<![\d.])(\d{4}\.\d{2}\.\d{2})(?![\d.]\d)/g)].map((m) => digitsOf(m[1]));
  if (codes.length < 500) throw new Error(`${n.note}: only ${codes.length} codes read`);
  for (const must of ['88024001', '88073000', '84111140']) if (!codes.includes(must)) throw new Error(`${n.note}: ${formatHts(must)} not read`);
  if (unique(codes).length !== codes.length) throw new Error(`${n.note}: a code is listed twice`);
  // Sorted: the text export shifts a column of some pages by a line (2(aa)(iv)), so the order read is not the note's.
  return codes.sort();
}

function csvRows(file) {
  const [head, ...rows] = readFileSync(file, 'utf8').trim().split(/\r?\n/).filter((l) => !l.startsWith('#'));
  const cols = head.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i], v.replaceAll('"', '').trim()])));
}

const show = (xs) => `${xs.slice(0, 12).map(formatHts).join(', ')}${xs.length > 12 ? `, ... (${xs.length} in all)` : ''}`;

/** Returns { lists, report } like deriveLists in gen-lists.js. `dir` is ../shared/law-data. */
export function deriveCivilAircraftLists(dir = LAW_DATA) {
  const notes = gunzipSync(readFileSync(join(dir, 'hts-2026-rev6-chapter99-notes.txt.gz'))).toString('latin1').replaceAll('\f', '\n');
  const floor = csvRows(join(dir, 'floor_exempt_products.csv')).filter((r) => r.category === 'civil_aircraft');
  const s122csv = new Set(csvRows(join(dir, 's122_exempt_products.csv')).map((r) => Object.values(r)[0].replaceAll('.', '')));
  const report = [];
  const lists = [];
  const read = new Map(NOTES.map((n) => [n.id, noteCodes(notes, n)]));
  const eu = read.get('civil-aircraft-eu');

  for (const n of NOTES) {
    const codes = read.get(n.id);
    const out = [];
    // Unmanned aircraft (heading 8806) are on a list only where its note covers them: the notes of 9903.96.02 and
    // of the EU, Korea and Swiss/Liechtenstein headings exclude them in words, and their lists leave 8806 out.
    const drones = codes.filter((c) => c.startsWith('8806'));
    if (n.unmanned === true ? drones.length === 0 : drones.length > 0) throw new Error(`${n.note}: heading 8806 (unmanned aircraft) ${drones.length === 0 ? 'missing' : 'listed'} against its words`);
    if (n.id !== 'civil-aircraft-eu') {
      const more = codes.filter((c) => !eu.includes(c));
      const fewer = eu.filter((c) => !codes.includes(c));
      const same = more.length === 0 && fewer.length === 0;
      report.push(`${n.id}: ${codes.length} provisions; ${same ? 'the same as' : 'differs from'} the EU's list (note 2(v)(xxii))${more.length > 0 ? `; adds ${show(more)}` : ''}${fewer.length > 0 ? `; lacks ${show(fewer)}` : ''}.`);
    } else report.push(`${n.id}: ${codes.length} provisions.`);
    if (n.csv !== undefined) {
      const theirs = unique(floor.filter((r) => r.country_group === n.csv).map((r) => r.hts8));
      const onlyTheirs = theirs.filter((c) => !codes.includes(c));
      const onlyText = codes.filter((c) => !theirs.includes(c));
      if (onlyTheirs.length === 0 && onlyText.length === 0) report.push(`${n.id}: ${YALE} (floor_exempt_products.csv, ${n.csv}) agrees code for code.`);
      else {
        if (onlyText.length > 0) out.push(`${n.note} lists ${show(onlyText)}, which ${YALE} (floor_exempt_products.csv, civil_aircraft ${n.csv}: ${theirs.length} codes) lacks: kept (the text wins).`);
        if (onlyTheirs.length > 0) out.push(`${YALE[0].toUpperCase()}${YALE.slice(1)} (floor_exempt_products.csv, civil_aircraft ${n.csv}) lists ${show(onlyTheirs)}, which ${n.note} does not: left out (the text wins).`);
      }
    }
    if (n.id === 'civil-aircraft-s122') {
      // The transcription of the Section 122 exemptions is the union of the annex (2(aa)(ii)) and these provisions.
      const missing = codes.filter((c) => !s122csv.has(c));
      if (missing.length > 0) out.push(`${YALE[0].toUpperCase()}${YALE.slice(1)} (s122_exempt_products.csv) lacks ${show(missing)} of ${n.note}: kept (the text wins).`);
      else report.push(`${n.id}: every provision is in ${YALE} (s122_exempt_products.csv, which adds them to the annex of 2(aa)(ii)).`);
    }
    for (const x of out) report.push(`${n.id}: ${x}`);
    lists.push({
      id: n.id,
      title: `Civil aircraft, their engines, parts, components and ground flight simulators of ${n.partner}: the provisions of ${n.note} (heading${n.chapter99.length > 1 ? 's' : ''} ${n.chapter99.join(' and ')})`,
      sources: [{ ...HTS_REV6, citation: n.note }, ...n.sources],
      chapter99: n.chapter99,
      confidence: 'primary',
      asOf: `HTSUS 2026 Rev. 6, chapter 99 ${n.note}`,
      notes: [
        `The articles of these provisions that are civil aircraft (all aircraft other than military aircraft${n.unmanned === true ? '' : ' and unmanned aircraft'}), their engines, parts and components, their other parts, components and subassemblies, and ground flight simulators and their parts and components, meeting the criteria of General Note 6, "regardless of whether a product is entered under a provision for which the rate of duty "Free (C)" appears in the "Special" subcolumn". Whether an article is one is a condition of use, not of code: the schedule applies the list only to rows that claim civil aircraft treatment (spi C).`,
        n.unmanned === true
          ? 'Unmanned aircraft (heading 8806) are listed: the note does not exclude them.'
          : 'Unmanned aircraft are excluded by the words of the note, and the list leaves heading 8806 out; parts of heading 8807 are not split by aircraft in the HTS, so a part of an unmanned aircraft claimed as civil aircraft (spi C) is taken as the importer claims it.',
        ...out,
      ],
      entries: codes.map((d) => ({ hts: formatHts(d) })),
    });
  }
  return { lists, report };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!existsSync(LAW_DATA)) {
    console.error(`gen-civil-aircraft-lists: ${LAW_DATA} not found (the maintainers' reference material; not in a user's clone)`);
    process.exit(2);
  }
  writeOrCheckLists(deriveCivilAircraftLists());
}
