/** JSON Schemas generated from the zod schemas, shipped in data/schema/ so editors can check user files. */
import * as z from 'zod';
import { FeesSchema, MfnTableSchema, OriginsSchema, ProductListSchema, ScenarioSchema, SchedulePartSchema, ScheduleSchema } from './schedule.js';

export function jsonSchemas(): Record<string, unknown> {
  const gen = (schema: z.ZodType, title: string) => ({ ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), title });
  return {
    'schedule.schema.json': gen(ScheduleSchema, 'tariff schedule'),
    'schedule-part.schema.json': gen(SchedulePartSchema, 'tariff schedule part'),
    'scenario.schema.json': gen(ScenarioSchema, 'tariff scenario'),
    'mfn-table.schema.json': gen(MfnTableSchema, 'tariff MFN table'),
    'fees.schema.json': gen(FeesSchema, 'tariff customs fees'),
    'product-list.schema.json': gen(ProductListSchema, 'tariff product list'),
    'origins.schema.json': gen(OriginsSchema, 'tariff origin codes'),
  };
}
