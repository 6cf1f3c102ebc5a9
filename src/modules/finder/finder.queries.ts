// Public reads of the finder. Callers run them under withTenant(db, null, …): row-level security shows only
// published places, and every query also says `published` so that indexes on published places can serve it.
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/client.js";
import type { LieuRecord } from "../places/import-export/lieu-record.js";
import type { SearchArea } from "./domain/commune-match.js";
import type { Position } from "./domain/distance.js";
import { departementPrefix } from "./domain/ranking.js";

export type PlaceRow = {
  id: number;
  territoryId: number;
  nom: string;
  codeInsee: string | null;
  codePostal: string;
  latitude: number | null;
  longitude: number | null;
  horaires: string | null;
};

export type PlaceFilters = { besoins: readonly string[]; accompagnements: readonly string[]; gratuit: boolean };

const textArray = (values: readonly string[]) => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;

function filterConditions(filters: PlaceFilters): SQL[] {
  const conditions: SQL[] = [sql`p.published`];
  if (filters.besoins.length > 0) conditions.push(sql`p.services @> ${textArray(filters.besoins)}`);
  if (filters.accompagnements.length > 0) conditions.push(sql`p.prise_en_charge_specifique @> ${textArray(filters.accompagnements)}`);
  if (filters.gratuit) conditions.push(sql`'Gratuit' = any(p.frais_a_charge)`);
  return conditions;
}

const ROW_COLUMNS = sql`p.id, p.territory_id, p.nom, p.code_insee, p.code_postal, p.latitude, p.longitude, p.horaires`;

type RawRow = { id: number; territory_id: number; nom: string; code_insee: string | null; code_postal: string; latitude: number | null; longitude: number | null; horaires: string | null };

const toRow = (r: RawRow): PlaceRow => ({
  id: r.id,
  territoryId: r.territory_id,
  nom: r.nom,
  codeInsee: r.code_insee,
  codePostal: r.code_postal,
  latitude: r.latitude === null ? null : Number(r.latitude),
  longitude: r.longitude === null ? null : Number(r.longitude),
  horaires: r.horaires,
});

/**
 * Keep this expression identical to the index the finder asks for (see docs): a plane where one degree of
 * longitude is shrunk to its length at 46.4° N, the middle of metropolitan France, so that the database's
 * nearest-neighbour order is close to the true one; callers re-rank the rows by great-circle distance.
 */
const PLANE_POINT = sql.raw("point(p.longitude * 0.69, p.latitude)");

/** The published places matching the filters nearest to a position (approximate order, see PLANE_POINT), at most `limit`. */
export async function nearestPublishedPlaces(db: Executor, { position, filters, limit }: { position: Position; filters: PlaceFilters; limit: number }): Promise<PlaceRow[]> {
  const target = sql`point(${position.longitude * 0.69}::float8, ${position.latitude}::float8)`;
  const rows = await queryRows<RawRow>(
    db,
    sql`select ${ROW_COLUMNS} from places p
        where ${sql.join(filterConditions(filters), sql` and `)} and p.latitude is not null and p.longitude is not null
        order by ${PLANE_POINT} <-> ${target} limit ${limit}`,
  );
  return rows.map(toRow);
}

/**
 * The published places matching the filters in the area (its communes, its postcodes) and, with
 * `wholeDepartement`, in its département (postcodes starting like it), at most `limit`, by name.
 */
export async function publishedPlacesOfArea(db: Executor, { area, filters, limit, wholeDepartement }: { area: SearchArea; filters: PlaceFilters; limit: number; wholeDepartement: boolean }): Promise<PlaceRow[]> {
  const where: SQL[] = [];
  if (area.insee.length > 0) where.push(sql`p.code_insee = any(${textArray(area.insee)})`);
  if (area.postcodes.length > 0) where.push(sql`p.code_postal = any(${textArray(area.postcodes)})`);
  if (wholeDepartement && area.departement) {
    // A range on the indexed postcode: digit strings of equal length sort the same in every collation.
    const prefix = departementPrefix(area.departement);
    where.push(sql`(p.code_postal >= ${prefix.padEnd(5, "0")} and p.code_postal <= ${prefix.padEnd(5, "9")})`);
  }
  if (where.length === 0) return [];
  const rows = await queryRows<RawRow>(
    db,
    sql`select ${ROW_COLUMNS} from places p
        where ${sql.join(filterConditions(filters), sql` and `)} and (${sql.join(where, sql` or `)})
        order by p.nom, p.id limit ${limit}`,
  );
  return rows.map(toRow);
}

/** The mean position of the published places of an area (its communes, or for a postcode its postcode too). */
export async function meanPositionOfArea(db: Executor, area: SearchArea, by: "area" | "postcode" = "area"): Promise<Position | undefined> {
  const inArea =
    by === "postcode"
      ? area.postcodes.length > 0 ? sql`p.code_postal = any(${textArray(area.postcodes)})` : sql`false`
      : area.kind === "postcode"
        ? sql`(p.code_postal = any(${textArray(area.postcodes)})${area.insee.length > 0 ? sql` or p.code_insee = any(${textArray(area.insee)})` : sql``})`
        : area.insee.length > 0 ? sql`p.code_insee = any(${textArray(area.insee)})` : sql`false`;
  const [row] = await queryRows<{ latitude: number | null; longitude: number | null }>(
    db,
    sql`select avg(p.latitude) as latitude, avg(p.longitude) as longitude from places p
        where p.published and p.latitude is not null and p.longitude is not null and ${inArea}`,
  );
  if (!row || row.latitude === null || row.longitude === null) return undefined;
  return { latitude: Number(row.latitude), longitude: Number(row.longitude) };
}

/** How many published places each of these communes has (for ordering the communes offered as choices). */
export async function placeCountsByInsee(db: Executor, insee: readonly string[]): Promise<Map<string, number>> {
  if (insee.length === 0) return new Map();
  const rows = await queryRows<{ code_insee: string; n: number }>(
    db,
    sql`select p.code_insee, count(*)::int as n from places p where p.published and p.code_insee = any(${textArray(insee)}) group by p.code_insee`,
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
  record: LieuRecord;
  updatedAt: Date;
};

/** Published places by id, with their standard record (result cards and the place page). */
export async function getPublishedPlaces(db: Executor, ids: readonly number[]): Promise<PublicPlace[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<{ id: number; territory_id: number; nom: string; commune: string; code_postal: string; latitude: number | null; longitude: number | null; horaires: string | null; record: LieuRecord | string; updated_at: Date | string }>(
    db,
    sql`select p.id, p.territory_id, p.nom, p.commune, p.code_postal, p.latitude, p.longitude, p.horaires, p.record, p.updated_at
        from places p where p.published and p.id = any(array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::int[])`,
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
    record: typeof r.record === "string" ? (JSON.parse(r.record) as LieuRecord) : r.record,
    updatedAt: new Date(r.updated_at),
  }));
}
