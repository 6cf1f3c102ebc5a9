// When the mediators of the public schedules are busy over the next weeks, held in each app process's memory
// (decision 0056) so that a result page computes its next free slots without a round trip. Each territory's busy
// times have a version (migration 0027: statement triggers on appointments and absences bump it inside the writing
// transaction); a process looks at the versions as it does for the places (after a change signal, when the last
// look is older than `checkEveryMs`, always with 0) and reads again only the territories whose version moved. The
// whole is read again when the schedules were (their mediators may have changed) and when the day changes.
import { sql } from "drizzle-orm";
import { queryPreparedArrays, type Database, type Executor } from "../../db/client.js";
import { withPublic, withPublicSnapshot } from "../../db/tenant.js";
import { addDays, type LocalDate } from "../../lib/paris-time.js";
import { pushTo } from "../../lib/collections.js";
import { ACTIVE_STATUSES, busyWindow } from "../booking/booking.queries.js";
import type { MediatorBusy } from "../booking/domain/slots.js";
import type { ScheduleIndex } from "./domain/schedule-index.js";
import { createKeeper, type Keeper } from "./versioned-keeper.js";

type PublicDatabase = Pick<Database, "db" | "publicDb">;

export type BusyIndex = {
  /** The schedules whose mediators these are. */
  schedules: ScheduleIndex;
  /** Paris dates whose slots these busy times answer for, inclusive. */
  from: LocalDate;
  to: LocalDate;
  versions: ReadonlyMap<number, string>;
  /** Per territory, per mediator, the busy ranges (absences and active appointments). */
  byTerritory: ReadonlyMap<number, ReadonlyMap<string, MediatorBusy[]>>;
};

export type BusyKeeper = Keeper<BusyIndex, ScheduleIndex>;

async function versionsOn(db: Executor): Promise<Map<number, string>> {
  return new Map(await queryPreparedArrays<[number, string]>(db, sql`select territory_id, version::text from maillage_finder_busy_versions()`));
}

/**
 * The busy ranges of the territories (all when null) around [from, to], grouped, with the territories' versions
 * read on the same snapshot (they agree whichever server answers).
 */
async function readBusy(
  database: PublicDatabase,
  territories: number[] | null,
  from: LocalDate,
  to: LocalDate,
): Promise<{ versions: Map<number, string>; busy: Map<number, Map<string, MediatorBusy[]>> }> {
  const { windowStart, windowEnd, earliestStart } = busyWindow(from, to);
  const { versions, rows } = await withPublicSnapshot(database, async (db) => ({
    versions: await versionsOn(db),
    rows: await queryPreparedArrays<[number, number, number, number]>(
      db,
      sql`select * from maillage_public_busy_of(${territories === null ? null : sql.param(territories)}::int[], ${windowStart}::timestamptz, ${windowEnd}::timestamptz,
            ${earliestStart}::timestamptz, ${sql.param([...ACTIVE_STATUSES])}::text[])`,
    ),
  }));
  const grouped = new Map<number, Map<string, MediatorBusy[]>>();
  for (const territory of territories ?? []) grouped.set(territory, new Map());
  for (const [territoryId, mediator, start, end] of rows) {
    let byMediator = grouped.get(territoryId);
    if (!byMediator) grouped.set(territoryId, (byMediator = new Map()));
    pushTo(byMediator, String(mediator), { mediatorId: String(mediator), start: Number(start), end: Number(end) });
  }
  return { versions, busy: grouped };
}

/**
 * Keeps the busy times for slots over `days` days from `today` (the app's Paris date), for the schedules given
 * (versioned-keeper.ts: when versions are looked at, and concurrent uses).
 */
export function createBusyKeeper(
  database: PublicDatabase,
  { checkEveryMs, today, days, nowMs }: { checkEveryMs: number; today: () => LocalDate; days: number; nowMs?: () => number },
): BusyKeeper {
  return createKeeper<BusyIndex, ScheduleIndex>({
    fits: (index, schedules) => index.schedules === schedules && index.from === today(),
    checkEveryMs,
    ...(nowMs ? { nowMs } : {}),
    refresh: async (previous, schedules) => {
      const from = today();
      const to = addDays(from, days - 1);
      if (!previous) {
        const read = await readBusy(database, null, from, to);
        return { schedules, from, to, versions: read.versions, byTerritory: read.busy };
      }
      const current = await withPublic(database, versionsOn);
      const territories = new Set([...current.keys(), ...previous.versions.keys()]);
      const moved = [...territories].filter((t) => (current.get(t) ?? "0") !== (previous.versions.get(t) ?? "0"));
      if (moved.length === 0) return previous;
      // Only the territories that moved are read again, each with the version it was read at.
      const read = await readBusy(database, moved, from, to);
      const versions = new Map(previous.versions);
      const byTerritory = new Map(previous.byTerritory);
      for (const territory of moved) {
        versions.set(territory, read.versions.get(territory) ?? "0");
        byTerritory.set(territory, read.busy.get(territory) ?? new Map());
      }
      return { schedules, from, to, versions, byTerritory };
    },
  });
}

/** A mediator's busy ranges held for a territory. */
export function heldBusy(index: BusyIndex, territoryId: number, mediatorId: string): readonly MediatorBusy[] {
  return index.byTerritory.get(territoryId)?.get(mediatorId) ?? [];
}
