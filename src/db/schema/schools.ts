// Schools tables: schools and classes, equipment inventory and its history, reference sets, plans,
// incidents and teacher training. All territory-owned (RLS).
import { sql } from "drizzle-orm";
import { bigint, boolean, customType, date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { CofundingRule, UnitPriceCatalogue } from "../../modules/schools/domain/plan.js";
import type { Socle } from "../../modules/schools/domain/socle.js";
import { territories, users } from "./platform.js";

const territoryId = () => integer("territory_id").notNull().references(() => territories.id, { onDelete: "cascade" });
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

/** A school (école maternelle, élémentaire or primaire) identified by its UAI. */
export const schools = pgTable(
  "schools",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    territoryId: territoryId(),
    uai: text("uai").notNull(),
    name: text("name").notNull(),
    kind: text("kind").$type<"maternelle" | "elementaire" | "primaire">().notNull().default("primaire"),
    communeInsee: text("commune_insee").notNull(),
    address: text("address").notNull().default(""),
    pupils: integer("pupils"),
    teachers: integer("teachers"),
    headTeacher: text("head_teacher").notNull().default(""),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    fibre: boolean("fibre"),
    /** How the school reaches the internet (fibre, cuivre, radio, satellite, aucun); null = not known. */
    connectionKind: text("connection_kind").$type<"fibre" | "cuivre" | "radio" | "satellite" | "aucun">(),
    /** Measured download speed, Mbit/s, and the day it was measured. */
    connectionMbps: doublePrecision("connection_mbps"),
    connectionMeasuredOn: date("connection_measured_on"),
    demo: boolean("demo").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("schools_territory_uai").on(t.territoryId, t.uai), index("schools_territory_commune").on(t.territoryId, t.communeInsee)],
);

/** People referent for a school (directeur·rice, ERUN), among the territory's members. */
export const schoolReferents = pgTable(
  "school_referents",
  {
    territoryId: territoryId(),
    schoolId: integer("school_id").notNull().references(() => schools.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [uniqueIndex("school_referents_pk").on(t.schoolId, t.userId)],
);

/** A class of a school. */
export const schoolClasses = pgTable(
  "school_classes",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    territoryId: territoryId(),
    schoolId: integer("school_id").notNull().references(() => schools.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    levels: text("levels").array().notNull().default(sql`'{}'::text[]`),
    pupils: integer("pupils"),
  },
  (t) => [uniqueIndex("school_classes_school_name").on(t.schoolId, t.name)],
);

/** An equipment item; inventory numbers are unique in the territory. */
export const equipmentItems = pgTable(
  "equipment_items",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    territoryId: territoryId(),
    schoolId: integer("school_id").notNull().references(() => schools.id, { onDelete: "cascade" }),
    classId: integer("class_id").references(() => schoolClasses.id, { onDelete: "set null" }),
    category: text("category").notNull(),
    model: text("model").notNull().default(""),
    inventoryNumber: text("inventory_number").notNull(),
    acquisitionDate: date("acquisition_date"),
    costCents: integer("cost_cents"),
    fundingSource: text("funding_source").notNull().default(""),
    warrantyEnd: date("warranty_end"),
    endOfLife: date("end_of_life"),
    state: text("state").notNull().default("en_service"),
    demo: boolean("demo").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("equipment_items_territory_inventory").on(t.territoryId, t.inventoryNumber),
    index("equipment_items_school").on(t.schoolId),
    index("equipment_items_territory_category").on(t.territoryId, t.category),
  ],
);

/** Every change of an item (move, state, edit), for its history page. */
export const equipmentHistory = pgTable(
  "equipment_history",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    territoryId: territoryId(),
    itemId: integer("item_id").notNull().references(() => equipmentItems.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorLabel: text("actor_label").notNull(),
    change: jsonb("change").$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index("equipment_history_item").on(t.itemId)],
);

/** Versions of a territory's reference set (socle); the latest active one applies. */
export const socleVersions = pgTable("socle_versions", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  territoryId: territoryId(),
  socle: jsonb("socle").$type<Socle>().notNull(),
  createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
});

/** A territory's schools settings: lifetimes per category (years), unit prices (cents), co-funding rules. */
export const schoolSettings = pgTable("school_settings", {
  territoryId: integer("territory_id").primaryKey().references(() => territories.id, { onDelete: "cascade" }),
  lifetimes: jsonb("lifetimes").$type<Record<string, number>>().notNull().default({}),
  unitPrices: jsonb("unit_prices").$type<UnitPriceCatalogue>().notNull().default({}),
  cofunding: jsonb("cofunding").$type<CofundingRule[]>().notNull().default([]),
});

/** A multi-year plan scenario (3 to 6 years); scenarios can be copied and compared. */
export const planScenarios = pgTable("plan_scenarios", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  territoryId: territoryId(),
  name: text("name").notNull(),
  startYear: integer("start_year").notNull(),
  years: integer("years").notNull(),
  gapSchedule: text("gap_schedule").$type<"first_year" | "spread">().notNull().default("first_year"),
  unitPrices: jsonb("unit_prices").$type<UnitPriceCatalogue>().notNull().default({}),
  cofunding: jsonb("cofunding").$type<CofundingRule[]>().notNull().default([]),
  createdAt: createdAt(),
});

export const incidentStatuses = ["nouveau", "en_cours", "resolu"] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

/** A broken item reported by a school; its follow-up moves the item's state. */
export const incidents = pgTable(
  "incidents",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    territoryId: territoryId(),
    schoolId: integer("school_id").notNull().references(() => schools.id, { onDelete: "cascade" }),
    itemId: integer("item_id").references(() => equipmentItems.id, { onDelete: "set null" }),
    /** The reporter could not say which item ("je ne sais pas lequel"): no item from the start, not a deleted one. */
    itemUnspecified: boolean("item_unspecified").notNull().default(false),
    description: text("description").notNull(),
    photo: bytea("photo"),
    photoType: text("photo_type"),
    status: text("status").$type<IncidentStatus>().notNull().default("nouveau"),
    reportedBy: integer("reported_by").references(() => users.id, { onDelete: "set null" }),
    resolution: text("resolution").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("incidents_territory_status").on(t.territoryId, t.status)],
);

/** A teacher-training session held with the Éducation nationale. */
export const trainingSessions = pgTable("training_sessions", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  territoryId: territoryId(),
  title: text("title").notNull(),
  categories: text("categories").array().notNull().default(sql`'{}'::text[]`),
  startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
  endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
  place: text("place").notNull().default(""),
  trainer: text("trainer").notNull().default(""),
  capacity: integer("capacity").notNull().default(20),
  /** iCalendar SEQUENCE: raised when the time or place changes, so that invitations already sent are updated. */
  sequence: integer("sequence").notNull().default(0),
  demo: boolean("demo").notNull().default(false),
  createdAt: createdAt(),
});

/** A teacher registered to a session through their school's link; attendance recorded afterwards. */
export const trainingRegistrations = pgTable(
  "training_registrations",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    territoryId: territoryId(),
    sessionId: integer("session_id").notNull().references(() => trainingSessions.id, { onDelete: "cascade" }),
    schoolId: integer("school_id").notNull().references(() => schools.id, { onDelete: "cascade" }),
    teacherName: text("teacher_name").notNull(),
    teacherEmail: text("teacher_email").notNull(),
    attended: boolean("attended"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("training_registrations_unique").on(t.sessionId, t.teacherEmail)],
);
