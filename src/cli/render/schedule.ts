/** The text of schedule list and schedule show: tables of schedules, scenarios and measures, then the sources. */
import Table from 'cli-table3';
import { formatCitation, type CompiledMeasure, type Engine } from '../../core/compile.js';
import { formatCents, formatRate } from '../../values/money.js';

const STYLE = { head: [] as string[], border: [] as string[], compact: true };

export function renderScheduleList(
  schedules: { id: string; title: string; coversFrom: string; knownThrough: string; measures: number }[],
  scenarios: { id: string; base: string; description: string }[],
): string {
  const t = new Table({ head: ['schedule', 'title', 'covers', 'known through', 'measures'], style: STYLE });
  for (const s of schedules) t.push([s.id, s.title, `from ${s.coversFrom}`, s.knownThrough, String(s.measures)]);
  const u = new Table({ head: ['scenario', 'base', 'what it says'], style: STYLE, colWidths: [18, 10, 80], wordWrap: true });
  for (const s of scenarios) u.push([s.id, s.base, s.description]);
  return `${t.toString()}\n${u.toString()}\n`;
}

/** The measures of the engine, its in-transit rules and fees, then every source once and the product lists. */
export function renderScheduleShow(engine: Engine): string {
  return `${[...measureTable(engine), ...transitAndFees(engine), ...sourceLines(engine)].join('\n')}\n`;
}

function measureTable(engine: Engine): string[] {
  const lines = [`${engine.title} (${engine.scheduleId}), scenario ${engine.scenario}; covers entries from ${engine.coversFrom}, known through ${engine.knownThrough}`];
  const t = new Table({
    head: ['id', 'authority', 'scope', 'rate', 'window (entry dates)', 'citation', 'confidence'],
    style: STYLE,
    colWidths: [22, 16, 20, 14, 24, 44, 12],
    wordWrap: true,
  });
  for (const m of engine.measures) {
    t.push([m.id, m.authority.replace(/ \(.*\)$/, ''), scopeText(m), rateText(m), m.to === null ? `from ${m.from}` : `${m.from} to ${m.to}`, m.citation, m.confidence]);
  }
  lines.push(t.toString());
  return lines;
}

function transitAndFees(engine: Engine): string[] {
  const lines: string[] = [];
  const transit = engine.measures.filter((m) => m.inTransit.length > 0);
  if (transit.length > 0) {
    lines.push('In-transit rules (with a loaded column or --loaded):');
    for (const m of transit) {
      for (const r of m.inTransit) {
        const instead = r.rate === null ? 'exempt' : r.rate.kind === 'ad-valorem' ? `+${formatRate(r.rate.pct)}% instead` : 'another rate';

        lines.push(`  ${m.id}: loaded before ${r.loadedBefore} and entered before ${r.enteredBefore}: ${instead}${r.heading ? ` (${r.heading})` : ''}`);
      }
    }
  }
  if (engine.fees !== null) {
    const f = engine.fees;
    const years = f.years.map((y) => `${y.fiscalYear} ${y.from} to ${y.to}: min ${formatCents(y.min)}, max ${formatCents(y.max)}`).join('; ');
    lines.push(`Fees (${f.id}): MPF ${formatRate(f.mpfRate)}% per entry (${years}); HMF ${formatRate(f.hmfRate)}% for ${[...f.hmfModes].join(', ')}`);
  }
  return lines;
}

function sourceLines(engine: Engine): string[] {
  const lines: string[] = [];
  lines.push('Sources:');
  const seen = new Set<string>();
  for (const m of engine.measures) {
    for (const s of m.sources) {
      const text = [formatCitation(s), s.url].filter(Boolean).join(', ');
      if (!seen.has(text)) {
        seen.add(text);
        lines.push(`  - ${text}`);
      }
    }
  }
  if (engine.lists.size > 0) {
    lines.push('Product lists (data/lists/):');
    for (const l of engine.lists.values()) lines.push(`  - ${l.id}: ${l.size} codes; ${l.citation}; checked against ${l.asOf}; ${l.confidence}`);
  }
  return lines;
}

export function scopeText(m: CompiledMeasure): string {
  const goods = m.allGoods ? 'all goods' : [...m.categories, ...m.htsPrefixes, ...m.lists.map((id) => `list ${id}`)].join(', ');
  const base = m.claimedSpi === null ? goods : `${goods}, claimed as spi ${[...m.claimedSpi].join(' or ')}`;
  return m.exclusions.length === 0 ? base : `${base} except ${m.exclusions.join(', ')}`;
}

export function rateText(m: CompiledMeasure): string {
  switch (m.rate.kind) {
    case 'mfn':
      return 'MFN';
    case 'ad-valorem':
      return `+${formatRate(m.rate.pct)}%`;
    case 'inclusive':
      return `inclusive ${formatRate(m.rate.pct)}%`;
    case 'not-modelled':
      return 'not modelled';
  }
}

