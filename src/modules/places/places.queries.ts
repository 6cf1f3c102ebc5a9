// Reads places: the back-office list with filters, one place, every record for exports, the open API's pages.
import { and, asc, count, eq, gt, max, sql, type SQL } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.js";
import { places } from "../../db/schema/index.js";
import { withTenant } from "../../db/tenant.js";
import type { LieuRecord } from "./import-export/lieu-record.js";

export type PlaceFilters = { commune?: string | undefined; service?: string | undefined; text?: string | undefined };

export type PlaceSummary = {
  id: number;
  standardId: string;
  nom: string;
  commune: string;
  codePostal: string;
  services: string[];
  published: boolean;
  demo: boolean;
  updatedAt: Date;
};

export type PlaceRow = { id: number; record: LieuRecord; published: boolean; demo: boolean; updatedAt: Date };

// Accent- and case-insensitive comparison without the unaccent extension (not installed on every server).
const FROM_ACCENTS = "àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæ";
const TO_ACCENTS = "aaaaaaceeeeiiiinooooouuuuyyoa";
const folded = (value: SQL | string) => sql`translate(lower(${value}), ${FROM_ACCENTS}, ${TO_ACCENTS})`;

/** The words typed in a search box, made comparable with `folded` columns. */
export function foldSearchText(text: string): string {
  const lower = text.toLowerCase();
  return [...lower].map((char) => TO_ACCENTS[FROM_ACCENTS.indexOf(char)] ?? char).join("");
}

function filterConditions(filters: PlaceFilters): (SQL | undefined)[] {
  const text = filters.text?.trim();
  const pattern = text ? `%${foldSearchText(text).replace(/[\\%_]/g, "\\$&")}%` : undefined;
  return [
    filters.commune ? eq(places.commune, filters.commune) : undefined,
    filters.service ? sql`${places.services} @> array[${filters.service}]::text[]` : undefined,
    pattern
      ? sql`(${folded(sql`${places.nom}`)} like ${pattern} or ${folded(sql`${places.commune}`)} like ${pattern}
            or ${folded(sql`${places.record}->>'adresse'`)} like ${pattern} or ${places.standardId} ilike ${pattern} or ${places.codePostal} like ${pattern})`
      : undefined,
  ];
}

/** One page of the territory's places (by name) with the total matching the filters. */
export async function listPlaces(
  db: Executor,
  { territoryId, filters = {}, limit = 100, offset = 0 }: { territoryId: number; filters?: PlaceFilters; limit?: number; offset?: number },
): Promise<{ rows: PlaceSummary[]; total: number }> {
  const where = and(eq(places.territoryId, territoryId), ...filterConditions(filters));
  const rows = await db
    .select({
      id: places.id,
      standardId: places.standardId,
      nom: places.nom,
      commune: places.commune,
      codePostal: places.codePostal,
      services: places.services,
      published: places.published,
      demo: places.demo,
      updatedAt: places.updatedAt,
    })
    .from(places)
    .where(where)
    .orderBy(asc(places.nom), asc(places.id))
    .limit(limit)
    .offset(offset);
  const [total] = await db.select({ n: count() }).from(places).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** The communes that have at least one place in the territory, for the list's filter. */
export async function listPlaceCommunes(db: Executor, { territoryId }: { territoryId: number }): Promise<string[]> {
  const rows = await db
    .selectDistinct({ commune: places.commune })
    .from(places)
    .where(eq(places.territoryId, territoryId))
    .orderBy(asc(places.commune));
  return rows.map((row) => row.commune);
}

/** One place of the territory, or undefined. */
export async function getPlace(db: Executor, { territoryId, placeId }: { territoryId: number; placeId: number }): Promise<PlaceRow | undefined> {
  const [row] = await db
    .select({ id: places.id, record: places.record, published: places.published, demo: places.demo, updatedAt: places.updatedAt })
    .from(places)
    .where(and(eq(places.territoryId, territoryId), eq(places.id, placeId)));
  return row;
}

/**
 * Every record of the territory in a stable order, read page by page (keyset on id), each page in its own
 * short transaction under row-level security: an export of any size never holds a transaction or a big array.
 */
export async function* streamPlaceRecords(db: Db, { territoryId, batchSize = 1000 }: { territoryId: number; batchSize?: number }): AsyncGenerator<LieuRecord> {
  let afterId = 0;
  for (;;) {
    const rows = await withTenant(db, territoryId, (tx) =>
      tx
        .select({ id: places.id, record: places.record })
        .from(places)
        .where(and(eq(places.territoryId, territoryId), gt(places.id, afterId)))
        .orderBy(asc(places.id))
        .limit(batchSize),
    );
    for (const row of rows) yield row.record;
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return;
    afterId = last.id;
  }
}

export type PublicPlaceFilters = { communeInsee?: string | undefined; service?: string | undefined };

function publicConditions(filters: PublicPlaceFilters): SQL | undefined {
  return and(
    eq(places.published, true),
    filters.communeInsee ? eq(places.codeInsee, filters.communeInsee) : undefined,
    filters.service ? sql`${places.services} @> array[${filters.service}]::text[]` : undefined,
  );
}

/** How many published places match, and when the last of them changed (for ETag and Last-Modified). */
export async function publishedPlacesVersion(db: Executor, filters: PublicPlaceFilters): Promise<{ total: number; lastModified: Date | null }> {
  const [row] = await db.select({ total: count(), lastModified: max(places.updatedAt) }).from(places).where(publicConditions(filters));
  const lastModified = row?.lastModified ?? null;
  return { total: row?.total ?? 0, lastModified: lastModified === null ? null : new Date(lastModified) };
}

/** One page of published places of every territory (open data by design), in a stable order. */
export async function listPublishedPlaces(
  db: Executor,
  { filters, limit, offset }: { filters: PublicPlaceFilters; limit: number; offset: number },
): Promise<LieuRecord[]> {
  const rows = await db
    .select({ record: places.record })
    .from(places)
    .where(publicConditions(filters))
    .orderBy(asc(places.id))
    .limit(limit)
    .offset(offset);
  return rows.map((row) => row.record);
}
