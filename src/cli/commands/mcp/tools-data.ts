/** The MCP tools that read the law and the HTS: timeline, schedule show and list, hts show and search. */
import { z } from 'zod';
import { defaultOrigin } from '../../defaults.js';
import { AUTO_PART_TEXT, autoPart, date, flag, tool, ToolArgumentError, type ToolDef } from './args.js';
import type { Category, Scenario } from './tools-duty.js';

const htsCode = z.string().regex(/^[0-9][0-9.]{3,13}$/, { message: 'expected an HTS code: 4 to 10 digits, dots allowed, e.g. "8703.23.01"' });

/** timeline: the dates a good's rate changes. */
export function timelineTool(scenario: Scenario, category: Category): ToolDef<z.ZodRawShape> {
  return tool({
    title: 'Tariff rate timeline of a good',
    description: 'Every date on which the effective rate of a good changes, and why: the JSON of `tariff timeline --format json`.',
    shape: {
      hts: z.string().optional().describe('HTS code of the good'),
      category,
      origin: z.string().optional().describe(`country of origin (default ${defaultOrigin()})`),
      mfn_rate: z.string().optional().describe('MFN percent, overriding the MFN table'),
      spi: z.string().optional().describe('special program the good claims (JP, KR, S, S+, C), as in calc: the rates the claim gives on each date'),
      transshipped: z.boolean().optional().describe('the good was found transshipped to evade duties'),
      auto_part: autoPart.optional().describe(`${AUTO_PART_TEXT}, as in calc: the rates the answer gives on each date`),
      from: date.optional().describe("first date (default: the schedule's start)"),
      to: date.optional().describe("last date (default: the schedule's knownThrough)"),
      scenarios: z.array(scenario).min(1).optional().describe('bundled scenarios (default as-enacted)'),
    },
    argv: (a) => {
      const argv = ['timeline', '--format', 'json'];
      flag(argv, '--hts', a.hts);
      flag(argv, '--category', a.category);
      if (a.hts === undefined && a.category === undefined) throw new ToolArgumentError('give hts or category');
      flag(argv, '--origin', a.origin);
      flag(argv, '--mfn-rate', a.mfn_rate);
      flag(argv, '--spi', a.spi);
      flag(argv, '--transshipped', a.transshipped);
      flag(argv, '--auto-part', a.auto_part);
      flag(argv, '--from', a.from);
      flag(argv, '--to', a.to);
      if (a.scenarios !== undefined) argv.push('--scenarios', a.scenarios.join(','));
      return { argv, rows: null };
    },
    summary: (d) =>
      (d.scenarios as { name: string; steps: { date: string; rate: string }[] }[])
        .map((s) => `${s.name}: ${s.steps.map((st) => `from ${st.date} ${st.rate}%`).join(', ')}`)
        .join('; '),
  });
}

/** schedule show: the measures of the schedule or a scenario (an id, never a file). */
export function scheduleShowTool(scenarios: string[]): ToolDef<z.ZodRawShape> {
  return tool({
    title: 'Show the tariff schedule',
    description:
      'The measures of the bundled schedule, or of a bundled scenario applied to it: authority, scope, rate, window, legal citation, confidence; then the sources and categories (`tariff schedule show --format json`).',
    // An id of a bundled schedule or scenario only: `schedule show` also reads a scenario FILE.json, which a tool
    // must never be pointed at (the server reads no file an assistant names).
    shape: {
      id: z
        .string()
        .regex(/^[a-z0-9][a-z0-9.-]*$/, { message: 'expected the id of a bundled schedule or scenario (lower-case letters, digits, "-" and "."), not a file' })
        .refine((v) => !v.endsWith('.json'), { message: 'expected the id of a bundled schedule or scenario, not a file' })
        .optional()
        .describe(`us (default) or a bundled scenario: ${scenarios.join(', ')}`),
    },
    // After --, the id is never read as an option (such as --schedule FILE).
    argv: (a) => ({ argv: ['schedule', 'show', '--format', 'json', ...(a.id === undefined ? [] : ['--', a.id])], rows: null }),
    summary: (d) => `schedule ${String(d.id ?? d.schedule ?? '')}`.trim(),
  });
}

/** schedule list. */
export function scheduleListTool(): ToolDef<z.ZodRawShape> {
  return tool({
    title: 'List schedules and scenarios',
    description: 'The bundled schedules and scenarios, with the date their evidence runs to (`tariff schedule list --format json`).',
    shape: {},
    argv: () => ({ argv: ['schedule', 'list', '--format', 'json'], rows: null }),
    summary: () => 'bundled schedules and scenarios',
  });
}

/** hts show: one line of the HTS and what applies to it. */
export function htsShowTool(): ToolDef<z.ZodRawShape> {
  return tool({
    title: 'Show an HTS line',
    description:
      'One line of the bundled official HTS (2026 Rev. 10): General (MFN) rate, units, description, Special programs and statistical lines, and the measures that apply to it from an origin on a date with the total rate (`tariff hts show --format json`). A heading lists its lines.',
    shape: {
      hts: htsCode.describe('HTS code, e.g. "8703.23.01" (a 4- or 6-digit heading lists its lines)'),
      date: date.optional().describe('entry date YYYY-MM-DD for the measures (default: today)'),
      origin: z.string().optional().describe(`country of origin (default ${defaultOrigin()})`),
      spi: z.string().optional().describe('the measures as they apply to goods claiming this special program (JP, KR, S, S+, C), as in calc'),
      auto_part: autoPart.optional().describe(`${AUTO_PART_TEXT}: the measures as they apply to such a good, as in calc`),
      transshipped: z.boolean().optional().describe('the measures as they apply to goods found transshipped to evade duties, as in calc'),
    },
    // After --, the code is never read as an option.
    argv: (a) => {
      const argv = ['hts', 'show', '--format', 'json'];
      flag(argv, '--date', a.date);
      flag(argv, '--origin', a.origin);
      flag(argv, '--spi', a.spi);
      flag(argv, '--auto-part', a.auto_part);
      flag(argv, '--transshipped', a.transshipped);
      argv.push('--', a.hts);
      return { argv, rows: null };
    },
    summary: (d) =>
      d.general === undefined
        ? `${String(d.hts)}: a heading, see its lines`
        : `${String(d.hts)}: General ${String(d.general)}${d.adValoremTotal === undefined || d.adValoremTotal === null ? '' : `; on ${String(d.date)} from ${String(d.origin)}: ${String(d.adValoremTotal)}% in all`}`,
  });
}

/** hts search: lines by the words of their description. */
export function htsSearchTool(): ToolDef<z.ZodRawShape> {
  return tool({
    title: 'Search HTS lines by description',
    description: 'Lines of the bundled official HTS whose description has the words given, best first (`tariff hts search --format json`): for when the HTS code is not known.',
    shape: {
      words: z.string().min(1).describe('words of the description, e.g. "machining centers"'),
      limit: z.number().int().min(1).max(100).optional().describe('how many lines (default 20)'),
    },
    argv: (a) => {
      const argv = ['hts', 'search', '--format', 'json'];
      if (a.limit !== undefined) argv.push('--limit', String(a.limit));
      argv.push('--', ...a.words.split(/\s+/).filter((w) => w !== ''));
      return { argv, rows: null };
    },
    summary: (d) => `${String(d.found)} line(s) found; ${(d.lines as { hts: string; general: string }[]).map((l) => `${l.hts} (${l.general})`).join(', ')}`,
  });
}
