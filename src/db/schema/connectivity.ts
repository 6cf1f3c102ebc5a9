// Connectivity tables: fibre and wired-speed figures per commune and quarter from the regulator's open data,
// and each territory's coverage target. Territory-owned (RLS).
import { date, doublePrecision, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { territories } from "./platform.js";

const territoryId = () => integer("territory_id").notNull().references(() => territories.id, { onDelete: "cascade" });

export const connectivitySources = ["mci_techno", "mci_meilleure_techno", "mci_filaire", "observatoire_ftth"] as const;
export type ConnectivitySource = (typeof connectivitySources)[number];

/**
 * One commune's figures for one quarter from one file kind: premises (the denominator) and, depending on the
 * file, premises eligible to FttH and/or to a wired ≥ 30 Mbit/s access. A re-import of the same quarter replaces it.
 */
export const connectivityFigures = pgTable(
  "connectivity_figures",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    territoryId: territoryId(),
    communeInsee: text("commune_insee").notNull(),
    /** Quarter end (YYYY-03-31, -06-30, -09-30, -12-31). */
    quarter: date("quarter").notNull(),
    source: text("source").$type<ConnectivitySource>().notNull(),
    premises: integer("premises").notNull(),
    ftth: integer("ftth"),
    thd30: integer("thd30"),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("connectivity_figures_key").on(t.territoryId, t.communeInsee, t.source, t.quarter)],
);

/** A territory's fibre target: a share of premises eligible to FttH by a date. */
export const connectivityTargets = pgTable("connectivity_targets", {
  territoryId: territoryId().primaryKey(),
  share: doublePrecision("share").notNull(),
  targetDate: date("target_date").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
