// Reads a territory's schools settings: the reference set in force (and its versions) and the lifetimes per category.
import { and, desc, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { schoolSettings, socleVersions, users } from "../../db/schema/index.js";
import { DEFAULT_LIFETIME_YEARS, EQUIPMENT_CATEGORIES, type LifetimeTable } from "./domain/categories.js";
import { DEFAULT_SOCLE, type Socle } from "./domain/socle.js";

export type CurrentSocle = { socle: Socle; versionId: number | null; createdAt: Date | null; createdBy: string | null };

/** The reference set in force: the territory's latest version, else the default. */
export async function currentSocle(db: Executor, { territoryId }: { territoryId: number }): Promise<CurrentSocle> {
  const [row] = await db
    .select({ id: socleVersions.id, socle: socleVersions.socle, createdAt: socleVersions.createdAt, email: users.email })
    .from(socleVersions)
    .leftJoin(users, eq(users.id, socleVersions.createdBy))
    .where(eq(socleVersions.territoryId, territoryId))
    .orderBy(desc(socleVersions.id))
    .limit(1);
  if (!row) return { socle: DEFAULT_SOCLE, versionId: null, createdAt: null, createdBy: null };
  return { socle: row.socle, versionId: row.id, createdAt: row.createdAt, createdBy: row.email };
}

export type SocleVersionRow = { id: number; version: string; label: string; elements: number; createdAt: Date; createdBy: string | null };

/** Every saved version of the territory's reference set, newest first. */
export async function listSocleVersions(db: Executor, { territoryId }: { territoryId: number }): Promise<SocleVersionRow[]> {
  const rows = await db
    .select({ id: socleVersions.id, socle: socleVersions.socle, createdAt: socleVersions.createdAt, email: users.email })
    .from(socleVersions)
    .leftJoin(users, eq(users.id, socleVersions.createdBy))
    .where(and(eq(socleVersions.territoryId, territoryId)))
    .orderBy(desc(socleVersions.id));
  return rows.map((r) => ({ id: r.id, version: r.socle.version, label: r.socle.label, elements: r.socle.elements.length, createdAt: r.createdAt, createdBy: r.email }));
}

/** Lifetimes per category: the territory's own values over the defaults. */
export async function getLifetimes(db: Executor, { territoryId }: { territoryId: number }): Promise<LifetimeTable> {
  const [row] = await db.select({ lifetimes: schoolSettings.lifetimes }).from(schoolSettings).where(eq(schoolSettings.territoryId, territoryId));
  const table = { ...DEFAULT_LIFETIME_YEARS };
  for (const category of EQUIPMENT_CATEGORIES) {
    const years = row?.lifetimes[category];
    if (typeof years === "number" && Number.isInteger(years) && years > 0) table[category] = years;
  }
  return table;
}
