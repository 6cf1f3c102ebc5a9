// The network between territories: members, working groups, experience sheets, motions and consultations.
// Row-level security (migration 0021): a territory writes only its own rows; what it shares is read by the other
// member territories, what it makes public by everyone; facilitators and partners act in a signed network context.
import { sql } from "drizzle-orm";
import {
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { territories, users } from "./platform.js";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** A territory that belongs to the instance's network (added by an operator or a facilitator). */
export const networkMembers = pgTable("network_members", {
  territoryId: integer("territory_id").primaryKey().references(() => territories.id, { onDelete: "cascade" }),
  joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
  /** The territory's profile from the official geography when it joined (never typed): population and main département. */
  population: integer("population"),
  departement: text("departement"),
});

/** Who votes for a territory in the network (territory-owned: its administrators name them). */
export const networkDelegates = pgTable(
  "network_delegates",
  {
    territoryId: integer("territory_id").notNull().references(() => territories.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.territoryId, t.userId] })],
);

/** A person of a partner institution (a ministry, a rectorat): reads what is adopted and answers it. */
export const networkPartners = pgTable("network_partners", {
  userId: integer("user_id").primaryKey().references(() => users.id, { onDelete: "cascade" }),
  institution: text("institution").notNull(),
  createdAt: createdAt(),
});

/** The controlled list of themes, with stable codes (facilitators edit labels and add themes). */
export const networkThemes = pgTable("network_themes", {
  code: text("code").primaryKey(),
  label: text("label").notNull(),
  position: integer("position").notNull().default(0),
  archived: boolean("archived").notNull().default(false),
});

export const workingGroups = pgTable("working_groups", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  name: text("name").notNull().unique(),
  description: text("description").notNull().default(""),
  createdAt: createdAt(),
});

export const workingGroupMembers = pgTable(
  "working_group_members",
  {
    groupId: integer("group_id").notNull().references(() => workingGroups.id, { onDelete: "cascade" }),
    territoryId: integer("territory_id").notNull().references(() => territories.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.territoryId] })],
);

export const workingGroupFacilitators = pgTable(
  "working_group_facilitators",
  {
    groupId: integer("group_id").notNull().references(() => workingGroups.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] })],
);

export const sheetFigureKeys = ["personnes_accompagnees", "ateliers", "lieux_publies", "ecoles", "harmonisation_ecoles"] as const;
export type SheetFigureKey = (typeof sheetFigureKeys)[number];
export type SheetFigure = { key: SheetFigureKey; value: number; asOf: string };

export const sheetVisibilities = ["brouillon", "reseau", "public"] as const;
export type SheetVisibility = (typeof sheetVisibilities)[number];

/** An experience sheet (fiche d'expérience) written by a territory. */
export const experienceSheets = pgTable(
  "experience_sheets",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    territoryId: integer("territory_id").notNull().references(() => territories.id, { onDelete: "cascade" }),
    authorUserId: integer("author_user_id").references(() => users.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    body: text("body").notNull().default(""),
    themes: text("themes").array().notNull().default(sql`'{}'::text[]`),
    audiences: text("audiences").notNull().default(""),
    budgetEuros: integer("budget_euros"),
    funding: text("funding").notNull().default(""),
    partners: text("partners").notNull().default(""),
    staff: text("staff").notNull().default(""),
    startedOn: date("started_on"),
    endedOn: date("ended_on"),
    year: integer("year").notNull(),
    results: text("results").notNull().default(""),
    lessons: text("lessons").notNull().default(""),
    /** Shown to member territories only, never on public pages or in the open data. */
    contact: text("contact").notNull().default(""),
    visibility: text("visibility").$type<SheetVisibility>().notNull().default("brouillon"),
    /** Cards of the author territory's own figures, chosen by the author and computed when the sheet is saved. */
    figures: jsonb("figures").$type<SheetFigure[]>().notNull().default([]),
    demo: boolean("demo").notNull().default(false),
    /** French full-text search (configuration maillage_fr: accents removed, French stems), weighted A–D. */
    search: tsvector("search").generatedAlwaysAs(
      sql`setweight(to_tsvector('maillage_fr', coalesce(title, '')), 'A') || setweight(to_tsvector('maillage_fr', coalesce(summary, '')), 'B') || setweight(to_tsvector('maillage_fr', coalesce(body, '') || ' ' || coalesce(results, '') || ' ' || coalesce(lessons, '')), 'C') || setweight(to_tsvector('maillage_fr', coalesce(partners, '') || ' ' || coalesce(audiences, '')), 'D')`,
    ),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    sharedAt: timestamp("shared_at", { withTimezone: true }),
  },
  (t) => [
    index("experience_sheets_search").using("gin", t.search),
    index("experience_sheets_territory").on(t.territoryId),
    index("experience_sheets_visibility").on(t.visibility, t.updatedAt),
  ],
);

/** A file attached to a sheet (PDF or image, type checked by content). */
export const sheetAttachments = pgTable("sheet_attachments", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  territoryId: integer("territory_id").notNull().references(() => territories.id, { onDelete: "cascade" }),
  sheetId: integer("sheet_id").notNull().references(() => experienceSheets.id, { onDelete: "cascade" }),
  filename: text("filename").notNull(),
  mediaType: text("media_type").notNull(),
  size: integer("size").notNull(),
  content: customType<{ data: Buffer }>({ dataType: () => "bytea" })("content").notNull(),
  createdAt: createdAt(),
});

/** A question (or an answer, with a parent) from a member territory about a sheet. */
export const sheetQuestions = pgTable(
  "sheet_questions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    sheetId: integer("sheet_id").notNull().references(() => experienceSheets.id, { onDelete: "cascade" }),
    /** The territory that writes the message (RLS owner). */
    territoryId: integer("territory_id").notNull().references(() => territories.id, { onDelete: "cascade" }),
    authorUserId: integer("author_user_id").references(() => users.id, { onDelete: "set null" }),
    parentId: integer("parent_id"),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sheet_questions_sheet").on(t.sheetId, t.createdAt)],
);

/** « Nous l'avons fait aussi »: one mark per territory and sheet. */
export const sheetMarks = pgTable(
  "sheet_marks",
  {
    sheetId: integer("sheet_id").notNull().references(() => experienceSheets.id, { onDelete: "cascade" }),
    territoryId: integer("territory_id").notNull().references(() => territories.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.sheetId, t.territoryId] })],
);

export const motionPhases = ["contributions", "redaction", "amendements", "vote", "adoptee", "remise", "suivi"] as const;
export type MotionPhase = (typeof motionPhases)[number];

/** A motion process (one per year or topic), moved from phase to phase by a facilitator. */
export const motions = pgTable("motions", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  title: text("title").notNull(),
  year: integer("year").notNull(),
  description: text("description").notNull().default(""),
  phase: text("phase").$type<MotionPhase>().notNull().default("contributions"),
  /** Each phase's deadline (Paris date), e.g. { "amendements": "2027-05-31" }. */
  deadlines: jsonb("deadlines").$type<Partial<Record<MotionPhase, string>>>().notNull().default({}),
  /** Share of member territories that must vote for a result to count (0–1). */
  quorum: doublePrecision("quorum").notNull().default(0.5),
  /** Share of expressed votes (for + against) needed to adopt (0–1, strictly more than). */
  majority: doublePrecision("majority").notNull().default(0.5),
  demo: boolean("demo").notNull().default(false),
  createdAt: createdAt(),
});

/** A contribution of a member territory to a motion's first phase. */
export const motionContributions = pgTable(
  "motion_contributions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    motionId: integer("motion_id").notNull().references(() => motions.id, { onDelete: "cascade" }),
    territoryId: integer("territory_id").notNull().references(() => territories.id, { onDelete: "cascade" }),
    authorUserId: integer("author_user_id").references(() => users.id, { onDelete: "set null" }),
    theme: text("theme").notNull(),
    body: text("body").notNull(),
    /** Facilitators' tags, to group contributions while drafting. */
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
  },
  (t) => [index("motion_contributions_motion").on(t.motionId)],
);

export const sectionKinds = ["preambule", "question", "proposition"] as const;
export type SectionKind = (typeof sectionKinds)[number];

/** A section of a motion's text: its preamble, a question, or a numbered proposal under a question. */
export const motionSections = pgTable(
  "motion_sections",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    motionId: integer("motion_id").notNull().references(() => motions.id, { onDelete: "cascade" }),
    kind: text("kind").$type<SectionKind>().notNull(),
    position: integer("position").notNull(),
    title: text("title").notNull().default(""),
    body: text("body").notNull(),
    /** The contributions a proposal synthesises. */
    contributionIds: integer("contribution_ids").array().notNull().default(sql`'{}'::integer[]`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("motion_sections_motion").on(t.motionId, t.position)],
);

export const amendmentKinds = ["remplacer", "ajouter", "supprimer"] as const;
export type AmendmentKind = (typeof amendmentKinds)[number];
export const amendmentStates = ["brouillon", "depose", "accepte", "rejete", "retire", "fusionne"] as const;
export type AmendmentState = (typeof amendmentStates)[number];

/** An amendment of a member territory to a section, during the amendment phase. */
export const motionAmendments = pgTable(
  "motion_amendments",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    motionId: integer("motion_id").notNull().references(() => motions.id, { onDelete: "cascade" }),
    sectionId: integer("section_id").notNull().references(() => motionSections.id, { onDelete: "cascade" }),
    territoryId: integer("territory_id").notNull().references(() => territories.id, { onDelete: "cascade" }),
    authorUserId: integer("author_user_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind").$type<AmendmentKind>().notNull(),
    /** The section's text when the amendment was written (what the diff compares with). */
    original: text("original").notNull(),
    proposed: text("proposed").notNull().default(""),
    justification: text("justification").notNull(),
    state: text("state").$type<AmendmentState>().notNull().default("brouillon"),
    /** Why a facilitator rejected or merged it. */
    reason: text("reason").notNull().default(""),
    createdAt: createdAt(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [index("motion_amendments_motion").on(t.motionId, t.sectionId)],
);

export const voteChoices = ["pour", "contre", "abstention"] as const;
export type VoteChoice = (typeof voteChoices)[number];

/**
 * A member territory's vote on a proposal (section_id) or on the whole text (section_id null), cast by one of its
 * delegates, changeable until the vote closes. One per territory: the unique constraint treats nulls as equal.
 */
export const motionVotes = pgTable(
  "motion_votes",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    motionId: integer("motion_id").notNull().references(() => motions.id, { onDelete: "cascade" }),
    sectionId: integer("section_id").references(() => motionSections.id, { onDelete: "cascade" }),
    territoryId: integer("territory_id").notNull().references(() => territories.id, { onDelete: "cascade" }),
    delegateUserId: integer("delegate_user_id").references(() => users.id, { onDelete: "set null" }),
    choice: text("choice").$type<VoteChoice>().notNull(),
    castAt: timestamp("cast_at", { withTimezone: true }).notNull(),
  },
  (t) => [unique("motion_votes_one_per_territory").on(t.motionId, t.sectionId, t.territoryId).nullsNotDistinct()],
);

/** A frozen, numbered version of a motion's text: never changed (a trigger refuses updates and deletes). */
export const motionVersions = pgTable(
  "motion_versions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    motionId: integer("motion_id").notNull().references(() => motions.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    /** The sections as adopted, with their vote results. */
    content: jsonb("content").$type<FrozenMotion>().notNull(),
    /** SHA-256 of the canonical JSON of `content`. */
    contentHash: text("content_hash").notNull(),
    signatories: text("signatories").array().notNull(),
    adoptedAt: timestamp("adopted_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("motion_versions_number").on(t.motionId, t.number)],
);

export type FrozenSection = { id: number; kind: SectionKind; number: string; title: string; body: string; contributions: number; result?: { pour: number; contre: number; abstention: number; adopted: boolean } };
export type FrozenMotion = { title: string; year: number; sections: FrozenSection[]; contributions: number };

/** The adopted text handed over (to whom, when). */
export const motionDeliveries = pgTable("motion_deliveries", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  motionId: integer("motion_id").notNull().references(() => motions.id, { onDelete: "cascade" }),
  versionId: integer("version_id").notNull().references(() => motionVersions.id),
  recipient: text("recipient").notNull(),
  deliveredOn: date("delivered_on").notNull(),
  note: text("note").notNull().default(""),
  createdAt: createdAt(),
});

export const followUpStatuses = ["sans_reponse", "reponse_recue", "engagement", "mis_en_oeuvre", "refuse"] as const;
export type FollowUpStatus = (typeof followUpStatuses)[number];

/** An answer obtained on an adopted proposal, recorded by a facilitator or posted by a partner. */
export const motionAnswers = pgTable(
  "motion_answers",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    motionId: integer("motion_id").notNull().references(() => motions.id, { onDelete: "cascade" }),
    sectionId: integer("section_id").notNull().references(() => motionSections.id, { onDelete: "cascade" }),
    answeredOn: date("answered_on").notNull(),
    institution: text("institution").notNull(),
    summary: text("summary").notNull(),
    status: text("status").$type<FollowUpStatus>().notNull(),
    authorUserId: integer("author_user_id").references(() => users.id, { onDelete: "set null" }),
    /** The answer's letter or note (PDF or image, checked by content), when one came with it. */
    attachmentFilename: text("attachment_filename"),
    attachmentType: text("attachment_type"),
    attachment: customType<{ data: Buffer }>({ dataType: () => "bytea" })("attachment"),
    createdAt: createdAt(),
  },
  (t) => [index("motion_answers_section").on(t.sectionId, t.answeredOn)],
);

/** Questions from an outside body to the member territories (e.g. the ministry on its strategy). */
export const consultations = pgTable("consultations", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  title: text("title").notNull(),
  body: text("body").notNull().default(""),
  askedBy: text("asked_by").notNull(),
  closesOn: date("closes_on").notNull(),
  published: boolean("published").notNull().default(false),
  demo: boolean("demo").notNull().default(false),
  createdAt: createdAt(),
});

export const consultationQuestions = pgTable("consultation_questions", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  consultationId: integer("consultation_id").notNull().references(() => consultations.id, { onDelete: "cascade" }),
  position: integer("position").notNull(),
  text: text("text").notNull(),
});

/** One answer per member territory and question, editable until the consultation closes. */
export const consultationAnswers = pgTable(
  "consultation_answers",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    questionId: integer("question_id").notNull().references(() => consultationQuestions.id, { onDelete: "cascade" }),
    territoryId: integer("territory_id").notNull().references(() => territories.id, { onDelete: "cascade" }),
    authorUserId: integer("author_user_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("consultation_answers_one_per_territory").on(t.questionId, t.territoryId)],
);
