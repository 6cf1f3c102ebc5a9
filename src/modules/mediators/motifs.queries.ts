// Reads the territory's motifs (appointment types) and its accompaniment settings.
import { and, asc, desc, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { inclusionSettings, motifs } from "../../db/schema/index.js";
import { settingsDefaults, type SettingsInput } from "./domain/mediator-form.js";

const motifColumns = {
  id: motifs.id,
  name: motifs.name,
  service: motifs.service,
  description: motifs.description,
  durationMinutes: motifs.durationMinutes,
  minNoticeMinutes: motifs.minNoticeMinutes,
  horizonDays: motifs.horizonDays,
  bookableBy: motifs.bookableBy,
  cancelUntilMinutes: motifs.cancelUntilMinutes,
  changeUntilMinutes: motifs.changeUntilMinutes,
  whatToBring: motifs.whatToBring,
  placeKind: motifs.placeKind,
  placeIds: motifs.placeIds,
  active: motifs.active,
};

export type MotifDetails = { [K in keyof typeof motifColumns]: (typeof motifColumns)[K]["_"]["data"] };

/** The territory's motifs, active ones first, then by name. */
export async function listMotifs(db: Executor, { territoryId }: { territoryId: number }): Promise<MotifDetails[]> {
  return db.select(motifColumns).from(motifs).where(eq(motifs.territoryId, territoryId)).orderBy(desc(motifs.active), asc(motifs.name), asc(motifs.id));
}

/** One motif of the territory, or undefined. */
export async function getMotifDetails(db: Executor, { territoryId, motifId }: { territoryId: number; motifId: number }): Promise<MotifDetails | undefined> {
  const [row] = await db.select(motifColumns).from(motifs).where(and(eq(motifs.territoryId, territoryId), eq(motifs.id, motifId)));
  return row;
}

/** The territory's retention and reminder settings, or the defaults when never saved. */
export async function getInclusionSettings(db: Executor, { territoryId }: { territoryId: number }): Promise<SettingsInput> {
  const [row] = await db
    .select({ contactRetentionDays: inclusionSettings.contactRetentionDays, reminderHours: inclusionSettings.reminderHours, smsEnabled: inclusionSettings.smsEnabled })
    .from(inclusionSettings)
    .where(eq(inclusionSettings.territoryId, territoryId));
  return row ?? settingsDefaults;
}
