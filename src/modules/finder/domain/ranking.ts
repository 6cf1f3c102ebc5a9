/** The order of the finder's results. Pure: rows come from the database, the position from the area's places. */
import type { SearchArea } from "./commune-match.js";
import { haversineKm, type Position } from "./distance.js";

// One collator for every comparison: localeCompare(…, "fr") builds a new one per call.
const byName = new Intl.Collator("fr");

export type RankRow = {
  id: number;
  nom: string;
  codeInsee: string | null;
  codePostal: string;
  latitude: number | null;
  longitude: number | null;
};

export type Ranked<T> = T & { matchRank: number; distanceKm: number | null };

/** Postcodes start with the département number ("79200" → "79"; Corsica's 2A/2B use "20", overseas "97x"). */
export function departementPrefix(departement: string): string {
  return departement.replace(/^2[AB]$/i, "20");
}

/** 0: in the searched commune (or postcode), 1: same postcode, 2: same département, 3: elsewhere. */
export function matchRank(row: Pick<RankRow, "codeInsee" | "codePostal">, area: SearchArea): number {
  const inCommune = row.codeInsee !== null && area.insee.includes(row.codeInsee);
  const inPostcode = area.postcodes.includes(row.codePostal);
  if (inCommune || (area.kind === "postcode" && inPostcode)) return 0;
  if (inPostcode) return 1;
  if (area.departement && row.codePostal.startsWith(departementPrefix(area.departement))) return 2;
  return 3;
}

/**
 * Orders rows (duplicates by id removed): with a position, nearest first by great-circle distance, places of the
 * searched commune without coordinates counting as nearest and other places without coordinates last; without a
 * position, by match rank then name. Keeps the first `limit`, each a new object made by `withRank` (the rows
 * themselves are left as they are: the finder's come from the places it holds for every search).
 */
export function rankPlaces<T extends RankRow, R extends Ranked<T> = Ranked<T>>(
  rows: readonly T[],
  area: SearchArea,
  position: Position | undefined,
  limit: number,
  withRank: (row: T, matchRank: number, distanceKm: number | null) => R = (row, rank, distanceKm) => ({ ...row, matchRank: rank, distanceKm }) as R,
): R[] {
  const seen = new Set<number>();
  const keyed: { row: T; rank: number; distanceKm: number | null; key: number }[] = [];
  for (const row of rows) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    const known = row.latitude !== null && row.longitude !== null;
    const distanceKm = position && known ? haversineKm(position, { latitude: row.latitude!, longitude: row.longitude! }) : null;
    const rank = matchRank(row, area);
    const key = position ? (distanceKm ?? (rank === 0 ? 0 : Number.MAX_VALUE)) : rank;
    keyed.push({ row, rank, distanceKm, key });
  }
  keyed.sort((a, b) => a.key - b.key || a.rank - b.rank || byName.compare(a.row.nom, b.row.nom) || a.row.id - b.row.id);
  return keyed.slice(0, limit).map((k) => withRank(k.row, k.rank, k.distanceKm));
}
