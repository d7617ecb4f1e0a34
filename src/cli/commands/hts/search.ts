/** `tariff hts search WORDS`: lines of the HTS by the words of their description. */
import type { HtsLines } from '../../../core/hts-lines.js';
import { EXIT, UsageError } from '../../../errors.js';
import { formatHts } from '../../../values/hts.js';
import type { HtsSearchOptions } from '../../command-options.js';
import type { CliIo } from '../../io.js';
import { displayText } from '../../render/display.js';
import { engineWithLines, lastParts } from './lines.js';

interface Found {
  code: string;
  score: number;
  general: string;
  description: string;
}

/**
 * `tariff hts search WORDS`: lines by description. A line scores by the query words its description contains (as
 * words or word beginnings), more when they are in its own (last) part; the best first, then by code.
 */
export async function runHtsSearch(words: string[], o: HtsSearchOptions, io: CliIo): Promise<number> {
  const terms = words.join(' ').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((t) => t.length >= 2);
  if (terms.length === 0) throw new UsageError('give one or more words to search the descriptions for, e.g. tariff hts search machining centers');
  const limit = o.limit === undefined ? 20 : Number(o.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit: expected a whole number of 1 or more, got "${o.limit}"`);
  const engine = await engineWithLines(o);
  const found = searchLines(engine.mfnLines, terms);
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

/** The lines whose description has every term (as a word or a word's beginning): 3 points in its own part, 1 above it. */
function searchLines(lines: HtsLines, terms: string[]): Found[] {
  const found: Found[] = [];
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
  return found;
}
