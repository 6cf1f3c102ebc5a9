// Platform tables: territories and their communes, people, sessions, audit, jobs and mail.
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const territoryKinds = ["epci", "commune", "departement"] as const;
export type TerritoryKind = (typeof territoryKinds)[number];

/** A territory: an intercommunality (EPCI), a commune or a département, identified by its official code. */
export const territories = pgTable("territories", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  kind: text("kind").$type<TerritoryKind>().notNull(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  demo: boolean("demo").notNull().default(false),
  createdAt: createdAt(),
});

/** The communes a territory covers, from the official geography (territory-owned, RLS). */
export const communes = pgTable(
  "communes",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    territoryId: integer("territory_id").notNull().references(() => territories.id, { onDelete: "cascade" }),
    insee: text("insee").notNull(),
    name: text("name").notNull(),
    population: integer("population"),
    postcodes: text("postcodes").array().notNull().default(sql`'{}'::text[]`),
    departement: text("departement").notNull(),
  },
  (t) => [uniqueIndex("communes_territory_insee").on(t.territoryId, t.insee)],
);

/** A named group of communes inside a territory, e.g. a former intercommunality it merged. */
export const communeGroups = pgTable(
  "commune_groups",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    territoryId: integer("territory_id").notNull().references(() => territories.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("commune_groups_territory_name").on(t.territoryId, t.name)],
);

export const communeGroupMembers = pgTable(
  "commune_group_members",
  {
    territoryId: integer("territory_id").notNull().references(() => territories.id, { onDelete: "cascade" }),
    groupId: integer("group_id").notNull().references(() => communeGroups.id, { onDelete: "cascade" }),
    communeId: integer("commune_id").notNull().references(() => communes.id, { onDelete: "cascade" }),
  },
  (t) => [uniqueIndex("commune_group_members_pk").on(t.groupId, t.communeId)],
);

/** A person who can sign in. Instance-level: a person may belong to several territories. */
export const users = pgTable(
  "users",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    email: text("email").notNull().unique(),
    displayName: text("display_name").notNull().default(""),
    isOperator: boolean("is_operator").notNull().default(false),
    isFacilitator: boolean("is_facilitator").notNull().default(false),
    demo: boolean("demo").notNull().default(false),
    createdAt: createdAt(),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    /** The OpenID provider identity (issuer and `sub`) bound to the account at its first sign-in through it. */
    oidcIssuer: text("oidc_issuer"),
    oidcSubject: text("oidc_subject"),
  },
  (t) => [uniqueIndex("users_oidc_identity").on(t.oidcIssuer, t.oidcSubject)],
);

export const territoryRoles = ["admin", "coordinator", "mediator", "school_referent", "elected"] as const;
export type TerritoryRole = (typeof territoryRoles)[number];

/** A person's roles in one territory (territory-owned, RLS). */
export const memberships = pgTable(
  "memberships",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    territoryId: integer("territory_id").notNull().references(() => territories.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    roles: text("roles").array().$type<TerritoryRole[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("memberships_territory_user").on(t.territoryId, t.userId)],
);

/** Single-use sign-in and invitation links; only the SHA-256 of the token is kept. */
export const loginTokens = pgTable("login_tokens", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  tokenHash: text("token_hash").notNull().unique(),
  userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  purpose: text("purpose").$type<"sign-in" | "invitation" | "demo">().notNull(),
  /** Where to land after signing in (not an owner: login tokens are instance-level). */
  landingTerritoryId: integer("landing_territory_id").references(() => territories.id, { onDelete: "cascade" }),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: createdAt(),
});

/** Server-side sessions; the cookie carries a random id, the table its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    /** The ID token of a sign-in through OpenID Connect: sent back to the provider on sign-out (id_token_hint). */
    oidcIdToken: text("oidc_id_token"),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/** Who did what, when, on which record. Territory rows are visible to that territory only (RLS). */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    territoryId: integer("territory_id").references(() => territories.id, { onDelete: "cascade" }),
    actorUserId: integer("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    ip: text("ip"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_events_territory_at").on(t.territoryId, t.at)],
);

export const jobStatuses = ["pending", "running", "done", "failed"] as const;
export type JobStatus = (typeof jobStatuses)[number];

/** Persistent background jobs, claimed with FOR UPDATE SKIP LOCKED so several app instances can share them. */
export const jobs = pgTable(
  "jobs",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    name: text("name").notNull(),
    payload: jsonb("payload").$type<unknown>().notNull(),
    status: text("status").$type<JobStatus>().notNull().default("pending"),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    lockedBy: text("locked_by"),
    lockedAt: timestamp("locked_at", { withTimezone: true }),
    lastError: text("last_error"),
    dedupeKey: text("dedupe_key").unique(),
    createdAt: createdAt(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("jobs_due").on(t.status, t.runAt)],
);

export const mailStatuses = ["queued", "sent", "stored", "failed"] as const;
export type MailStatus = (typeof mailStatuses)[number];

/** Every message the platform sends (receipts); stored for reading when no SMTP server is configured. */
export const mails = pgTable(
  "mails",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    territoryId: integer("territory_id").references(() => territories.id, { onDelete: "set null" }),
    kind: text("kind").notNull(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body"),
    attachments: jsonb("attachments")
      .$type<{ filename: string; contentType: string; content: string }[]>()
      .notNull()
      .default([]),
    status: text("status").$type<MailStatus>().notNull().default("queued"),
    messageId: text("message_id"),
    error: text("error"),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("mails_created").on(t.createdAt)],
);

/** Instance settings (e.g. the secret that signs citizens' cancel links), created on first start. */
export const instanceSettings = pgTable("instance_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/**
 * Request counters of the rate limits, shared by every app instance (one row per route and client address or
 * IPv6 /64, for the current window). Instance-level; the web app's role reads and writes it.
 */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  hits: integer("hits").notNull(),
});
