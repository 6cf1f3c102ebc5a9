/**
 * Which commune a person means by what they typed in "Où ?". Pure: the list of communes is given (the official
 * geography, folded once). A postcode is enough on its own; a name that several communes share asks which one.
 */
import { distance } from "fastest-levenshtein";
import { foldText, nameWithoutPostcode, postcodeIn } from "./fold.js";

// One collator for every comparison: localeCompare(…, "fr") builds a new one per call.
const byName = new Intl.Collator("fr");

export type CommuneEntry = {
  insee: string;
  name: string;
  /** foldText(name), computed once. */
  folded: string;
  departement: string;
  postcodes: readonly string[];
  population: number;
};

/** The area searched: the places in it come first, its position is the mean of theirs. */
export type SearchArea = {
  kind: "commune" | "postcode";
  /** "Châtillon-sur-Thouet (79)" or "code postal 79200", for sentences on the page. */
  label: string;
  insee: string[];
  postcodes: string[];
  departement: string | undefined;
};

export type CommuneMatch =
  | { kind: "found"; area: SearchArea }
  | { kind: "choose"; choices: CommuneEntry[] }
  | { kind: "none" };

const MAX_CHOICES = 10;

/** The area of one commune. */
export function communeArea(entry: CommuneEntry): SearchArea {
  return {
    kind: "commune",
    label: `${entry.name} (${entry.departement})`,
    insee: [entry.insee],
    postcodes: [...entry.postcodes],
    departement: entry.departement,
  };
}

/** The area of a postcode, covering every commune it serves. */
export function postcodeArea(postcode: string, entries: readonly CommuneEntry[]): SearchArea {
  return {
    kind: "postcode",
    label: `code postal ${postcode}`,
    insee: entries.map((e) => e.insee),
    postcodes: [postcode],
    departement: entries[0]?.departement,
  };
}

function tier(entry: CommuneEntry, q: string): number {
  if (entry.folded === q) return 0;
  if (entry.folded.startsWith(q)) return 1;
  if (entry.folded.includes(` ${q}`)) return 2;
  return -1;
}

export type CommuneCandidates = { postcode: string | undefined; name: string; exact: CommuneEntry[]; candidates: CommuneEntry[] };

/** Communes whose folded name is, starts with or has a word starting with the text; within the postcode if one is typed. */
export function matchCommunes(
  entries: readonly CommuneEntry[],
  text: string,
  byPostcode: (postcode: string) => CommuneEntry[],
): CommuneCandidates {
  const postcode = postcodeIn(text);
  const name = postcode ? nameWithoutPostcode(text) : foldText(text);
  const pool = postcode ? byPostcode(postcode) : entries;
  if (name.length === 0) return { postcode, name, exact: [], candidates: pool.slice() };
  const scored: { entry: CommuneEntry; tier: number }[] = [];
  for (const entry of pool) {
    const t = tier(entry, name);
    if (t >= 0) scored.push({ entry, tier: t });
  }
  scored.sort((a, b) => a.tier - b.tier || b.entry.population - a.entry.population || byName.compare(a.entry.name, b.entry.name));
  return { postcode, name, exact: scored.filter((s) => s.tier === 0).map((s) => s.entry), candidates: scored.map((s) => s.entry) };
}

/** Typing mistakes tolerated for a name of this length (folded): 1 up to 5 letters, 2 up to 10, then 3. */
function tolerance(length: number): number {
  return length <= 5 ? 1 : length <= 10 ? 2 : 3;
}

/**
 * Communes whose folded name is a few typing mistakes away from the text ("partenay", "parthenai" → Parthenay),
 * nearest first, then the most populated: what "vouliez-vous dire" offers when nothing matches. At most `limit`.
 */
export function nearCommunes(entries: readonly CommuneEntry[], text: string, limit = MAX_CHOICES): CommuneEntry[] {
  const name = foldText(nameWithoutPostcode(text) || text);
  if (name.length < 3) return [];
  const most = tolerance(name.length);
  const near: { entry: CommuneEntry; d: number }[] = [];
  for (const entry of entries) {
    if (Math.abs(entry.folded.length - name.length) > most) continue;
    const d = distance(entry.folded, name);
    if (d <= most) near.push({ entry, d });
  }
  near.sort((a, b) => a.d - b.d || b.entry.population - a.entry.population || byName.compare(a.entry.name, b.entry.name));
  return near.slice(0, limit).map((n) => n.entry);
}

/**
 * Found: a postcode alone, one exact name, or a single partial one. Otherwise several communes are offered,
 * those with published places first (`placeCount`), then in match order; none when nothing matches.
 */
export function decideCommune(match: CommuneCandidates, placeCount: (insee: string) => number, byPostcode: (postcode: string) => CommuneEntry[]): CommuneMatch {
  const { postcode, name, exact, candidates } = match;
  if (postcode && (name.length === 0 || candidates.length === 0)) return { kind: "found", area: postcodeArea(postcode, byPostcode(postcode)) };
  if (exact.length === 1) return { kind: "found", area: communeArea(exact[0]!) };
  if (exact.length === 0 && candidates.length === 1) return { kind: "found", area: communeArea(candidates[0]!) };
  if (candidates.length === 0) return { kind: "none" };
  const choices = candidates
    .map((entry, index) => ({ entry, index, withoutPlaces: placeCount(entry.insee) > 0 ? 0 : 1 }))
    .sort((a, b) => a.withoutPlaces - b.withoutPlaces || a.index - b.index)
    .slice(0, MAX_CHOICES)
    .map((r) => r.entry);
  return { kind: "choose", choices };
}
