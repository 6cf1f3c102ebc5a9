// Observatory tables: census and other indicators per commune, fragility index versions, allocation planner
// scenarios, and the figures a territory shares with the other territories of the instance.
// Territory-owned (RLS); `benchmark_figures` is also readable by every territory on purpose (a sharing policy).
import { boolean, doublePrecision, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { IndexWeights } from "../../modules/observatory/domain/fragility-index.js";
import type { PlannerParams } from "../../modules/observatory/domain/planner.js";
import { territories, users } from "./platform.js";

const territoryId = () => integer("territory_id").notNull().references(() => territories.id, { onDelete: "cascade" });
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/**
 * A named indicator of one commune (or, with `code` = the EPCI's SIREN, of the whole intercommunality, used as
 * the fallback where a commune's value is secret): the ratio and the counts it comes from, with file and vintage.
 */
export const communeIndicators = pgTable(
  "commune_indicators",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    territoryId: territoryId(),
    code: text("code").notNull(),
    indicator: text("indicator").notNull(),
    value: doublePrecision("value"),
    numerator: doublePrecision("numerator"),
    denominator: doublePrecision("denominator"),
    source: text("source").notNull(),
    vintage: text("vintage").notNull(),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("commune_indicators_key").on(t.territoryId, t.code, t.indicator)],
);

/** A saved version of the fragility index: weights per criterion and the reference set of the percentile ranks. */
export const indexVersions = pgTable(
  "index_versions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    territoryId: territoryId(),
    name: text("name").notNull(),
    weights: jsonb("weights").$type<IndexWeights>().notNull(),
    referenceSet: text("reference_set").notNull().default("territoire"),
    note: text("note").notNull().default(""),
    isCurrent: boolean("is_current").notNull().default(false),
    demo: boolean("demo").notNull().default(false),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("index_versions_territory_name").on(t.territoryId, t.name)],
);

/** A saved allocation planner scenario: its parameters (the result is recomputed from them). */
export const allocationScenarios = pgTable(
  "allocation_scenarios",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    territoryId: territoryId(),
    name: text("name").notNull(),
    params: jsonb("params").$type<PlannerParams>().notNull(),
    demo: boolean("demo").notNull().default(false),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("allocation_scenarios_territory_name").on(t.territoryId, t.name)],
);

/**
 * A territory-wide figure the territory chose to share with the other territories of the instance (one row per
 * shared indicator; deleting the row stops sharing). Readable by every territory: the sharing is the row.
 */
export const benchmarkFigures = pgTable(
  "benchmark_figures",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    territoryId: territoryId(),
    indicator: text("indicator").notNull(),
    value: doublePrecision("value"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("benchmark_figures_territory_indicator").on(t.territoryId, t.indicator)],
);
