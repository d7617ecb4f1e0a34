// The size rule of the shell (issue 12): no file in src/cli/ over 250 lines and no function over 60 lines, so
// that each file holds one role and each function reads as a named step. A declarative table (a list of options,
// tools or columns that is long because the table is long, not because it does many things) may be longer when
// the comment just above it says `size: declarative table`.
//
//   node scripts/check-sizes.js            prints every breach, exits 1 if there is one
//   node scripts/check-sizes.js --report   also lists the ten longest files and functions
//
// tests/unit/sizes.test.ts runs it, so the rule is held by `npm test`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const MAX_FILE_LINES = 250;
export const MAX_FUNCTION_LINES = 60;
const MARK = /size: declarative table/;

function* tsFiles(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* tsFiles(p);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) yield p;
  }
}

/** The name a reader would look for: the declared name, or the variable or property an arrow is assigned to. */
function nameOf(node) {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const p = node.parent;
  if (p && (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && ts.isIdentifier(p.name)) return p.name.text;
  return '(anonymous)';
}

/** True when the comment just above the node (or above the statement holding it) carries the mark. */
function marked(node, text) {
  for (let n = node; n && !ts.isSourceFile(n); n = n.parent) {
    const ranges = ts.getLeadingCommentRanges(text, n.getFullStart()) ?? [];
    if (ranges.some((r) => MARK.test(text.slice(r.pos, r.end)))) return true;
    if (ts.isStatement(n) || ts.isClassElement(n)) break;
  }
  return false;
}

/** Every file and function in `dir` with its length in lines. */
export function measure(dir) {
  const files = [];
  const functions = [];
  for (const path of tsFiles(dir)) {
    const text = readFileSync(path, 'utf8');
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    const fileMarked = MARK.test(text.split('\n').slice(0, 5).join('\n'));
    files.push({ path, lines, exempt: fileMarked });
    const visit = (node) => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const from = source.getLineAndCharacterOfPosition(node.getStart()).line;
        const to = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        functions.push({ path, line: from + 1, name: nameOf(node), lines: to - from + 1, exempt: marked(node, text) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { files, functions };
}

/** The breaches of the rule in `dir`, as lines to print. */
export function breaches(dir, root = dir) {
  const { files, functions } = measure(dir);
  const out = [];
  for (const f of files) if (f.lines > MAX_FILE_LINES && !f.exempt) out.push(`${relative(root, f.path)}: ${f.lines} lines (at most ${MAX_FILE_LINES})`);
  for (const f of functions) if (f.lines > MAX_FUNCTION_LINES && !f.exempt) out.push(`${relative(root, f.path)}:${f.line} ${f.name}: ${f.lines} lines (at most ${MAX_FUNCTION_LINES})`);
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(import.meta.url), '../..');
  const dir = join(root, 'src/cli');
  if (process.argv.includes('--report')) {
    const { files, functions } = measure(dir);
    const top = (xs, show) => [...xs].sort((a, b) => b.lines - a.lines).slice(0, 10).map(show).join('\n');
    console.log(`longest files:\n${top(files, (f) => `  ${f.lines}  ${relative(root, f.path)}${f.exempt ? ' (declarative)' : ''}`)}`);
    console.log(`longest functions:\n${top(functions, (f) => `  ${f.lines}  ${relative(root, f.path)}:${f.line} ${f.name}${f.exempt ? ' (declarative)' : ''}`)}`);
  }
  const found = breaches(dir, root);
  for (const b of found) console.log(b);
  console.log(found.length === 0 ? `src/cli: no file over ${MAX_FILE_LINES} lines, no function over ${MAX_FUNCTION_LINES}` : `${found.length} over the limits`);
  process.exitCode = found.length === 0 ? 0 : 1;
}
