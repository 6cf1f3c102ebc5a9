// The finder's search, from the parsed query to what the page shows: which commune, which places, in which order.
import type { Database } from "../../db/client.js";
import { withPublic } from "../../db/tenant.js";
import { allCommunes, communeByInsee, communesByPostcode, foldedNamesOf } from "./commune-index.js";
import { communeArea, decideCommune, matchCommunes, nearCommunes, type CommuneEntry, type SearchArea } from "./domain/commune-match.js";
import type { FinderQuery } from "./domain/finder-query.js";
import { foldText, postcodeIn } from "./domain/fold.js";
import { isOpenAt, resultCard, type ResultCard } from "./domain/result-card.js";
import { rankPlaces, type Ranked } from "./domain/ranking.js";
import { rankedPlace, selectCandidates, type IndexedPlace, type PositionBasis } from "./domain/place-index.js";
import { placeCountsByInsee } from "./finder.queries.js";
import type { PlaceIndexKeeper } from "./place-index.js";
import type { ScheduleKeeper } from "./schedule-index.js";
import type { BusyKeeper } from "./busy-index.js";
import type { PlaceSlotsCache } from "./finder.cache.js";
import { earliestSlotFor, nextSlotsForPlaces, type MotifSlots, type PlaceSlots } from "./finder.slots.js";

type PlaceCandidate = Ranked<IndexedPlace>;

/** Results shown at most (the nearest ones); nobody pages further, and the work per search stays bounded. */
export const MAX_RESULTS = 50;
/** Nearest places asked from the database before re-ranking by true distance (its order is approximate). */
const NEAREST_POOL = 75;
/** Places of the area itself (or, without a position, of its département) asked at most. */
const AREA_LIMIT = 500;
export const PAGE_SIZE = 10;
/** With "premier rendez-vous libre d'abord", the nearest places compared by their next free slot. */
export const SLOT_SORT_POOL = 30;
/** Days ahead looked at for the next free slot of a result. */
export const SLOT_DAYS = 28;

/** What a process holds for its searches: the published places, the public schedules and their busy times. */
export type FinderData = { places: PlaceIndexKeeper; schedules: ScheduleKeeper; busy?: BusyKeeper };

export type { PositionBasis };

export type SearchResults = {
  area: SearchArea;
  positionBasis: PositionBasis;
  total: number;
  capped: boolean;
  page: number;
  pages: number;
  cards: ResultCard[];
  /** Positions of the places on this page, for the optional map. */
  points: MapPoint[];
};

export type MapPoint = { id: number; nom: string; lat: number; lon: number };

export type SearchOutcome =
  | { kind: "errors"; errors: Record<string, string> }
  | { kind: "choose"; choices: { entry: CommuneEntry; places: number }[]; misspelt?: boolean }
  | { kind: "results"; results: SearchResults };

// A commune chosen among several is kept while "Où ?" still names it (or its postcode).
function chosenCommune(query: FinderQuery): CommuneEntry | undefined {
  const entry = query.commune ? communeByInsee(query.commune) : undefined;
  if (!entry) return undefined;
  const postcode = postcodeIn(query.ou);
  const name = foldText(query.ou.replace(/\d{5}/g, " "));
  const nameFits = name.length === 0 || foldedNamesOf(entry.insee).some((n) => n.startsWith(name) || n.includes(` ${name}`));
  return (postcode === undefined || entry.postcodes.includes(postcode)) && nameFits ? entry : undefined;
}

async function resolveArea(database: Database, query: FinderQuery): Promise<{ area: SearchArea } | SearchOutcome> {
  if (query.ou.length === 0) return { kind: "errors", errors: { ou: "Indiquez votre commune ou votre code postal" } };
  const chosen = chosenCommune(query);
  if (chosen) return { area: communeArea(chosen) };
  const match = matchCommunes(allCommunes(), query.ou, communesByPostcode);
  const considered = [...new Set(match.candidates.slice(0, 300).map((c) => c.insee))];
  const counts = match.exact.length === 1 || match.candidates.length <= 1 ? new Map<string, number>() : await withPublic(database, (tx) => placeCountsByInsee(tx, considered));
  const decision = decideCommune(match, (insee) => counts.get(insee) ?? 0, communesByPostcode);
  if (decision.kind === "found") return { area: decision.area };
  if (decision.kind === "choose") return { kind: "choose", choices: decision.choices.map((entry) => ({ entry, places: counts.get(entry.insee) ?? 0 })) };
  // Nothing matches: the communes a few typing mistakes away, those with places to offer first ("vouliez-vous dire").
  const near = nearCommunes(allCommunes(), query.ou);
  if (near.length > 0) {
    const nearCounts = await withPublic(database, (tx) => placeCountsByInsee(tx, near.map((c) => c.insee)));
    const choices = near.map((entry, index) => ({ entry, index, places: nearCounts.get(entry.insee) ?? 0 })).sort((a, b) => Number(b.places > 0) - Number(a.places > 0) || a.index - b.index);
    return { kind: "choose", misspelt: true, choices: choices.map(({ entry, places }) => ({ entry, places })) };
  }
  return { kind: "errors", errors: { ou: `Nous ne trouvons pas de commune «\u00a0${query.ou}\u00a0»\u00a0: vérifiez l'orthographe ou indiquez le code postal` } };
}

function slotOf(slots: PlaceSlots, placeId: number, needs: readonly string[]): { motifId: number; motifName: string; start: number } | null | undefined {
  const offered = slots.get(placeId);
  if (!offered) return undefined;
  const best = earliestSlotFor(offered, needs);
  return best ? { motifId: best.motif.id, motifName: best.motif.name, start: best.slot.start } : null;
}

// "Premier rendez-vous libre d'abord": among the nearest places, those with a free slot soonest come first.
async function orderBySlot(database: Database, data: FinderData, candidates: PlaceCandidate[], now: Date, cache: SlotsCache, needs: readonly string[]): Promise<{ ordered: PlaceCandidate[]; slots: PlaceSlots }> {
  const pool = candidates.slice(0, SLOT_SORT_POOL);
  const slots = await nextSlotsForPlaces(database, data, { places: pool, now, days: SLOT_DAYS, limit: 1, cache });
  const key = (c: PlaceCandidate) => slotOf(slots, c.id, needs)?.start ?? Number.POSITIVE_INFINITY;
  const sorted = pool.map((c, i) => ({ c, i })).sort((a, b) => key(a.c) - key(b.c) || a.i - b.i).map((x) => x.c);
  return { ordered: [...sorted, ...candidates.slice(SLOT_SORT_POOL)], slots };
}

function pageOf<T>(items: T[], page: number): { page: number; pages: number; items: T[] } {
  const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  return { page: current, pages, items: items.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE) };
}

type SlotsCache = PlaceSlotsCache<MotifSlots[]> | undefined;

/**
 * Runs a search over the published places and schedules `data` keeps: errors to show, communes to choose from, or
 * a page of results; `slotsCache` keeps places' next slots between searches.
 */
export async function runSearch(database: Database, data: FinderData, query: FinderQuery, now: Date, slotsCache?: SlotsCache): Promise<SearchOutcome> {
  const resolved = await resolveArea(database, query);
  if ("kind" in resolved) return resolved;
  const { area } = resolved;
  const filters = { besoins: query.besoins, accompagnements: query.accompagnements, gratuit: query.gratuit };
  const found = selectCandidates(await data.places.current(), { area, filters, nearest: NEAREST_POOL, areaLimit: AREA_LIMIT });
  const ranked = rankPlaces(found.rows, area, found.position, MAX_RESULTS, rankedPlace);
  let candidates = query.ouvert ? ranked.filter((c) => isOpenAt(c.horaires, now, c.codeInsee)) : ranked;
  let slots: PlaceSlots = new Map();
  if (query.tri === "creneau") ({ ordered: candidates, slots } = await orderBySlot(database, data, candidates, now, slotsCache, query.besoins));
  const { page, pages, items: onPage } = pageOf(candidates, query.page);
  const needSlots = onPage.filter((c) => !slots.has(c.id) && !(query.tri === "creneau" && candidates.indexOf(c) < SLOT_SORT_POOL));
  if (needSlots.length > 0) {
    const more = await nextSlotsForPlaces(database, data, { places: needSlots, now, days: SLOT_DAYS, limit: 1, cache: slotsCache });
    for (const [id, s] of more) slots.set(id, s);
  }
  const cards = onPage.map((c) =>
    resultCard(c, { distanceKm: c.distanceKm, inSearchedCommune: c.matchRank === 0, slot: slotOf(slots, c.id, query.besoins), slotDays: SLOT_DAYS, now }),
  );
  const capped = found.rows.length >= MAX_RESULTS && ranked.length >= MAX_RESULTS;
  const points = onPage.flatMap((c) => (c.latitude != null && c.longitude != null ? [{ id: c.id, nom: c.nom, lat: c.latitude, lon: c.longitude }] : []));
  return { kind: "results", results: { area, positionBasis: found.basis, total: candidates.length, capped, page, pages, cards, points } };
}
