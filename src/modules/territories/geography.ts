// The official geography shipped by @etalab/decoupage-administratif: communes, EPCI and départements.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

type RawCommune = { code: string; nom: string; type: string; departement: string; population?: number; codesPostaux?: string[] };
type RawEpci = { code: string; nom: string; type: string; membres: { code: string }[] };
type RawDepartement = { code: string; nom: string };

export type GeoCommune = { insee: string; name: string; departement: string; population: number | null; postcodes: string[] };
export type GeoTerritory = { kind: "epci" | "commune" | "departement"; code: string; name: string; communes: GeoCommune[] };

let cache: { communes: Map<string, GeoCommune>; epci: RawEpci[]; departements: RawDepartement[] } | undefined;

function load() {
  if (cache) return cache;
  const raw = require("@etalab/decoupage-administratif/data/communes.json") as RawCommune[];
  const communes = new Map<string, GeoCommune>();
  for (const c of raw) {
    if (c.type !== "commune-actuelle") continue;
    communes.set(c.code, { insee: c.code, name: c.nom, departement: c.departement, population: c.population ?? null, postcodes: c.codesPostaux ?? [] });
  }
  cache = {
    communes,
    epci: require("@etalab/decoupage-administratif/data/epci.json") as RawEpci[],
    departements: require("@etalab/decoupage-administratif/data/departements.json") as RawDepartement[],
  };
  return cache;
}

/** An EPCI by SIREN with its member communes, or undefined. */
export function findEpci(siren: string): GeoTerritory | undefined {
  const { epci, communes } = load();
  const e = epci.find((x) => x.code === siren);
  if (!e) return undefined;
  const members = e.membres.map((m) => communes.get(m.code)).filter((c): c is GeoCommune => Boolean(c));
  return { kind: "epci", code: e.code, name: e.nom, communes: members };
}

/** A current commune by INSEE code, or undefined. */
export function findCommune(insee: string): GeoTerritory | undefined {
  const c = load().communes.get(insee);
  return c ? { kind: "commune", code: c.insee, name: c.name, communes: [c] } : undefined;
}

/** A département by code (e.g. "79", "2A", "971") with all its communes, or undefined. */
export function findDepartement(code: string): GeoTerritory | undefined {
  const { departements, communes } = load();
  const d = departements.find((x) => x.code === code);
  if (!d) return undefined;
  return { kind: "departement", code: d.code, name: d.nom, communes: [...communes.values()].filter((c) => c.departement === code) };
}

/** Resolves a territory code of any kind: 9-digit SIREN → EPCI, 5 characters → commune, else département. */
export function findTerritoryByCode(code: string): GeoTerritory | undefined {
  if (/^\d{9}$/.test(code)) return findEpci(code);
  if (/^(\d{5}|2[AB]\d{3})$/i.test(code)) return findCommune(code.toUpperCase());
  return findDepartement(code.toUpperCase());
}

function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase().replace(/[-'’]/g, " ");
}

export type GeoSearchResult = { kind: GeoTerritory["kind"]; code: string; name: string; detail: string };

/** Searches EPCI, communes and départements by name (accent-insensitive) or code, best matches first. */
export function searchGeography(query: string, limit = 20): GeoSearchResult[] {
  const q = fold(query.trim());
  if (q.length < 2) return [];
  const { epci, communes, departements } = load();
  const results: (GeoSearchResult & { score: number })[] = [];
  const score = (name: string, code: string) => {
    const n = fold(name);
    if (code === query.trim() || n === q) return 0;
    if (n.startsWith(q)) return 1;
    if (n.split(" ").some((w) => w.startsWith(q))) return 2;
    if (n.includes(q)) return 3;
    return -1;
  };
  for (const e of epci) {
    const s = score(e.nom, e.code);
    if (s >= 0) results.push({ kind: "epci", code: e.code, name: e.nom, detail: `Intercommunalité (${e.type}), ${e.membres.length} communes`, score: s });
  }
  for (const d of departements) {
    const s = score(d.nom, d.code);
    if (s >= 0) results.push({ kind: "departement", code: d.code, name: d.nom, detail: `Département ${d.code}`, score: s });
  }
  for (const c of communes.values()) {
    const s = score(c.name, c.insee);
    if (s >= 0) results.push({ kind: "commune", code: c.insee, name: c.name, detail: `Commune (${c.departement}), ${c.population ?? "?"} habitants`, score: s + 0.5 });
  }
  return results
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name, "fr"))
    .slice(0, limit)
    .map(({ score: _score, ...r }) => r);
}
