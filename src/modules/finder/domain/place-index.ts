// The finder's candidates, computed in memory over the published places (see ../place-index.ts for how they are
// loaded and kept current). Pure: the same choice the finder once asked PostgreSQL for, in one pass: the search's
// position, the area's places, the département's places when the position is unknown, and the places nearest to
// the position, approximately ordered (a plane where a degree of longitude is shrunk to its length at 46.4° N,
// the middle of metropolitan France); ranking.ts then orders them by great-circle distance.
import { pushTo } from "../../../lib/collections.js";
import type { SearchArea } from "./commune-match.js";
import type { Position } from "./distance.js";
import { departementPrefix } from "./ranking.js";

/** A published place as the finder needs it: ranking, filters and its result card. */
export type IndexedPlace = {
  id: number;
  territoryId: number;
  nom: string;
  codeInsee: string | null;
  codePostal: string;
  latitude: number | null;
  longitude: number | null;
  horaires: string | null;
  commune: string;
  services: string[];
  adresse: string;
  complementAdresse: string | null;
  modalitesAcces: string[];
  telephone: string | null;
  /** For the filters only. */
  supports: readonly string[];
  fees: readonly string[];
};

/** A commune's centre as one territory imported it (several territories may share a commune). */
export type CommuneCentre = { insee: string; latitude: number; longitude: number };

export type PlaceFilters = { besoins: readonly string[]; accompagnements: readonly string[]; gratuit: boolean };

/**
 * Where distances start: "centre", the centre of the area's communes (their imported outlines); "places", the
 * middle of the area's places; "postcode", the middle of the places of the commune's postcode; "none", unknown.
 */
export type PositionBasis = "centre" | "places" | "postcode" | "none";

/** Nearest places looked through for those meeting a search's filters: about 100 km around at a national density. */
export const NEAREST_SCANNED = 1_000;

const LONGITUDE_SCALE = 0.69;
/** Grid cells of 0.1 plane unit (about 11 km); beyond this many rings, every place is looked at instead. */
const CELL = 0.1;
const MAX_RINGS = 40;

const planeX = (longitude: number) => longitude * LONGITUDE_SCALE;
// Cells are keyed by one number (two small integers side by side): no string per cell looked at.
const cellKey = (cx: number, cy: number) => cx * 100_000 + cy;
const cellOf = (value: number) => Math.floor(value / CELL);

/** The published places, indexed by commune, postcode and position. Built once per load; never changed after. */
export type PlaceIndex = {
  readonly size: number;
  byInsee: Map<string, IndexedPlace[]>;
  byPostcode: Map<string, IndexedPlace[]>;
  /** Sorted by postcode (ranges of a département). */
  byPostcodeOrder: IndexedPlace[];
  cells: Map<number, IndexedPlace[]>;
  located: IndexedPlace[];
  bounds: { minX: number; maxX: number; minY: number; maxY: number } | undefined;
  centres: Map<string, { latitude: number; longitude: number }[]>;
};

/** Indexes the published places and the communes' centres. */
export function buildPlaceIndex(places: readonly IndexedPlace[], centres: readonly CommuneCentre[]): PlaceIndex {
  const index: PlaceIndex = {
    size: places.length,
    byInsee: new Map(),
    byPostcode: new Map(),
    byPostcodeOrder: [...places].sort((a, b) => (a.codePostal < b.codePostal ? -1 : a.codePostal > b.codePostal ? 1 : a.id - b.id)),
    cells: new Map(),
    located: [],
    bounds: undefined,
    centres: new Map(),
  };
  for (const place of places) {
    if (place.codeInsee !== null) pushTo(index.byInsee, place.codeInsee, place);
    pushTo(index.byPostcode, place.codePostal, place);
    if (place.latitude === null || place.longitude === null) continue;
    index.located.push(place);
    const x = cellOf(planeX(place.longitude));
    const y = cellOf(place.latitude);
    pushTo(index.cells, cellKey(x, y), place);
    const b = index.bounds;
    index.bounds = b ? { minX: Math.min(b.minX, x), maxX: Math.max(b.maxX, x), minY: Math.min(b.minY, y), maxY: Math.max(b.maxY, y) } : { minX: x, maxX: x, minY: y, maxY: y };
  }
  for (const centre of centres) pushTo(index.centres, centre.insee, { latitude: centre.latitude, longitude: centre.longitude });
  return index;
}

/** Whether a place meets the filters: every need, every specific support, free of charge if asked. */
export function meetsFilters(place: IndexedPlace, filters: PlaceFilters): boolean {
  return (
    filters.besoins.every((need) => place.services.includes(need)) &&
    filters.accompagnements.every((support) => place.supports.includes(support)) &&
    (!filters.gratuit || place.fees.includes("Gratuit"))
  );
}

function mean(points: readonly { latitude: number; longitude: number }[]): Position | undefined {
  if (points.length === 0) return undefined;
  let latitude = 0;
  let longitude = 0;
  for (const p of points) {
    latitude += p.latitude;
    longitude += p.longitude;
  }
  return { latitude: latitude / points.length, longitude: longitude / points.length };
}

const located = (places: readonly IndexedPlace[]) => places.flatMap((p) => (p.latitude !== null && p.longitude !== null ? [{ latitude: p.latitude, longitude: p.longitude }] : []));

/** Places of these keys in a map, each once. */
function union(map: Map<string, IndexedPlace[]>, keys: readonly string[], into: Map<number, IndexedPlace> = new Map()): Map<number, IndexedPlace> {
  for (const key of keys) for (const place of map.get(key) ?? []) into.set(place.id, place);
  return into;
}

const byNameThenId = (a: IndexedPlace, b: IndexedPlace) => (a.nom < b.nom ? -1 : a.nom > b.nom ? 1 : a.id - b.id);

/** The area's position: the centre of its communes, else the middle of its places, else of its postcode's places. */
export function areaPosition(index: PlaceIndex, area: SearchArea): { position: Position | undefined; basis: PositionBasis } {
  const centre = mean(area.insee.flatMap((insee) => index.centres.get(insee) ?? []));
  if (centre) return { position: centre, basis: "centre" };
  const inArea = union(index.byInsee, area.insee);
  if (area.kind === "postcode") union(index.byPostcode, area.postcodes, inArea);
  const middle = mean(located([...inArea.values()]));
  if (middle) return { position: middle, basis: "places" };
  const postcode = area.kind === "commune" ? mean(located([...union(index.byPostcode, area.postcodes).values()])) : undefined;
  return postcode ? { position: postcode, basis: "postcode" } : { position: undefined, basis: "none" };
}

/** The `count` places nearest to `position` in the plane (a grid searched ring by ring; every place when far). */
export function nearestPlaces(index: PlaceIndex, position: Position, count: number): IndexedPlace[] {
  const bounds = index.bounds;
  if (!bounds || count <= 0) return [];
  const px = planeX(position.longitude);
  const py = position.latitude;
  const measured = (place: IndexedPlace) => ({ place, d: (planeX(place.longitude!) - px) ** 2 + (place.latitude! - py) ** 2 });
  const nearestOf = (seen: { place: IndexedPlace; d: number }[]) =>
    seen
      .sort((a, b) => a.d - b.d || a.place.id - b.place.id)
      .slice(0, count)
      .map((x) => x.place);
  const cx = cellOf(px);
  const cy = cellOf(py);
  const seen: { place: IndexedPlace; d: number }[] = [];
  for (let ring = 0; ring <= MAX_RINGS; ring++) {
    for (let x = cx - ring; x <= cx + ring; x++) {
      const edge = x === cx - ring || x === cx + ring;
      for (let y = cy - ring; y <= cy + ring; y += edge ? 1 : 2 * ring) {
        for (const place of index.cells.get(cellKey(x, y)) ?? []) seen.push(measured(place));
      }
    }
    // Every place closer than `ring` cells has been seen (one not seen is at least that far): enough of them, or
    // nothing left beyond, ends the search.
    const reach = (ring * CELL) ** 2;
    const beyondAll = cx - ring <= bounds.minX && cx + ring >= bounds.maxX && cy - ring <= bounds.minY && cy + ring >= bounds.maxY;
    let within = 0;
    for (const s of seen) if (s.d < reach) within++;
    if (beyondAll || within >= count) return nearestOf(seen);
  }
  return nearestOf(index.located.map(measured));
}

/** A candidate kept by ranking, with its rank and distance: a new object, of the same shape every time. */
export function rankedPlace(p: IndexedPlace, matchRank: number, distanceKm: number | null): IndexedPlace & { matchRank: number; distanceKm: number | null } {
  return {
    id: p.id,
    territoryId: p.territoryId,
    nom: p.nom,
    codeInsee: p.codeInsee,
    codePostal: p.codePostal,
    latitude: p.latitude,
    longitude: p.longitude,
    horaires: p.horaires,
    commune: p.commune,
    services: p.services,
    adresse: p.adresse,
    complementAdresse: p.complementAdresse,
    modalitesAcces: p.modalitesAcces,
    telephone: p.telephone,
    supports: p.supports,
    fees: p.fees,
    matchRank,
    distanceKm,
  };
}

/**
 * The candidates of a search: the area's places meeting the filters (by name, `areaLimit` at most), without a
 * position the département's instead of the nearest, and the `nearest` places meeting the filters around the
 * position (among the NEAREST_SCANNED nearest when filtered). The held objects themselves: never change them.
 */
export function selectCandidates(
  index: PlaceIndex,
  { area, filters, nearest, areaLimit }: { area: SearchArea; filters: PlaceFilters; nearest: number; areaLimit: number },
): { position: Position | undefined; basis: PositionBasis; rows: IndexedPlace[] } {
  const { position, basis } = areaPosition(index, area);
  const passes = (place: IndexedPlace) => meetsFilters(place, filters);
  const inArea = union(index.byInsee, area.insee);
  union(index.byPostcode, area.postcodes, inArea);
  const areaRows = [...inArea.values()].filter(passes).sort(byNameThenId).slice(0, areaLimit);
  let others: IndexedPlace[] = [];
  if (basis === "none") {
    const prefix = area.departement ? departementPrefix(area.departement) : undefined;
    if (prefix) {
      const [low, high] = [prefix.padEnd(5, "0"), prefix.padEnd(5, "9")];
      others = index.byPostcodeOrder.filter((p) => p.codePostal >= low && p.codePostal <= high && passes(p)).sort(byNameThenId).slice(0, areaLimit);
    }
  } else if (position) {
    const filtered = filters.besoins.length > 0 || filters.accompagnements.length > 0 || filters.gratuit;
    others = filtered ? nearestPlaces(index, position, NEAREST_SCANNED).filter(passes).slice(0, nearest) : nearestPlaces(index, position, nearest);
  }
  return { position, basis, rows: [...areaRows, ...others] };
}
