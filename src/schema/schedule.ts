/**
 * The schedule file format: one zod schema, from which the TypeScript types
 * and the shipped JSON Schema (data/schema/schedule.schema.json) are derived.
 *
 * A schedule is data, never code: nothing in it is executed. Rates are decimal
 * strings (percent), dates are entry dates `YYYY-MM-DD`, windows are
 * half-open `[from, to)`.
 */
import * as z from 'zod';
import { ISO_DATE, isCalendarDate } from '../values/dates.js';

export { isCalendarDate };

/** A percentage written as a plain decimal: `25`, `2.5`, `0.3464`. No sign, no exponent. */
export const PERCENT = /^\d{1,4}(\.\d{1,6})?$/;
/** An HTS code or prefix: 2 to 10 digits, dots allowed between groups (`87`, `8703`, `8703.23.01`). */
export const HTS_PREFIX = /^\d{2}(\.?\d){0,8}$/;
export const ID = /^[a-z0-9][a-z0-9.-]*$/;

const DateString = z
  .string()
  .refine(isCalendarDate, { message: 'expected a calendar date YYYY-MM-DD' })
  .meta({ description: 'Entry date, YYYY-MM-DD (US Eastern; an "00:01" start counts from that date).', pattern: ISO_DATE.source });

const Percent = z
  .string()
  .regex(PERCENT, { message: 'expected a percentage as a decimal string, e.g. "25" or "2.5" (at most 1000 with at most 6 decimals)' })
  .refine((s) => !PERCENT.test(s) || Number(s) <= 1000, { message: 'percentage above 1000 (at most 1000)' })
  .meta({ description: 'Percent as a decimal string: "25" means 25%.' });

const HtsPrefix = z
  .string()
  .regex(HTS_PREFIX, { message: 'expected an HTS code or prefix of 2-10 digits, dots allowed, e.g. "8703.23.01"' });

/** An HTS revision as the USITC names it: "2026 Rev. 20". */
export const HTS_REVISION = /^(\d{4}) Rev\. (\d{1,3})$/;
const HtsRevision = z.string().regex(HTS_REVISION, { message: 'expected an HTS revision like "2026 Rev. 20"' });

/** A special program indicator of the HTS column 1 Special column: "JP", "KR", "S", "S+". */
export const SPI_CODE = /^[A-Z]{1,2}[+*]?$/;

const Id = z.string().regex(ID, { message: 'expected a lower-case id: letters, digits, "-" and "."' });

export const ConfidenceSchema = z
  .enum(['primary', 'secondary', 'derived', 'unconfirmed'])
  .meta({
    description:
      'How the fact is sourced (DOMAIN.md): primary = official text seen [P]; secondary = law firm, broker or news summary [S]; ' +
      'derived = transcribed from HTS revisions by a public tariff engine [R]; unconfirmed = not verified in any source (output flags it).',
  });

export const CitationSchema = z.strictObject({
  instrument: z.string().min(1).meta({ description: 'The legal instrument, e.g. "Executive Order 14257" or "Proclamation 10908".' }),
  citation: z.string().min(1).optional().meta({ description: 'Federal Register citation, e.g. "90 FR 15041".' }),
  document: z.string().min(1).optional().meta({ description: 'Federal Register document number or CBP CSMS number, e.g. "FR Doc 2025-06063".' }),
  url: z.url().optional(),
});

export const RateSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('mfn'),
  }).meta({ description: 'The column 1 General (MFN) rate of the line, from the MFN table or the row\'s mfn_rate.' }),
  z.strictObject({
    kind: z.literal('ad-valorem'),
    pct: Percent,
  }).meta({ description: 'An additional duty of pct percent of customs value, on top of MFN.' }),
  z.strictObject({
    kind: z.literal('inclusive'),
    pct: Percent,
    base: z
      .enum(['general', 'applied'])
      .optional()
      .meta({
        description:
          'What "MFN" means in max(MFN, pct) when the row claims a special program (spi): "general" (default) = the column 1 General rate even then (the EU, Swiss and Japanese formulas); "applied" = the column 1 rate the row actually pays, the Special rate claimed (Korea, KORUS).',
      }),
  }).meta({ description: 'Tops the total of MFN and this measure up to pct percent: adds max(0, pct - MFN).' }),
  z.strictObject({
    kind: z.literal('not-modelled'),
    reason: z.string().min(1),
  }).meta({
    description: 'A measure known to apply but not computed here: a line it applies to is rejected with the reason, never given a wrong duty.',
  }),
]);

export const ScopeSchema = z
  .strictObject({
    hts: z.array(HtsPrefix).optional().meta({ description: 'HTS prefixes covered.' }),
    lists: z
      .array(Id)
      .optional()
      .meta({ description: 'Bundled product lists covered (data/lists/<id>.json), by id: every HTS code or prefix of each list.' }),
    categories: z.array(Id).optional().meta({ description: 'Categories covered (see the schedule\'s categories).' }),
    origins: z.array(z.string().regex(/^[A-Z]{2}$/)).optional().meta({ description: 'Origins covered; default: all the schedule\'s origins.' }),
    spi: z
      .array(z.string().regex(SPI_CODE, { message: 'expected a special program indicator of the HTS Special column, e.g. "C"' }))
      .min(1)
      .optional()
      .meta({
        description:
          'Special programs (the row\'s spi): the measure applies only when the row claims one of these, e.g. ["C"] for an exemption of civil aircraft that the importer claims (General Note 6). The opposite of exclude.spi.',
      }),
    transshipped: z
      .literal(true)
      .optional()
      .meta({ description: 'Applies only to rows found transshipped to evade duties (the row\'s transshipped = yes; EO 14326 s.3: 40% in lieu of the reciprocal rate).' }),
    exclude: z
      .strictObject({
        hts: z.array(HtsPrefix).optional(),
        lists: z.array(Id).optional().meta({ description: 'Bundled product lists (by id) whose codes are excluded.' }),
        categories: z.array(Id).optional(),
        spi: z
          .array(z.string().regex(SPI_CODE, { message: 'expected a special program indicator of the HTS Special column, e.g. "S" or "S+"' }))
          .optional()
          .meta({ description: 'Special programs (the row\'s spi): the measure does not apply when the row claims one of these, e.g. ["S", "S+"] for USMCA goods.' }),
      })
      .optional(),
  })
  .meta({ description: 'Goods covered. With none of hts, lists and categories, the measure covers all goods of its origins.' });

export const WindowSchema = z
  .strictObject({
    from: DateString,
    to: DateString.optional().meta({ description: 'First entry date on which the measure no longer applies; absent = still in force.' }),
  })
  .refine((w) => w.to === undefined || w.from < w.to, { message: 'window.to must be after window.from' });

export const MeasureSchema = z.strictObject({
  id: Id,
  label: z.string().min(1),
  layer: Id.meta({ description: 'The kind of measure, used for stacking and for the per-layer breakdown: e.g. "mfn", "reciprocal", "section-232-autos".' }),
  authority: z.string().min(1).meta({ description: 'The statute it rests on, e.g. "IEEPA", "Section 232 (19 U.S.C. 1862)".' }),
  sources: z.array(CitationSchema).min(1),
  chapter99: z.array(z.string()).optional().meta({ description: 'HTSUS chapter 99 headings that carry it.' }),
  chapter99Added: z
    .array(
      z
        .strictObject({
          headings: z.array(z.string()).min(1),
          revision: HtsRevision.optional().meta({ description: 'The HTS revision that first carried these headings, e.g. "2026 Rev. 20".' }),
          after: HtsRevision.optional().meta({ description: 'When that revision is not known: the last revision known not to carry them.' }),
          source: z.string().min(1).meta({ description: 'How the revision is known.' }),
        })
        .refine((a) => (a.revision === undefined) !== (a.after === undefined), { message: 'give either revision or after' }),
    )
    .optional()
    .meta({
      description:
        'Headings of this measure (chapter99 or inTransit) created by a revision of the HTS later than some exports: `tariff schedule check --hts` accepts their absence from an earlier revision, and only then.',
    }),
  scope: ScopeSchema,
  window: WindowSchema,
  rate: RateSchema,
  displaces: z
    .array(z.string().min(1))
    .optional()
    .meta({ description: 'Measures this one displaces when both apply to a line: measure ids, or "layer:<layer>" for every measure of a layer.' }),
  confidence: ConfidenceSchema,
  assumes: z
    .array(
      z.strictObject({
        without: z
          .enum(['loaded', 'us_content', 'metal_value', 'auto_part'])
          .optional()
          .meta({
            description:
              'The row input whose absence the note is about; absent: always shown. A yes/no input (auto_part) gives the fact itself: yes, the assumption holds (no note); no, its `otherwise` case applies (the line is outside the measure, no note); neither `calc --range` nor the note varies it then.',
          }),
        note: z.string().min(1),
        otherwise: z
          .strictObject({
            effect: z.literal('outside').meta({ description: 'Without the fact assumed, the line is outside this measure: it does not apply, and what it displaces applies.' }),
            fact: z.string().min(1).meta({ description: 'The other case, in a few words, as `calc --range` names it (e.g. "not an automobile part").' }),
            exceptHts: z.array(HtsPrefix).optional().meta({ description: 'HTS prefixes of lines for which the other case does not exist (the assumption is the law for them).' }),
            exceptBasis: z
              .string()
              .min(1)
              .optional()
              .meta({ description: 'Why exceptHts have no other case, in a few words: the reason a row that gives the input as no on such a line is rejected with.' }),
            byDefault: z
              .strictObject({
                note: z.string().min(1).meta({ description: 'The note of a line computed under the other case because it did not give the input: what was assumed, why, and how to give the fact.' }),
              })
              .optional()
              .meta({
                description:
                  'With `without` a yes/no input: a line with an HTS code outside exceptHts that does not give the input is computed under the other case (the measure does not apply), with this note; `calc --range` computes the assumption holding as the other end. Absent: the assumption holds by default (with `note`).',
              }),
          })
          .optional()
          .meta({ description: 'What the law gives when the assumed fact does not hold: `calc --range` computes that case as one end of a range (unless the row gives the input, `without`, that says which case it is).' }),
      })
        .refine((a) => a.without !== 'auto_part' || a.otherwise !== undefined, { message: 'an assumption on a yes/no input (auto_part) needs `otherwise`: what the law gives when the row says no' })
        .refine((a) => a.otherwise?.byDefault === undefined || a.without === 'auto_part', { message: '`otherwise.byDefault` needs a yes/no input (`without`: auto_part) by which a row gives the fact' }),
    )
    .optional()
    .meta({ description: 'Defaults assumed when the row lacks an input this measure depends on; shown whenever the measure applies and the input is missing.' }),
  usContent: z
    .strictObject({
      thresholdPct: Percent,
      sources: z.array(CitationSchema).min(1),
      confidence: ConfidenceSchema,
    })
    .optional()
    .meta({ description: "When the row's us_content is at least thresholdPct, the measure applies to the non-US share of the value only." }),
  metalContent: z
    .strictObject({
      remainderPaysDisplaced: z.boolean().meta({ description: 'When true, the measures this one displaces apply to the value minus the metal value.' }),
      sources: z.array(CitationSchema).min(1),
    })
    .optional()
    .meta({ description: "When the row gives metal_value, the measure applies to that metal value instead of the whole value." }),
  inTransit: z
    .array(
      z.strictObject({
        loadedBefore: DateString,
        enteredBefore: DateString,
        rate: RateSchema.nullable().meta({ description: 'The rate instead (null: the measure does not apply).' }),
        heading: z.string().optional(),
        sources: z.array(CitationSchema).min(1),
      }),
    )
    .optional()
    .meta({ description: 'In-transit rules, first match wins: goods loaded before loadedBefore and entered before enteredBefore pay `rate` instead.' }),
  refund: z
    .strictObject({
      basis: z.string().min(1).meta({ description: 'Why amounts paid under this measure can be claimed back.' }),
      sources: z.array(CitationSchema).min(1),
    })
    .optional()
    .meta({ description: 'Present when duties paid under this measure are refundable (e.g. IEEPA duties after the Supreme Court ruling).' }),
  notes: z.string().optional(),
});

export const CategorySchema = z.strictObject({
  label: z.string().min(1),
  hts: z.array(HtsPrefix).meta({ description: 'HTS prefixes that belong to the category; an HTS code takes the category of its longest matching prefix.' }),
  defaultMfnPct: Percent.nullable().meta({
    description: 'MFN rate assumed for a row that gives the category but no HTS code and no mfn_rate; null = such a row must give mfn_rate.',
  }),
  standsFor: z.string().min(1).meta({ description: 'What the default MFN stands for, e.g. "8703.23.01 passenger car, 2.5%".' }),
});

export const ScheduleSchema = z.strictObject({
  $schema: z.string().optional(),
  id: Id,
  title: z.string().min(1),
  importer: z.string().regex(/^[A-Z]{2}$/),
  origins: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1),
  coversFrom: DateString.meta({ description: 'First entry date the evidence covers; earlier dates get a warning.' }),
  knownThrough: DateString.meta({ description: 'Last date the evidence covers; later dates get a warning.' }),
  layers: z
    .record(Id, z.strictObject({ label: z.string().min(1) }))
    .meta({ description: 'The kinds of measure, in display order: the per-layer breakdown and "layer:<id>" displacement refer to these.' }),
  programs: z
    .record(
      z.string().regex(SPI_CODE, { message: 'expected a special program indicator of the HTS Special column, e.g. "JP", "KR", "S+"' }),
      z.strictObject({
        label: z.string().min(1),
        origins: z
          .array(z.string().regex(/^[A-Z]{2}$/))
          .min(1)
          .optional()
          .meta({ description: 'Origins whose goods may claim it; absent: any origin.' }),
        sources: z.array(CitationSchema).min(1),
        specialRateOptional: z
          .strictObject({
            basis: z.string().min(1).meta({ description: 'Why the claim stands without a Special rate, as the law says it.' }),
            sources: z.array(CitationSchema).min(1),
          })
          .optional()
          .meta({
            description:
              'The claim stands on a line whose Special column does not list the program when a measure claimed with it (scope.spi) applies to the line: the General rate is kept and said so on the line. Otherwise such a claim is refused, as for any program.',
          }),
      }),
    )
    .optional()
    .meta({
      description:
        'Special programs of the column 1 Special column a row may claim (its spi): the line\'s Special rate for the program replaces the General rate. A program not listed is refused.',
    }),
  fees: Id.optional().meta({ description: 'Id of a bundled customs-fees file (data/fees/<id>.json): MPF and HMF.' }),
  mfnTable: Id.optional().meta({
    description: 'Id of a bundled MFN table (data/mfn/<id>.json). An id, not a path: loading a schedule reads no other file of yours.',
  }),
  categories: z.record(Id, CategorySchema),
  fallbackCategory: Id.optional().meta({
    description:
      'The category of an HTS code that matches no category prefix (one of categories: in the bundled schedule "general", the goods no sectoral measure names). Without it, such a code has no category and a row of it is refused.',
  }),
  rounding: z
    .strictObject({
      mode: z.literal('half-up').meta({ description: 'How an amount is rounded to the cent: half up, the one mode the engine implements.' }),
      per: z.literal('measure-line').meta({ description: 'Where: each measure\'s amount on each line (and each fee line); totals are sums of rounded amounts.' }),
      sources: z.array(CitationSchema).min(1),
      confidence: ConfidenceSchema,
      note: z.string().min(1).optional(),
    })
    .optional()
    .meta({ description: 'The rounding of duty amounts, a reading of how CBP computes them (the engine implements half up per measure per line).' }),
  refunds: z
    .strictObject({
      label: z.string().min(1).meta({ description: 'What the refundable duties are, in a word or two (e.g. "IEEPA"): the output says "refundable (<label>)" beside their total.' }),
      sources: z.array(CitationSchema).min(1),
      confidence: ConfidenceSchema,
    })
    .optional()
    .meta({ description: 'How the output names the duties that can be claimed back (those of the measures with `refund`, each with its basis). Without it, "refundable".' }),
  units: z
    .strictObject({
      aliases: z
        .record(z.string().regex(/^[a-z0-9][a-z0-9 .]*$/, { message: 'expected a unit as folded for comparison: lower case, no final "." (e.g. "pcs")' }), z.string().min(1))
        .meta({ description: 'Unit names a row\'s `unit` may be written in, folded (lower case, single spaces, no final "."), and the unit of a specific rate each means, e.g. "pcs": "each".' }),
      sources: z.array(CitationSchema).min(1),
      confidence: ConfidenceSchema,
      note: z.string().min(1).optional(),
    })
    .optional()
    .meta({
      description:
        'The units of quantity a row may name for a specific rate\'s unit (the HTS writes counts as "No." or "pcs", a rate "N¢ each"). Spelling is folded before the lookup: case, spaces, a final ".", a plural "s" (liters = liter). Without it, a row\'s unit must name the rate\'s unit.',
    }),
  parts: z
    .array(Id)
    .optional()
    .meta({
      description:
        'Ids of bundled schedule parts (data/schedules/parts/<id>.json), one per origin or group of origins plus the measures common to all: their measures and categories join this file\'s. An id, not a path.',
    }),
  measures: z.array(MeasureSchema).meta({ description: 'Measures of this file; with `parts`, theirs are added after these. At least one in all.' }),
  chapter99Removed: z
    .array(
      z.strictObject({
        headings: z.array(z.string()).min(1),
        by: HtsRevision.meta({ description: 'A revision of the HTS that no longer has these headings (they are gone from it on).' }),
        source: z.string().min(1).meta({ description: 'How that is known.' }),
      }),
    )
    .optional()
    .meta({
      description:
        'Chapter 99 headings that measures cite (for the dates they were in force) but that later revisions deleted: `tariff schedule check --hts` accepts their absence from that revision on, and only then.',
    }),
  notes: z.array(z.string()).optional(),
});

export const SchedulePartSchema = z.strictObject({
  $schema: z.string().optional(),
  id: Id,
  title: z.string().min(1),
  origins: z
    .array(z.string().regex(/^[A-Z]{2}$/))
    .min(1)
    .optional()
    .meta({
      description:
        "The origins this part is about (e.g. the 27 EU member states). Each measure's scope.origins defaults to these and may only narrow them. Without: the part's measures cover all the schedule's origins unless they say otherwise.",
    }),
  coversFrom: DateString.optional().meta({ description: 'First entry date the evidence covers for these origins, if not the schedule\'s.' }),
  knownThrough: DateString.optional().meta({ description: 'Last date the evidence covers for these origins, if not the schedule\'s.' }),
  categories: z.record(Id, CategorySchema).optional().meta({ description: 'Categories this part adds (an id may be defined once in the whole schedule).' }),
  measures: z.array(MeasureSchema).min(1),
  notes: z.array(z.string()).optional(),
});

/** data/origins.json: the origin codes a row may give (ISO 3166-1 alpha-2) with their names, and groups of them. */
export const OriginsSchema = z.strictObject({
  $schema: z.string().optional(),
  source: z.string().min(1).meta({ description: 'Where the codes and names come from.' }),
  countries: z.record(z.string().regex(/^[A-Z]{2}$/), z.string().min(1)).meta({ description: 'ISO 3166-1 alpha-2 code -> English short name.' }),
  groups: z
    .record(
      z.string().regex(/^[A-Z]{2,4}$/),
      z.strictObject({ label: z.string().min(1), members: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1), source: z.string().min(1) }),
    )
    .meta({ description: 'Groups of origins by a code of their own (EU: its member states). A row names a member state, not the group.' }),
});
export type Origins = z.output<typeof OriginsSchema>;

export const MfnEntrySchema = z.strictObject({
  hts: HtsPrefix,
  pct: Percent.meta({ description: 'The ad valorem part of the rate, percent ("0" for a purely specific rate).' }),
  specific: z
    .strictObject({
      cents: z.string().regex(/^\d{1,9}(\.\d{1,6})?$/, { message: 'expected cents per unit as a decimal string, e.g. "4.4"' }),
      unit: z.string().min(1).max(40),
    })
    .optional()
    .meta({ description: 'The specific part of the rate: cents per unit (e.g. 4.4 cents per kg). Needs the row\'s quantity in that unit.' }),
  text: z.string().optional().meta({ description: 'The rate as the HTS writes it, e.g. "2.5% + 4.4¢/kg".' }),
  description: z.string().min(1),
  confidence: ConfidenceSchema,
  source: z.string().min(1),
});

export const MfnTableSchema = z.strictObject({
  $schema: z.string().optional(),
  id: Id,
  title: z.string().min(1),
  asOf: z.string().min(1).meta({ description: 'The HTS revision or date the rates were read from.' }),
  revision: z.string().min(1).optional().meta({ description: 'The HTS revision that prices the lines, named on each line it prices, e.g. "HTS 2026 Rev. 10".' }),
  official: z
    .strictObject({
      lines: z.string().regex(/^[a-z0-9][a-z0-9.-]*\.lines\.tsv$/).meta({ description: 'File (next to this one) of every 8-digit line: code, General rate text, statistical suffixes.' }),
      details: z.string().regex(/^[a-z0-9][a-z0-9.-]*\.details\.tsv$/).meta({ description: 'File (next to this one) of units, Special column and description per line.' }),
      sources: z.array(CitationSchema).min(1),
      confidence: ConfidenceSchema,
    })
    .optional()
    .meta({ description: 'The official schedule, every line, derived by scripts/gen-hts-table.js. A code that is not one of its lines is refused.' }),
  entries: z.array(MfnEntrySchema).meta({ description: 'Rates by HTS prefix; with `official`, overrides of its lines, each citing its source.' }),
});

export const ProductListEntrySchema = z.strictObject({
  hts: HtsPrefix.meta({ description: 'An HTS code or prefix as the instrument lists it (a heading, subheading, 8- or 10-digit line).' }),
  metal: z
    .enum(['steel', 'aluminum', 'copper'])
    .optional()
    .meta({ description: 'The metal the instrument lists the code under, where the list spans several (e.g. Proc. 11021 Annex I-A).' }),
  chapter99: z.string().min(1).optional().meta({ description: 'The chapter 99 heading of this code, where the list spans several.' }),
  from: DateString.optional().meta({
    description: 'The entry date from which an amendment put this code on the list; before it the code is not on the list. Absent: on the list whenever a measure uses it.',
  }),
});

export const ProductListSchema = z.strictObject({
  $schema: z.string().optional(),
  id: Id,
  title: z.string().min(1),
  sources: z.array(CitationSchema).min(1).meta({ description: 'The instrument(s) that publish the list: proclamation, annex, HTS U.S. note.' }),
  chapter99: z.array(z.string().min(1)).optional().meta({ description: 'HTSUS chapter 99 headings under which the listed goods are entered.' }),
  confidence: ConfidenceSchema,
  asOf: z.string().min(1).meta({ description: 'The text the list was checked against, e.g. "HTSUS 2026 Rev. 6, chapter 99 U.S. note 16(b)".' }),
  notes: z.array(z.string().min(1)).optional(),
  entries: z.array(ProductListEntrySchema).min(1),
});

const Money = z
  .string()
  .regex(/^\d{1,9}\.\d{2}$/, { message: 'expected an amount in dollars and cents, e.g. "33.58"' });

export const FeesSchema = z.strictObject({
  $schema: z.string().optional(),
  id: Id,
  title: z.string().min(1),
  mpf: z.strictObject({
    pct: Percent.meta({ description: 'Merchandise Processing Fee, percent of customs value (formal entries).' }),
    sources: z.array(CitationSchema).min(1),
    years: z
      .array(
        z.strictObject({
          fiscalYear: z.string().min(1),
          from: DateString,
          to: DateString,
          min: Money,
          max: Money,
          sources: z.array(CitationSchema).min(1),
          confidence: ConfidenceSchema,
        }),
      )
      .min(1)
      .meta({ description: "Minimum and maximum per entry, by fiscal year (entry dates [from, to)); later dates use the last year's, with a note." }),
  }),
  hmf: z.strictObject({
    pct: Percent.meta({ description: 'Harbor Maintenance Fee, percent of value.' }),
    modes: z.array(z.enum(['ocean', 'air', 'truck', 'rail'])).min(1).meta({ description: 'Modes of transport it applies to.' }),
    deMinimis: Money.meta({ description: 'An entry whose HMF is at most this, and that owes no other fee, tax or duty, reports 0.' }),
    sources: z.array(CitationSchema).min(1),
  }),
});

const ScopePatch = ScopeSchema;

export const ScenarioChangeSchema = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('remove'),
    measure: Id,
    why: z.string().optional(),
  }).meta({ description: 'Remove a measure of the base schedule.' }),
  z.strictObject({
    op: z.literal('modify'),
    measure: Id,
    set: z.strictObject({
      label: z.string().min(1).optional(),
      rate: RateSchema.optional(),
      from: DateString.optional(),
      to: DateString.nullable().optional().meta({ description: 'New end date; null = no end.' }),
      scope: ScopePatch.optional(),
      displaces: z.array(z.string().min(1)).optional(),
      confidence: ConfidenceSchema.optional(),
    }),
    why: z.string().optional(),
  }).meta({ description: 'Change fields of a measure of the base schedule.' }),
  z.strictObject({
    op: z.literal('add'),
    measure: MeasureSchema,
    why: z.string().optional(),
  }).meta({ description: 'Add a new measure.' }),
  z.strictObject({
    op: z.literal('end'),
    layers: z.array(Id).min(1),
    on: DateString,
    why: z.string().optional(),
  }).meta({ description: 'End every measure of the given layers on a date: windows are cut at it and measures starting on or after it are removed.' }),
]);

export const ScenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  id: Id,
  title: z.string().min(1),
  base: Id.meta({ description: 'The id of the schedule this scenario changes.' }),
  description: z.string().min(1),
  changes: z.array(ScenarioChangeSchema),
});

export type Schedule = z.output<typeof ScheduleSchema>;
export type SchedulePart = z.output<typeof SchedulePartSchema>;
export type Measure = z.output<typeof MeasureSchema>;
export type Rate = z.output<typeof RateSchema>;
export type Scope = z.output<typeof ScopeSchema>;
export type Category = z.output<typeof CategorySchema>;
export type Confidence = z.output<typeof ConfidenceSchema>;
export type Citation = z.output<typeof CitationSchema>;
export type MfnTable = z.output<typeof MfnTableSchema>;
export type MfnEntry = z.output<typeof MfnEntrySchema>;
export type Scenario = z.output<typeof ScenarioSchema>;
export type Fees = z.output<typeof FeesSchema>;
export type ProductList = z.output<typeof ProductListSchema>;
export type ScenarioChange = z.output<typeof ScenarioChangeSchema>;
