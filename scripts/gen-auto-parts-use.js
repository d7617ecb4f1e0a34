// Maintainer script: on which lines of the Section 232 auto parts list (HTS chapter 99 subchapter III U.S. note 33(g),
// data/lists/s232-auto-parts-note33g.json) a good is an automobile part by its description, derived from the official
// descriptions of the USITC HTS export in ../shared/hts-data/ (2026 Rev. 10; never committed, never read by the tool).
//
// Note 33(f) charges the parts duty (9903.94.05, and the deals' 9903.94.32/.42/.43/.52/.53/.62/.63) on *automobile
// parts*: "parts of passenger vehicles (sedans, sport utility vehicles, crossover utility vehicles, minivans and cargo
// vans) and light trucks classified under the HTSUS provisions enumerated in subdivision (g)", and note 33(h)(ii)
// sends the goods of those provisions "that are not parts of passenger vehicles ... and light trucks" to heading
// 9903.94.06, with no additional duty (CBP CSMS #64916652, 2025-05-01). Whether a good is such a part is a fact of its
// use, which the row gives as auto_part (yes/no). Where the row does not, the schedule's assumption decides
// (data/schedules/parts/*.json, `assumes[]` with `without: "auto_part"`):
//
//   - a line whose own description, with the descriptions of the headings and subheadings above it, names the motor
//     vehicle it is for (heading 8708 "Parts and accessories of the motor vehicles of headings 8701 to 8705", 4011.10
//     "Of a kind used on motor cars", 8512 "of a kind used for cycles or motor vehicles", "For vehicles of subheading
//     8701.21 ... or heading 8702, 8703 or 8704", "Automotive signaling flashers") is a motor vehicle part by its
//     classification: the fact is the law there (`otherwise.exceptHts`, derived here), and a row saying no is
//     rejected with the reason;
//   - a line whose description names no vehicle (8471 computers, 8482 bearings, 8501 motors, 8511 ignition
//     equipment "for ... internal combustion engines", 8544.30 wiring sets "of a kind used in vehicles, aircraft or
//     ships") holds goods that are not automobile parts as well, and nothing in its classification says which this
//     one is: without auto_part it is computed as not one (`otherwise.byDefault`), its note says so and how to give
//     the fact, and `calc --range` gives the duty of an automobile part as the other end.
//
// The test is on the words, not on a judgement per line: VEHICLE below is the whole rule, and the report prints, for
// each provision of the list, which lines it found vehicle-described and the words that made them so.
//
//   node scripts/gen-auto-parts-use.js           write exceptHts into the schedule parts, print the report
//   node scripts/gen-auto-parts-use.js --check   writes nothing; exit 1 when a committed exceptHts differs
//
// tests/unit/auto-parts-use.test.ts checks that the committed exceptHts equal what this derives (skipped, saying so,
// without ../shared).
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { ROOT, formatHts } from './law-text.js';

export const HTS_EXPORT = resolve(ROOT, '..', 'shared', 'hts-data', 'hts_2026_rev_10.json.gz');
export const PARTS_DIR = resolve(ROOT, 'data', 'schedules', 'parts');
const LIST = resolve(ROOT, 'data', 'lists', 's232-auto-parts-note33g.json');

/**
 * The words by which a description names the motor vehicle its good is for. "vehicles, aircraft or ships" (8544.30),
 * "vehicles, aircraft, spacecraft or vessels" (7007.21) and "other vehicles, not mechanically propelled" (8716) do not:
 * their goods are as much for other things.
 */
export const VEHICLE = /motor[- ]*vehicles?|motor cars|automotive|vehicles of (?:chapter|headings?|subheadings?) \d|headings 8701 to 8705|road vehicles|\b(?:for|on) vehicles\b|buses or trucks/i;

/** Every numbered row of the export with the descriptions of the rows above it (its heading and subheadings). */
function describedRows(htsExport) {
  const rows = JSON.parse(gunzipSync(readFileSync(htsExport)).toString('utf8'));
  const stack = [];
  const out = [];
  for (const r of rows) {
    const indent = Number(r.indent);
    stack.length = indent;
    stack[indent] = String(r.description ?? '').trim();
    const digits = String(r.htsno ?? '').replaceAll('.', '');
    if (/^\d{8}(\d{2})?$/.test(digits)) out.push({ digits, text: stack.filter((d) => d !== undefined && d !== '').join(' | ') });
  }
  return out;
}

/**
 * The prefixes under the note 33(g) list whose every line is vehicle-described (`exceptHts`, as the list writes its
 * codes), and a report line per provision of the list.
 */
export function deriveAutoPartsUse(htsExport = HTS_EXPORT) {
  const rows = describedRows(htsExport);
  const list = JSON.parse(readFileSync(LIST, 'utf8')).entries.map((e) => e.hts.replaceAll('.', ''));
  const exceptHts = [];
  const report = [];
  for (const p of list) {
    const under = rows.filter((r) => r.digits.startsWith(p));
    if (under.length === 0) throw new Error(`${formatHts(p)} of note 33(g) has no line in ${htsExport}`);
    const vehicle = (r) => VEHICLE.test(r.text);
    const words = (r) => r.text.match(VEHICLE)?.[0] ?? '';
    if (under.every(vehicle)) {
      exceptHts.push(p);
      report.push(`${formatHts(p)}: vehicle-described ("${words(under[0])}"): the fact is the law`);
      continue;
    }
    if (!under.some(vehicle)) {
      report.push(`${formatHts(p)}: general ("${under[0].text.split(' | ').slice(-1)[0].slice(0, 80)}"): not an automobile part unless the row says so`);
      continue;
    }
    // Split: each 8-digit line whose lines are all vehicle-described, else each such 10-digit line.
    const found = [];
    for (const line8 of [...new Set(under.map((r) => r.digits.slice(0, 8)))]) {
      const lines = under.filter((r) => r.digits.startsWith(line8));
      if (lines.every(vehicle)) found.push(line8);
      else for (const r of lines) if (r.digits.length === 10 && vehicle(r)) found.push(r.digits);
    }
    const kept = [...new Set(found)].filter((d) => d.startsWith(p));
    exceptHts.push(...kept);
    report.push(`${formatHts(p)}: split: vehicle-described ${kept.map(formatHts).join(', ')} ("${words(under.find(vehicle))}"); the rest general`);
  }
  // A provision listed under another (8707 and its 10-digit lines) adds nothing.
  const distinct = exceptHts.filter((d, i) => !exceptHts.some((o, j) => j !== i && d.startsWith(o) && (o !== d || j < i)));
  return { exceptHts: distinct.map(formatHts), report };
}

/** The schedule parts whose measures read auto_part, with their text after setting exceptHts to the derived codes. */
export function updatedParts(exceptHts, dir = PARTS_DIR) {
  const out = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = resolve(dir, name);
    const before = readFileSync(file, 'utf8');
    const part = JSON.parse(before);
    let touched = 0;
    for (const m of part.measures ?? []) {
      for (const a of m.assumes ?? []) {
        if (a.without !== 'auto_part' || a.otherwise === undefined) continue;
        a.otherwise.exceptHts = exceptHts;
        touched++;
      }
    }
    if (touched > 0) out.push({ file, name, before, after: `${JSON.stringify(part, null, 2)}\n`, measures: touched });
  }
  return out;
}

function main() {
  if (!existsSync(HTS_EXPORT)) {
    console.error(`gen-auto-parts-use: ${HTS_EXPORT} not found (the maintainers' reference material; not in a user's clone)`);
    process.exitCode = 1;
    return;
  }
  const check = process.argv.includes('--check');
  const { exceptHts, report } = deriveAutoPartsUse();
  for (const line of report) console.log(line);
  console.log(`${exceptHts.length} prefixes where the fact is the law`);
  let stale = 0;
  for (const p of updatedParts(exceptHts)) {
    if (p.before === p.after) continue;
    stale++;
    if (check) console.error(`data/schedules/parts/${p.name}: exceptHts differs from the derivation`);
    else writeFileSync(p.file, p.after);
    console.log(`${check ? 'stale' : 'wrote'} data/schedules/parts/${p.name} (${p.measures} measures)`);
  }
  if (check && stale > 0) process.exitCode = 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
