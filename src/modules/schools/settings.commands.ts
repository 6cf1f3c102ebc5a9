// Writes a territory's schools settings: a new version of the reference set, the lifetimes per category.
import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { schoolSettings, socleVersions } from "../../db/schema/index.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";
import type { LifetimeTable } from "./domain/categories.js";
import { checkSocle, type Socle } from "./domain/socle.js";

export type SaveSocleResult = { ok: true; versionId: number } | { ok: false; problems: string[] };

/** Saves an edited reference set as a new version (it applies from now on); refuses an unsound one. */
export async function saveSocleVersion(
  db: Executor,
  { territoryId, socle, actor }: { territoryId: number; socle: Socle; actor: AuditActor },
): Promise<SaveSocleResult> {
  const problems = checkSocle(socle);
  if (problems.length > 0) return { ok: false, problems };
  const [row] = await db.insert(socleVersions).values({ territoryId, socle, createdBy: actor.userId }).returning({ id: socleVersions.id });
  await recordAudit(db, {
    territoryId,
    actor,
    action: "socle.save",
    entityType: "socle_version",
    entityId: row!.id,
    details: { version: socle.version, elements: socle.elements.map((e) => e.code) },
  });
  return { ok: true, versionId: row!.id };
}

/** Replaces the territory's lifetimes per category (whole years). */
export async function saveLifetimes(
  db: Executor,
  { territoryId, lifetimes, actor }: { territoryId: number; lifetimes: LifetimeTable; actor: AuditActor },
): Promise<void> {
  await db
    .insert(schoolSettings)
    .values({ territoryId, lifetimes: { ...lifetimes } })
    .onConflictDoUpdate({ target: schoolSettings.territoryId, set: { lifetimes: sql`excluded.lifetimes` } });
  await recordAudit(db, { territoryId, actor, action: "schools.lifetimes.save", entityType: "school_settings", entityId: territoryId, details: { ...lifetimes } });
}
