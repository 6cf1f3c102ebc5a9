// Writes places: bulk upsert by the standard's id (imports), one place saved from the form, publication.
import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Db, type Executor } from "../../db/client.js";
import { places } from "../../db/schema/index.js";
import { withTenant } from "../../db/tenant.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";
import type { LieuRecord } from "./import-export/lieu-record.js";

/** Rows per INSERT … ON CONFLICT statement: 500 × 15 parameters stays far below PostgreSQL's 65,535. */
export const UPSERT_BATCH_SIZE = 500;

export type UpsertResult = { imported: number; created: number; updated: number; unchanged: number };

/** The search and filter columns copied from a record (the record itself stays whole in `record`). */
export function searchColumns(record: LieuRecord) {
  return {
    standardId: record.id,
    nom: record.nom,
    commune: record.commune,
    codePostal: record.code_postal,
    codeInsee: record.code_insee ?? null,
    latitude: record.latitude ?? null,
    longitude: record.longitude ?? null,
    services: record.services,
    priseEnChargeSpecifique: record.prise_en_charge_specifique ?? [],
    fraisACharge: record.frais_a_charge ?? [],
    horaires: record.horaires ?? null,
    record,
  };
}

// Text arrays of the search columns, read from the record inside PostgreSQL.
const textArray = (key: string) => sql.raw(`coalesce(array(select jsonb_array_elements_text(r -> '${key}')), '{}')`);

/**
 * Upserts one batch in the caller's transaction; a row whose record did not change is left untouched. The
 * batch travels as one JSON parameter and the search columns are read from it in SQL (the same copies as
 * `searchColumns`): building a 500-row statement with 7,000 parameters cost more than the database's work.
 */
async function upsertBatch(tx: Executor, territoryId: number, records: readonly LieuRecord[], demo: boolean, at: Date): Promise<{ created: boolean }[]> {
  return queryRows<{ created: boolean }>(
    tx,
    sql`insert into places (territory_id, standard_id, nom, commune, code_postal, code_insee, latitude, longitude,
          services, prise_en_charge_specifique, frais_a_charge, horaires, record, demo, created_at, updated_at)
        select ${territoryId}, r ->> 'id', r ->> 'nom', r ->> 'commune', r ->> 'code_postal', r ->> 'code_insee',
          (r ->> 'latitude')::float8, (r ->> 'longitude')::float8, ${textArray("services")},
          ${textArray("prise_en_charge_specifique")}, ${textArray("frais_a_charge")}, r ->> 'horaires', r, ${demo}, ${at}::timestamptz, ${at}::timestamptz
        from jsonb_array_elements(${JSON.stringify(records)}::jsonb) as r
        on conflict (territory_id, standard_id) do update set
          nom = excluded.nom, commune = excluded.commune, code_postal = excluded.code_postal, code_insee = excluded.code_insee,
          latitude = excluded.latitude, longitude = excluded.longitude, services = excluded.services,
          prise_en_charge_specifique = excluded.prise_en_charge_specifique, frais_a_charge = excluded.frais_a_charge,
          horaires = excluded.horaires, record = excluded.record, updated_at = excluded.updated_at
        -- An unchanged row keeps its updated_at, so re-importing a file does not invalidate the API's ETag.
        where places.record is distinct from excluded.record
        returning (xmax = 0) as created`,
  );
}

/** Batches written at the same time: PostgreSQL works on one while the next is sent (PGlite takes them in turn). */
const CONCURRENT_BATCHES = 2;

/**
 * Inserts or updates places by their standard `id` within the territory. Each batch of 500 runs in its own
 * transaction under row-level security, so progress is visible and PGlite's single connection keeps serving
 * requests between batches; the records are validated beforehand, and re-running the same import is harmless.
 * Ids must be unique in `records` (the file readers reject duplicates), so concurrent batches never collide.
 */
export async function upsertPlaces(
  db: Db,
  props: { territoryId: number; records: readonly LieuRecord[]; actor: AuditActor; demo?: boolean; filename?: string; onProgress?: (written: number) => void | Promise<void> },
): Promise<UpsertResult> {
  const { territoryId, records, actor } = props;
  const result: UpsertResult = { imported: records.length, created: 0, updated: 0, unchanged: 0 };
  let next = 0;
  let written = 0;
  const writer = async () => {
    while (next < records.length) {
      const batch = records.slice(next, next + UPSERT_BATCH_SIZE);
      next += batch.length;
      const rows = await withTenant(db, territoryId, (tx) => upsertBatch(tx, territoryId, batch, props.demo ?? false, actor.at));
      const created = rows.filter((row) => row.created).length;
      result.created += created;
      result.updated += rows.length - created;
      written += batch.length;
      await props.onProgress?.(written);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_BATCHES }, writer));
  result.unchanged = result.imported - result.created - result.updated;
  await withTenant(db, territoryId, (tx) =>
    recordAudit(tx, { territoryId, actor, action: "places.import", entityType: "place", details: { ...result, ...(props.filename ? { filename: props.filename } : {}) } }),
  );
  return result;
}

export type SavePlaceResult = { ok: true; placeId: number } | { ok: false; reason: "duplicate-id" | "not-found" };

/** Creates a place (no `placeId`) or replaces the record of an existing one, from the back-office form. */
export async function savePlace(
  db: Executor,
  props: { territoryId: number; placeId?: number; record: LieuRecord; published: boolean; actor: AuditActor },
): Promise<SavePlaceResult> {
  const { territoryId, placeId, record, published, actor } = props;
  const [clash] = await db
    .select({ id: places.id })
    .from(places)
    .where(and(eq(places.territoryId, territoryId), eq(places.standardId, record.id)));
  if (clash && clash.id !== placeId) return { ok: false, reason: "duplicate-id" };
  let id: number | undefined;
  if (placeId === undefined) {
    const [row] = await db.insert(places).values({ territoryId, published, ...searchColumns(record), createdAt: actor.at, updatedAt: actor.at }).returning({ id: places.id });
    id = row?.id;
  } else {
    const [row] = await db
      .update(places)
      .set({ ...searchColumns(record), published, updatedAt: actor.at })
      .where(and(eq(places.territoryId, territoryId), eq(places.id, placeId)))
      .returning({ id: places.id });
    id = row?.id;
  }
  if (id === undefined) return { ok: false, reason: "not-found" };
  const action = placeId === undefined ? "place.create" : "place.update";
  await recordAudit(db, { territoryId, actor, action, entityType: "place", entityId: id, details: { standardId: record.id, nom: record.nom } });
  return { ok: true, placeId: id };
}

/** Publishes a place (finder and open API) or withdraws it; false when the place is not in the territory. */
export async function setPublished(
  db: Executor,
  props: { territoryId: number; placeId: number; published: boolean; actor: AuditActor },
): Promise<boolean> {
  const { territoryId, placeId, published, actor } = props;
  const rows = await db
    .update(places)
    .set({ published, updatedAt: actor.at })
    .where(and(eq(places.territoryId, territoryId), eq(places.id, placeId)))
    .returning({ id: places.id });
  if (rows.length === 0) return false;
  await recordAudit(db, { territoryId, actor, action: published ? "place.publish" : "place.unpublish", entityType: "place", entityId: placeId });
  return true;
}
