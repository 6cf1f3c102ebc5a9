// Reads for statistics: the facts of a period, and the public share links.
import { and, desc, eq, gte, isNull, lt, type SQL } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.js";
import { territoryOfCapability, withTenant } from "../../db/tenant.js";
import { activities, appointments, shareLinks, territories } from "../../db/schema/index.js";
import { addDays, parisDateOf, parisToInstant } from "../../lib/paris-time.js";
import { activityConditions, type ActivityFilters } from "./activity.queries.js";
import type { StatisticsInput } from "./domain/statistics.js";

/** The facts statistics are computed from: records and appointments of the period, filtered alike. */
export async function loadStatisticsInput(db: Executor, { territoryId, filters }: { territoryId: number; filters: ActivityFilters }): Promise<StatisticsInput> {
  const activityRows = await db
    .select({
      day: activities.day,
      kind: activities.kind,
      durationMinutes: activities.durationMinutes,
      thematiques: activities.thematiques,
      sousThematiques: activities.sousThematiques,
      autonomie: activities.autonomie,
      communeInsee: activities.communeInsee,
      firstVisit: activities.firstVisit,
      placeId: activities.placeId,
      mediatorId: activities.mediatorId,
      participants: activities.participants,
    })
    .from(activities)
    .where(and(...activityConditions(territoryId, filters)));
  // Appointment days are Europe/Paris days: the period is turned into UTC instants so the index is used.
  const conditions: SQL[] = [
    eq(appointments.territoryId, territoryId),
    gte(appointments.startsAt, new Date(parisToInstant(filters.from, "00:00"))),
    lt(appointments.startsAt, new Date(parisToInstant(addDays(filters.to, 1), "00:00"))),
  ];
  if (filters.placeId != null) conditions.push(eq(appointments.placeId, filters.placeId));
  if (filters.mediatorId != null) conditions.push(eq(appointments.mediatorId, filters.mediatorId));
  if (filters.communeInsee != null) conditions.push(eq(appointments.communeInsee, filters.communeInsee));
  const appointmentRows = await db
    .select({
      startsAt: appointments.startsAt,
      status: appointments.status,
      placeId: appointments.placeId,
      mediatorId: appointments.mediatorId,
      communeInsee: appointments.communeInsee,
    })
    .from(appointments)
    .where(and(...conditions));
  return {
    activities: activityRows.map(({ participants, ...a }) => ({ ...a, participantsTotal: a.kind === "collectif" ? Number(participants.total ?? 0) : 0 })),
    appointments: appointmentRows.map(({ startsAt, ...a }) => ({ ...a, day: parisDateOf(startsAt.getTime()) })),
  };
}

export type ShareLinkRow = { id: number; label: string; filters: Record<string, string>; createdAt: Date; revokedAt: Date | null };

/** The territory's share links, newest first. */
export async function listShareLinks(db: Executor, { territoryId }: { territoryId: number }): Promise<ShareLinkRow[]> {
  return db
    .select({ id: shareLinks.id, label: shareLinks.label, filters: shareLinks.filters, createdAt: shareLinks.createdAt, revokedAt: shareLinks.revokedAt })
    .from(shareLinks)
    .where(and(eq(shareLinks.territoryId, territoryId), eq(shareLinks.kind, "statistiques")))
    .orderBy(desc(shareLinks.createdAt), desc(shareLinks.id));
}

export type ResolvedShareLink = { id: number; territoryId: number; territoryName: string; territoryDemo: boolean; label: string; filters: Record<string, string> };

/**
 * A live share link by the hash of its token: its territory comes from maillage_territory_of (no territory is known
 * yet, and the web app's role reads none without one), then the link is read under that territory's security.
 */
export async function resolveShareLink(db: Db, { tokenHash }: { tokenHash: string }): Promise<ResolvedShareLink | null> {
  const territoryId = await territoryOfCapability(db, "share_link", tokenHash);
  if (territoryId === undefined) return null;
  const [row] = await withTenant(db, territoryId, (tx) =>
    tx
    .select({
      id: shareLinks.id,
      territoryId: shareLinks.territoryId,
      territoryName: territories.name,
      territoryDemo: territories.demo,
      label: shareLinks.label,
      filters: shareLinks.filters,
    })
    .from(shareLinks)
    .innerJoin(territories, eq(territories.id, shareLinks.territoryId))
    .where(and(eq(shareLinks.territoryId, territoryId), eq(shareLinks.tokenHash, tokenHash), eq(shareLinks.kind, "statistiques"), isNull(shareLinks.revokedAt))),
  );
  return row ?? null;
}
