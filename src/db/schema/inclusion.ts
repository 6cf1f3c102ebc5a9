// Inclusion tables: places in the national standard, mediators, availability, appointments, accompaniments.
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { LieuRecord } from "../../modules/places/import-export/lieu-record.js";
import { territories, users } from "./platform.js";

const territoryId = () => integer("territory_id").notNull().references(() => territories.id, { onDelete: "cascade" });
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/**
 * A place (lieu de médiation numérique). `record` keeps the whole standard record so import → export loses
 * nothing; the columns beside it are copies used for search and filters.
 */
export const places = pgTable(
  "places",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    territoryId: territoryId(),
    standardId: text("standard_id").notNull(),
    nom: text("nom").notNull(),
    commune: text("commune").notNull(),
    codePostal: text("code_postal").notNull(),
    codeInsee: text("code_insee"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    services: text("services").array().notNull().default(sql`'{}'::text[]`),
    priseEnChargeSpecifique: text("prise_en_charge_specifique").array().notNull().default(sql`'{}'::text[]`),
    fraisACharge: text("frais_a_charge").array().notNull().default(sql`'{}'::text[]`),
    horaires: text("horaires"),
    record: jsonb("record").$type<LieuRecord>().notNull(),
    /** Published places are shown in the public finder and the open API (sharing is a state of the record). */
    published: boolean("published").notNull().default(true),
    demo: boolean("demo").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("places_territory_standard_id").on(t.territoryId, t.standardId),
    index("places_code_insee").on(t.codeInsee),
    index("places_code_postal").on(t.codePostal),
    index("places_services").using("gin", t.services),
  ],
);

/** A mediator (médiateur·rice, conseiller numérique, agent France Services…), possibly with an account. */
export const mediators = pgTable("mediators", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  territoryId: territoryId(),
  userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
  name: text("name").notNull(),
  email: text("email"),
  active: boolean("active").notNull().default(true),
  demo: boolean("demo").notNull().default(false),
  createdAt: createdAt(),
});

export const mediatorPlaces = pgTable(
  "mediator_places",
  {
    territoryId: territoryId(),
    mediatorId: integer("mediator_id").notNull().references(() => mediators.id, { onDelete: "cascade" }),
    placeId: integer("place_id").notNull().references(() => places.id, { onDelete: "cascade" }),
  },
  (t) => [uniqueIndex("mediator_places_pk").on(t.mediatorId, t.placeId)],
);

export const bookingAudiences = ["agents", "everyone"] as const;
export type BookingAudience = (typeof bookingAudiences)[number];

/** An appointment type (motif) with its booking rules. */
export const motifs = pgTable("motifs", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  territoryId: territoryId(),
  name: text("name").notNull(),
  /** Which standard service this motif answers (for the finder's "need" question). */
  service: text("service").notNull(),
  description: text("description").notNull().default(""),
  durationMinutes: integer("duration_minutes").notNull().default(30),
  minNoticeMinutes: integer("min_notice_minutes").notNull().default(30),
  horizonDays: integer("horizon_days").notNull().default(90),
  bookableBy: text("bookable_by").$type<BookingAudience>().notNull().default("everyone"),
  cancelUntilMinutes: integer("cancel_until_minutes").notNull().default(240),
  changeUntilMinutes: integer("change_until_minutes").notNull().default(2880),
  whatToBring: text("what_to_bring").notNull().default(""),
  placeKind: text("place_kind").$type<"sur_place" | "telephone" | "domicile" | "visio">().notNull().default("sur_place"),
  placeIds: integer("place_ids").array().notNull().default(sql`'{}'::int[]`),
  active: boolean("active").notNull().default(true),
  createdAt: createdAt(),
});

/** A weekly recurring opening slot (plage d'ouverture) of a mediator at a place. */
export const plages = pgTable("plages", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  territoryId: territoryId(),
  mediatorId: integer("mediator_id").notNull().references(() => mediators.id, { onDelete: "cascade" }),
  placeId: integer("place_id").notNull().references(() => places.id, { onDelete: "cascade" }),
  weekdays: integer("weekdays").array().notNull(),
  startTime: time("start_time").notNull(),
  endTime: time("end_time").notNull(),
  validFrom: date("valid_from").notNull(),
  validUntil: date("valid_until"),
  everyNWeeks: integer("every_n_weeks").notNull().default(1),
});

/** A one-off opening (a date with hours) outside the weekly plages. */
export const exceptionalPlages = pgTable("exceptional_plages", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  territoryId: territoryId(),
  mediatorId: integer("mediator_id").notNull().references(() => mediators.id, { onDelete: "cascade" }),
  placeId: integer("place_id").notNull().references(() => places.id, { onDelete: "cascade" }),
  day: date("day").notNull(),
  startTime: time("start_time").notNull(),
  endTime: time("end_time").notNull(),
});

/** A mediator's absence (leave, training…), as UTC instants. */
export const absences = pgTable("absences", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  territoryId: territoryId(),
  mediatorId: integer("mediator_id").notNull().references(() => mediators.id, { onDelete: "cascade" }),
  startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
  endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
  reason: text("reason").notNull().default(""),
});

export const appointmentStatuses = ["a_venir", "honore", "absent", "annule_personne", "annule_service"] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

/**
 * An appointment. The exclusion constraint appointments_no_overlap (migration) makes two active appointments
 * of one mediator at overlapping times impossible, whatever the concurrency.
 */
export const appointments = pgTable(
  "appointments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    territoryId: territoryId(),
    placeId: integer("place_id").notNull().references(() => places.id, { onDelete: "cascade" }),
    mediatorId: integer("mediator_id").notNull().references(() => mediators.id, { onDelete: "cascade" }),
    motifId: integer("motif_id").notNull().references(() => motifs.id, { onDelete: "restrict" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    status: text("status").$type<AppointmentStatus>().notNull().default("a_venir"),
    firstName: text("first_name"),
    lastName: text("last_name"),
    phone: text("phone"),
    email: text("email"),
    /** The person has no e-mail: the mediator calls or the person keeps the printed confirmation. */
    noEmail: boolean("no_email").notNull().default(false),
    communeInsee: text("commune_insee"),
    note: text("note").notNull().default(""),
    bookedBy: text("booked_by").$type<"citizen" | "agent">().notNull(),
    agentUserId: integer("agent_user_id").references(() => users.id, { onDelete: "set null" }),
    icsSequence: integer("ics_sequence").notNull().default(0),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelMessage: text("cancel_message"),
    contactPurgedAt: timestamp("contact_purged_at", { withTimezone: true }),
    demo: boolean("demo").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("appointments_mediator_start").on(t.mediatorId, t.startsAt), index("appointments_place_start").on(t.placeId, t.startsAt), index("appointments_territory_start").on(t.territoryId, t.startsAt)],
);

/** An accompaniment record (compte rendu d'activité), anonymous by default. */
export const activities = pgTable(
  "activities",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    territoryId: territoryId(),
    placeId: integer("place_id").references(() => places.id, { onDelete: "set null" }),
    mediatorId: integer("mediator_id").references(() => mediators.id, { onDelete: "set null" }),
    appointmentId: uuid("appointment_id").references(() => appointments.id, { onDelete: "set null" }),
    kind: text("kind").$type<"individuel" | "collectif">().notNull(),
    day: date("day").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    locationKind: text("location_kind").notNull(),
    thematiques: text("thematiques").array().notNull(),
    sousThematiques: text("sous_thematiques").array().notNull().default(sql`'{}'::text[]`),
    precision: text("precision").notNull().default(""),
    materiel: text("materiel").array().notNull().default(sql`'{}'::text[]`),
    autonomie: text("autonomie"),
    orientation: text("orientation"),
    niveau: text("niveau"),
    participants: jsonb("participants").$type<Record<string, number>>().notNull().default({}),
    communeInsee: text("commune_insee"),
    firstVisit: boolean("first_visit"),
    demo: boolean("demo").notNull().default(false),
    createdAt: createdAt(),
  },
  // One record per appointment: a second one (double click, two tabs, an old link) is refused by the database too
  // (index created by migration 0006).
  (t) => [index("activities_territory_day").on(t.territoryId, t.day), uniqueIndex("activities_appointment").on(t.appointmentId).where(sql`appointment_id IS NOT NULL`)],
);

/** Text messages sent through the configured provider (receipts). */
export const smsMessages = pgTable("sms_messages", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  territoryId: territoryId(),
  appointmentId: uuid("appointment_id").references(() => appointments.id, { onDelete: "set null" }),
  toNumber: text("to_number").notNull(),
  body: text("body").notNull(),
  status: text("status").$type<"queued" | "sent" | "failed" | "skipped">().notNull().default("queued"),
  providerId: text("provider_id"),
  error: text("error"),
  createdAt: createdAt(),
  sentAt: timestamp("sent_at", { withTimezone: true }),
});

/** Imports are records: state, progress and the rejected rows with their reasons. */
export const imports = pgTable("imports", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  territoryId: territoryId(),
  kind: text("kind").notNull(),
  filename: text("filename").notNull(),
  status: text("status").$type<"pending" | "running" | "done" | "failed">().notNull().default("pending"),
  skipInvalid: boolean("skip_invalid").notNull().default(false),
  totalRows: integer("total_rows").notNull().default(0),
  processedRows: integer("processed_rows").notNull().default(0),
  importedRows: integer("imported_rows").notNull().default(0),
  errors: jsonb("errors").$type<{ line: number; field: string; reason: string }[]>().notNull().default([]),
  /** What an import found besides its errors (file kind, rows of other communes skipped…), shown in its report. */
  summary: jsonb("summary").$type<Record<string, unknown>>().notNull().default({}),
  content: text("content"),
  createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
});

/** Public share links of a statistics view: anyone with the link reads it, without an account. */
export const shareLinks = pgTable("share_links", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  territoryId: territoryId(),
  tokenHash: text("token_hash").notNull().unique(),
  kind: text("kind").notNull(),
  filters: jsonb("filters").$type<Record<string, string>>().notNull().default({}),
  label: text("label").notNull().default(""),
  createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

/** Per-territory settings of the inclusion module (retention, reminders). */
export const inclusionSettings = pgTable("inclusion_settings", {
  territoryId: integer("territory_id").primaryKey().references(() => territories.id, { onDelete: "cascade" }),
  contactRetentionDays: integer("contact_retention_days").notNull().default(90),
  reminderHours: integer("reminder_hours").notNull().default(48),
  smsEnabled: boolean("sms_enabled").notNull().default(false),
});
