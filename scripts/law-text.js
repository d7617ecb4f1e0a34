// Reading the law texts (chapter 99 notes, annexes) for the maintainer list scripts (gen-lists.js,
// gen-exemption-lists.js, gen-origins-cn-lists.js, gen-origins-deals-lists.js): one set of helpers and one place
// for where the texts are, so all read codes the same way.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, and the maintainers' law texts beside it (../shared/law-data; not in a user's clone). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const LAW_DATA = resolve(ROOT, '..', 'shared', 'law-data');

/** The source every list read from the chapter 99 U.S. notes cites. */
export const HTS_REV6 = {
  instrument: 'Harmonized Tariff Schedule of the United States (2026 Revision 6), chapter 99, subchapter III',
  url: 'https://hts.usitc.gov/',
};

/** Digits of a code as the texts write it: "7616.99.5160", "2106.90.99.98", "7606" -> digits only. */
export const digitsOf = (code) => code.replaceAll('.', '');

/** HTS codes as written in a list: 4 digits, then groups of 2 or a final group of 4 ("7616.99.5160"). */
export const CODE = /^\d{4}(?:\.\d{2}){0,3}$|^\d{4}\.\d{2}\.\d{4}$/;

/** Formats digits the HTS way: 7616995160 -> 7616.99.51.60 (the project's form, what users type). */
export function formatHts(digits) {
  const parts = [digits.slice(0, 4)];
  for (let i = 4; i < digits.length; i += 2) parts.push(digits.slice(i, i + 2));
  return parts.join('.');
}

export const unique = (xs) => [...new Set(xs)];

/**
 * The codes of the lines of `text` that are lists of codes: after removing the labels the texts put before them
 * ("(iv) Derivative steel articles:", "Steel Derivatives", "U.S. Notes (con.)"), a line must be codes only, so a
 * description ("excluding iron of heading 7203") never contributes a code.
 */
export function listedCodes(text, labels) {
  const out = [];
  for (let line of text.split('\n')) {
    for (const l of labels) line = line.replace(l, ' ');
    const tokens = line.trim().split(/\s+/).filter(Boolean);
    if (tokens.length === 0 || !tokens.every((t) => CODE.test(t))) continue;
    out.push(...tokens.map(digitsOf));
  }
  return out;
}

/** The text between two markers (the end found after the start); with `once`, the start must occur only once. */
export function between(text, start, end, what, { once = false } = {}) {
  const i = text.indexOf(start);
  if (i < 0) throw new Error(`${what}: start marker not found: ${start}`);
  if (once && text.indexOf(start, i + 1) >= 0) throw new Error(`${what}: start marker found twice: ${start}`);
  const j = text.indexOf(end, i + start.length);
  if (j < 0) throw new Error(`${what}: end marker not found: ${end}`);
  return text.slice(i, j);
}
