// The official communes, folded once for accent-insensitive search, and the postcode → communes table.
import { createRequire } from "node:module";
import type { CommuneEntry } from "./domain/commune-match.js";
import { foldText } from "./domain/fold.js";

const require = createRequire(import.meta.url);

type RawCommune = { code: string; nom: string; type: string; departement: string; population?: number; codesPostaux?: string[]; chefLieu?: string };
type RawPostcode = { codePostal: string; codeCommune: string };

let entries: CommuneEntry[] | undefined;
let byInsee: Map<string, CommuneEntry> | undefined;
let byPostcodeMap: Map<string, CommuneEntry[]> | undefined;
let namesByInsee: Map<string, string[]> | undefined;

// Current communes, plus former ones (communes déléguées or associées) under their own name pointing to the
// current commune, so that a person who still says "Bâgé-la-Ville" is understood.
function load(): CommuneEntry[] {
  if (entries) return entries;
  const raw = require("@etalab/decoupage-administratif/data/communes.json") as RawCommune[];
  const current = new Map<string, CommuneEntry>();
  for (const c of raw) {
    if (c.type !== "commune-actuelle") continue;
    current.set(c.code, { insee: c.code, name: c.nom, folded: foldText(c.nom), departement: c.departement, postcodes: c.codesPostaux ?? [], population: c.population ?? 0 });
  }
  const former: CommuneEntry[] = [];
  for (const c of raw) {
    if ((c.type !== "commune-deleguee" && c.type !== "commune-associee") || !c.chefLieu) continue;
    const parent = current.get(c.chefLieu);
    if (!parent || foldText(c.nom) === parent.folded) continue;
    former.push({ ...parent, name: `${c.nom} (${parent.name})`, folded: foldText(c.nom), population: 0 });
  }
  const postcodes = new Map<string, CommuneEntry[]>();
  for (const row of require("codes-postaux/codes-postaux.json") as RawPostcode[]) {
    const entry = current.get(row.codeCommune);
    if (!entry) continue;
    const list = postcodes.get(row.codePostal) ?? [];
    if (!list.includes(entry)) list.push(entry);
    postcodes.set(row.codePostal, list);
  }
  namesByInsee = new Map();
  for (const entry of [...current.values(), ...former]) namesByInsee.set(entry.insee, [...(namesByInsee.get(entry.insee) ?? []), entry.folded]);
  byInsee = current;
  byPostcodeMap = postcodes;
  entries = [...current.values(), ...former];
  return entries;
}

/** Every commune the finder knows, current ones first. */
export function allCommunes(): readonly CommuneEntry[] {
  return load();
}

/** A current commune by INSEE code. */
export function communeByInsee(insee: string): CommuneEntry | undefined {
  load();
  return byInsee!.get(insee);
}

/** The communes served by a postcode (La Poste's table), empty when unknown. */
export function communesByPostcode(postcode: string): CommuneEntry[] {
  load();
  return byPostcodeMap!.get(postcode) ?? [];
}

/** The folded names a commune is known by: its own and those of the former communes merged into it. */
export function foldedNamesOf(insee: string): string[] {
  load();
  return namesByInsee!.get(insee) ?? [];
}
