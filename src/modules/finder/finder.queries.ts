// Public reads of the finder besides its candidates (place-index.ts). Callers run them under withPublic:
// row-level security shows only published places, and every query also says `published` so that indexes on
// published places can serve it.
import { sql } from "drizzle-orm";
import { queryPrepared, queryRows, type Executor } from "../../db/client.js";
import type { LieuRecord } from "../places/import-export/lieu-record.js";

/** How many published places each of these communes has (for ordering the communes offered as choices). */
export async function placeCountsByInsee(db: Executor, insee: readonly string[]): Promise<Map<string, number>> {
  if (insee.length === 0) return new Map();
  const rows = await queryRows<{ code_insee: string; n: number }>(
    db,
    sql`select p.code_insee, count(*)::int as n from places p where p.published and p.code_insee = any(${sql.param([...insee])}::text[]) group by p.code_insee`,
  );
  return new Map(rows.map((r) => [r.code_insee, Number(r.n)]));
}

export type PublicPlace = {
  id: number;
  territoryId: number;
  nom: string;
  commune: string;
  codePostal: string;
  latitude: number | null;
  longitude: number | null;
  horaires: string | null;
  codeInsee: string | null;
  services: string[];
  record: LieuRecord;
  updatedAt: Date;
};

/** Published places by id, with their standard record (result cards and the place page). */
export async function getPublishedPlaces(db: Executor, ids: readonly number[]): Promise<PublicPlace[]> {
  if (ids.length === 0) return [];
  const rows = await queryPrepared<{ id: number; territory_id: number; nom: string; commune: string; code_postal: string; latitude: number | null; longitude: number | null; horaires: string | null; code_insee: string | null; services: string[]; record: LieuRecord | string; updated_at: Date | string }>(
    db,
    sql`select p.id, p.territory_id, p.nom, p.commune, p.code_postal, p.latitude, p.longitude, p.horaires, p.code_insee, p.services, p.record, p.updated_at
        from places p where p.published and p.id = any(${sql.param([...ids])}::int[])`,
  );
  return rows.map((r) => ({
    id: r.id,
    territoryId: r.territory_id,
    nom: r.nom,
    commune: r.commune,
    codePostal: r.code_postal,
    latitude: r.latitude === null ? null : Number(r.latitude),
    longitude: r.longitude === null ? null : Number(r.longitude),
    horaires: r.horaires,
    codeInsee: r.code_insee,
    services: r.services,
    record: typeof r.record === "string" ? (JSON.parse(r.record) as LieuRecord) : r.record,
    updatedAt: new Date(r.updated_at),
  }));
}
