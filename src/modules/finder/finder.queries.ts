// Public reads of the finder. Callers run them under withTenant(db, null, …): row-level security shows only
// published places, and every query also says `published` so that indexes on published places can serve it.
import { sql, type SQL } from "drizzle-orm";
import { queryPrepared, queryPreparedArrays, queryRows, type Executor } from "../../db/client.js";
import type { LieuRecord } from "../places/import-export/lieu-record.js";
import type { SearchArea } from "./domain/commune-match.js";
import type { Position } from "./domain/distance.js";
import { departementPrefix } from "./domain/ranking.js";

/** A candidate result: what ranking, the "open now" filter and its card need. */
export type PlaceRow = CardDetails & {
  id: number;
  territoryId: number;
  nom: string;
  codeInsee: string | null;
  codePostal: string;
  latitude: number | null;
  longitude: number | null;
  horaires: string | null;
};

/** What a result card shows beyond ranking data. */
export type CardDetails = {
  commune: string;
  services: string[];
  adresse: string;
  complementAdresse: string | null;
  modalitesAcces: string[];
  telephone: string | null;
};

export type PlaceFilters = { besoins: readonly string[]; accompagnements: readonly string[]; gratuit: boolean };

/**
 * Where distances start: "centre", the centre of the area's communes (their imported outlines); "places", the
 * middle of the area's places; "postcode", the middle of the places of the commune's postcode; "none", unknown.
 */
export type PositionBasis = "centre" | "places" | "postcode" | "none";

// Lists travel as one array parameter, so that a statement's text does not depend on how many values it has
// (the finder's statements are prepared once per connection: see queryPrepared).
const textArray = (values: readonly string[]) => sql`${sql.param([...values])}::text[]`;
const anyOf = (column: SQL, values: readonly string[]) => sql`${column} = any(${textArray(values)})`;

/** The filters as conditions on the places (or on rows with their columns) named `alias`. */
function filterConditions(filters: PlaceFilters, alias = "p"): SQL {
  const column = (name: string) => sql.raw(`${alias}.${name}`);
  const conditions: SQL[] = [];
  if (filters.besoins.length > 0) conditions.push(sql`${column("services")} @> ${textArray(filters.besoins)}`);
  if (filters.accompagnements.length > 0) conditions.push(sql`${column("prise_en_charge_specifique")} @> ${textArray(filters.accompagnements)}`);
  if (filters.gratuit) conditions.push(sql`'Gratuit' = any(${column("frais_a_charge")})`);
  return conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`true`;
}

// Text columns only: cheaper for the driver to read than arrays and JSON.
const rowColumns = (alias: string) =>
  sql.raw(`${alias}.id, ${alias}.territory_id, ${alias}.nom, ${alias}.code_insee, ${alias}.code_postal, ${alias}.latitude, ${alias}.longitude, ${alias}.horaires, ${alias}.commune,
  array_to_string(${alias}.services, '|') as services, ${alias}.record->>'adresse' as adresse, ${alias}.record->>'complement_adresse' as complement_adresse,
  coalesce(${alias}.record->'modalites_acces', '[]')::text as modalites_acces, ${alias}.record->>'telephone' as telephone`);
const ROW_COLUMNS = rowColumns("p");
/** The stored columns rowColumns reads, and those the filters look at. */
const RAW_COLUMNS = sql.raw("p.id, p.territory_id, p.nom, p.code_insee, p.code_postal, p.latitude, p.longitude, p.horaires, p.commune, p.services, p.record, p.prise_en_charge_specifique, p.frais_a_charge");

/**
 * Keep this expression identical to the index the finder asks for (bench/finder.ts, PROPOSED_INDEX): a plane where a degree of
 * longitude is shrunk to its length at 46.4° N, the middle of metropolitan France, so that the database's
 * nearest-neighbour order is close to the true one; the rows are then re-ranked by great-circle distance.
 */
const PLANE_POINT = sql.raw("point(p.longitude * 0.69, p.latitude)");
const HAS_POSITION = sql`p.latitude is not null and p.longitude is not null`;

// A candidate row as the statement returns it, an array in this order (queryPreparedArrays): the search's
// position, then the place's columns (ROW_COLUMNS), all null when nothing was found.
type RawRow = [
  basis: "centre" | "area" | "postcode" | "none",
  lat: number | null,
  lon: number | null,
  id: number | null,
  territoryId: number,
  nom: string,
  codeInsee: string | null,
  codePostal: string,
  latitude: number | null,
  longitude: number | null,
  horaires: string | null,
  commune: string,
  services: string,
  adresse: string | null,
  complementAdresse: string | null,
  modalitesAcces: string,
  telephone: string | null,
];

/** Nearest places looked through for those meeting a search's filters (see nearestPlaces). */
export const NEAREST_SCANNED = 1_000;

/**
 * The `nearest` places around the search position (the `pos` row) that meet the filters. Under row-level
 * security PostgreSQL cannot use the services index for a filter (array containment is not leakproof), and a
 * filter met by few places would make it read every place in France; so, with filters, places are read from the
 * position index nearest first and the filters apply to them as they come, until `nearest` pass or
 * NEAREST_SCANNED have been read (about 100 km around, at the density of a national network). The result columns
 * are computed for those that pass only.
 */
function nearestPlaces(filters: PlaceFilters, nearest: number): SQL {
  const towards = sql`${PLANE_POINT} <-> (select point(lon * 0.69, lat) from pos)`;
  const located = sql`p.published and ${HAS_POSITION} and (select lat from pos) is not null`;
  const filtered = filters.besoins.length > 0 || filters.accompagnements.length > 0 || filters.gratuit;
  if (!filtered) return sql`(select ${ROW_COLUMNS} from places p where ${located} order by ${towards} limit ${nearest})`;
  return sql`(select ${rowColumns("s")} from (
                select ${RAW_COLUMNS}, ${towards} as d from places p where ${located} order by ${towards} limit ${NEAREST_SCANNED}
              ) s where ${filterConditions(filters, "s")} order by s.d limit ${nearest})`;
}

/**
 * In one statement: the searched area's position (the centre of its communes when their outlines were imported,
 * read through the policy shared_commune_positions; otherwise the mean of its places' positions; for a commune
 * without any, of its postcode's places), the area's places matching the filters, and the `nearest` places
 * matching them around that position (approximate order, see PLANE_POINT). Without a position, the
 * département's places come instead of the nearest ones.
 */
export async function findCandidates(
  db: Executor,
  { area, filters, nearest, areaLimit }: { area: SearchArea; filters: PlaceFilters; nearest: number; areaLimit: number },
): Promise<{ position: Position | undefined; basis: PositionBasis; rows: PlaceRow[] }> {
  const inArea = area.kind === "postcode" ? sql`(${anyOf(sql`p.code_postal`, area.postcodes)} or ${anyOf(sql`p.code_insee`, area.insee)})` : anyOf(sql`p.code_insee`, area.insee);
  const inPostcodes = area.kind === "commune" && area.postcodes.length > 0 ? anyOf(sql`p.code_postal`, area.postcodes) : sql`false`;
  const prefix = area.departement ? departementPrefix(area.departement) : undefined;
  // A range on the indexed postcode: digit strings of equal length sort the same in every collation.
  const inDepartement = prefix ? sql`(p.code_postal >= ${prefix.padEnd(5, "0")} and p.code_postal <= ${prefix.padEnd(5, "9")})` : sql`false`;
  const rows = await queryPreparedArrays<RawRow>(
    db,
    sql`with c as (select avg(cm.centroid_lon) as lon, avg(cm.centroid_lat) as lat from communes cm
                where cm.centroid_lat is not null and ${anyOf(sql`cm.insee`, area.insee)}),
        a as (select avg(p.longitude) as lon, avg(p.latitude) as lat from places p
              where (select lat from c) is null and p.published and ${HAS_POSITION} and ${inArea}),
        b as (select avg(p.longitude) as lon, avg(p.latitude) as lat from places p
              where (select lat from c) is null and p.published and ${HAS_POSITION} and ${inPostcodes}),
        pos as (select case when c.lat is not null then 'centre' when a.lat is not null then 'area' when b.lat is not null then 'postcode' else 'none' end as basis,
                       coalesce(c.lat, a.lat, b.lat) as lat, coalesce(c.lon, a.lon, b.lon) as lon from c, a, b),
        found as (
          (select ${ROW_COLUMNS} from places p
           where p.published and ${filterConditions(filters)} and (${inArea} or ${inPostcodes})
           order by p.nom, p.id limit ${areaLimit})
          union all
          -- Apart, so that it costs nothing when the area has a position (the usual case).
          (select ${ROW_COLUMNS} from places p
           where (select basis from pos) = 'none' and p.published and ${filterConditions(filters)} and ${inDepartement}
           order by p.nom, p.id limit ${areaLimit})
          union all
          ${nearestPlaces(filters, nearest)}
        )
        select pos.basis, pos.lat, pos.lon, found.* from pos left join found on true`,
  );
  const first = rows[0];
  const position = first && first[1] !== null && first[2] !== null ? { latitude: Number(first[1]), longitude: Number(first[2]) } : undefined;
  const basis: PositionBasis = !first || first[0] === "none" ? "none" : first[0] === "centre" ? "centre" : first[0] === "area" ? "places" : "postcode";
  return { position, basis, rows: rows.filter((r) => r[3] !== null).map(toRow) };
}

function toRow([, , , id, territoryId, nom, codeInsee, codePostal, latitude, longitude, horaires, commune, services, adresse, complementAdresse, modalitesAcces, telephone]: RawRow): PlaceRow {
  return {
    id: id!,
    territoryId,
    nom,
    codeInsee,
    codePostal,
    latitude: latitude === null ? null : Number(latitude),
    longitude: longitude === null ? null : Number(longitude),
    horaires,
    commune,
    services: services ? services.split("|") : [],
    adresse: adresse ?? "",
    complementAdresse,
    modalitesAcces: JSON.parse(modalitesAcces) as string[],
    telephone,
  };
}

/** How many published places each of these communes has (for ordering the communes offered as choices). */
export async function placeCountsByInsee(db: Executor, insee: readonly string[]): Promise<Map<string, number>> {
  if (insee.length === 0) return new Map();
  const rows = await queryRows<{ code_insee: string; n: number }>(
    db,
    sql`select p.code_insee, count(*)::int as n from places p where p.published and ${anyOf(sql`p.code_insee`, insee)} group by p.code_insee`,
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
  const rows = await queryPrepared<{ id: number; territory_id: number; nom: string; commune: string; code_postal: string; latitude: number | null; longitude: number | null; horaires: string | null; record: LieuRecord | string; updated_at: Date | string }>(
    db,
    sql`select p.id, p.territory_id, p.nom, p.commune, p.code_postal, p.latitude, p.longitude, p.horaires, p.record, p.updated_at
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
    record: typeof r.record === "string" ? (JSON.parse(r.record) as LieuRecord) : r.record,
    updatedAt: new Date(r.updated_at),
  }));
}
