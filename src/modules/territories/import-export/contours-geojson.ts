// Commune outlines from a GeoJSON file (IGN ADMIN EXPRESS, Etalab "contours administratifs", france-geojson):
// each feature is checked on its own and reported as `élément N : champ — raison`, N counting features from 1. Pure.
import type { MultiPolygon, Polygon, Position } from "geojson";
import { communeCentre, type LatLon } from "../domain/commune-centre.js";

export type CommuneGeometry = Polygon | MultiPolygon;

/** A feature that can be stored: its INSEE code, outline and centre. */
export type ContourFeature = { feature: number; insee: string; name: string | undefined; geometry: CommuneGeometry; centre: LatLon };

/** A rejected feature: which one (from 1), its code when it has one, the field and why (in French). */
export type ContourError = { feature: number; code: string | undefined; field: string; reason: string };

export type ParsedContours = { fatal: string | undefined; features: ContourFeature[]; errors: ContourError[]; total: number };

/** Properties that carry the INSEE code in the files territories use, tried in this order (case ignored). */
export const CODE_PROPERTIES = ["code", "insee_com", "code_insee", "insee", "codgeo", "com"] as const;

const INSEE = /^(\d{5}|2[AB]\d{3})$/;
/** Coordinate reference systems that mean WGS 84 longitude/latitude (the GeoJSON default). */
const WGS84_NAMES = /(CRS84|EPSG:?:?4326|WGS ?84)$/i;

/** Formats an error as every import of Maillage does, with the feature number instead of a line. */
export function formatContourError(error: ContourError): string {
  return `élément ${error.feature} : ${error.field} — ${error.reason}`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function codeOf(properties: Record<string, unknown>, codeProperty: string | undefined): unknown {
  const keys = Object.keys(properties);
  for (const wanted of codeProperty ? [codeProperty] : CODE_PROPERTIES) {
    const key = keys.find((k) => k.toLowerCase() === wanted.toLowerCase());
    if (key !== undefined && properties[key] !== null && properties[key] !== "") return properties[key];
  }
  return undefined;
}

/** "79013", or a number that lost its leading zero (1001 → "01001"); undefined when it cannot be an INSEE code. */
export function readInseeCode(value: unknown): string | undefined {
  const text = typeof value === "number" && Number.isInteger(value) && value > 0 ? String(value).padStart(5, "0") : typeof value === "string" ? value.trim().toUpperCase() : "";
  return INSEE.test(text) ? text : undefined;
}

function ringProblem(ring: unknown): string | undefined {
  if (!Array.isArray(ring) || ring.length < 4) return "un anneau doit avoir au moins 4 positions";
  for (const position of ring) {
    if (!Array.isArray(position) || position.length < 2 || !position.slice(0, 2).every((n) => typeof n === "number" && Number.isFinite(n))) {
      return "chaque position doit être [longitude, latitude] en nombres";
    }
    const [lon, lat] = position as number[];
    if (Math.abs(lon!) > 180 || Math.abs(lat!) > 90) {
      return `la position [${lon}, ${lat}] n'est pas en degrés de longitude et latitude : le fichier doit être en WGS 84 (EPSG:4326), pas en Lambert 93`;
    }
  }
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) return "un anneau doit se refermer (la dernière position égale la première)";
  return undefined;
}

function polygonProblem(rings: unknown): string | undefined {
  if (!Array.isArray(rings) || rings.length === 0) return "un polygone doit avoir au moins un anneau";
  for (const ring of rings) {
    const problem = ringProblem(ring);
    if (problem) return problem;
  }
  return undefined;
}

/** The geometry as a commune outline, or why it cannot be one. */
export function readGeometry(geometry: unknown): { geometry: CommuneGeometry } | { reason: string } {
  if (!isObject(geometry)) return { reason: "géométrie absente" };
  const { type, coordinates } = geometry;
  if (type === "Polygon") {
    const problem = polygonProblem(coordinates);
    return problem ? { reason: problem } : { geometry: { type, coordinates: coordinates as Position[][] } };
  }
  if (type === "MultiPolygon") {
    if (!Array.isArray(coordinates) || coordinates.length === 0) return { reason: "un MultiPolygon doit avoir au moins un polygone" };
    for (const polygon of coordinates) {
      const problem = polygonProblem(polygon);
      if (problem) return { reason: problem };
    }
    return { geometry: { type, coordinates: coordinates as Position[][][] } };
  }
  return { reason: `type « ${String(type)} » : le contour d'une commune est un Polygon ou un MultiPolygon` };
}

function fatalOf(collection: unknown): string | undefined {
  if (!isObject(collection) || collection.type !== "FeatureCollection" || !Array.isArray(collection.features)) {
    return "le fichier n'est pas une FeatureCollection GeoJSON (objet « type »: « FeatureCollection » avec une liste « features »)";
  }
  const crs = collection.crs;
  const crsName = isObject(crs) && isObject(crs.properties) ? String(crs.properties.name ?? "") : "";
  if (crsName && !WGS84_NAMES.test(crsName)) return `le fichier est en ${crsName} : convertissez-le en WGS 84 (EPSG:4326), la projection du GeoJSON`;
  return undefined;
}

/**
 * Reads a GeoJSON FeatureCollection of commune outlines. Every feature needs an INSEE code (property `code`,
 * `INSEE_COM`, `code_insee`, `insee`, `codgeo` or `com`, or `codeProperty`) and a Polygon or MultiPolygon in WGS 84;
 * a code may appear once. The file itself is refused (`fatal`) when it is not JSON, not a FeatureCollection or
 * declares another projection.
 */
export function parseContours(text: string, { codeProperty }: { codeProperty?: string | undefined } = {}): ParsedContours {
  let collection: unknown;
  try {
    collection = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return { fatal: "le fichier n'est pas du JSON valide", features: [], errors: [], total: 0 };
  }
  const fatal = fatalOf(collection);
  if (fatal) return { fatal, features: [], errors: [], total: 0 };
  const raw = (collection as { features: unknown[] }).features;
  const features: ContourFeature[] = [];
  const errors: ContourError[] = [];
  const seen = new Map<string, number>();
  raw.forEach((item, index) => {
    const feature = index + 1;
    if (!isObject(item) || item.type !== "Feature") {
      errors.push({ feature, code: undefined, field: "type", reason: "un élément de « features » doit être un objet « Feature »" });
      return;
    }
    const properties = isObject(item.properties) ? item.properties : {};
    const rawCode = codeOf(properties, codeProperty);
    const insee = readInseeCode(rawCode);
    const field = codeProperty ?? "code";
    if (rawCode === undefined) {
      errors.push({ feature, code: undefined, field, reason: `code INSEE absent (propriétés attendues : ${codeProperty ?? CODE_PROPERTIES.join(", ")})` });
      return;
    }
    if (!insee) {
      errors.push({ feature, code: String(rawCode), field, reason: `« ${String(rawCode)} » n'est pas un code INSEE de commune (5 caractères, ex. 79202)` });
      return;
    }
    const earlier = seen.get(insee);
    if (earlier !== undefined) {
      errors.push({ feature, code: insee, field, reason: `la commune ${insee} a déjà un contour à l'élément ${earlier}` });
      return;
    }
    seen.set(insee, feature);
    const read = readGeometry(item.geometry);
    if ("reason" in read) {
      errors.push({ feature, code: insee, field: "geometry", reason: read.reason });
      return;
    }
    const name = typeof properties.nom === "string" ? properties.nom : typeof properties.NOM === "string" ? properties.NOM : undefined;
    features.push({ feature, insee, name, geometry: read.geometry, centre: communeCentre(read.geometry) });
  });
  return { fatal: undefined, features, errors, total: raw.length };
}

/** A feature whose code is not one of the territory's communes: reported, and the import goes on without it. */
export type UnmatchedFeature = { feature: number; code: string; name: string | undefined };

export type ContourMatch = { matched: ContourFeature[]; unmatched: UnmatchedFeature[]; missing: string[] };

/** Splits the features between the territory's communes and the others, and lists its communes left without one. */
export function matchContours(features: readonly ContourFeature[], territoryInsee: readonly string[]): ContourMatch {
  const wanted = new Set(territoryInsee);
  const matched = features.filter((f) => wanted.has(f.insee));
  const unmatched = features.filter((f) => !wanted.has(f.insee)).map((f) => ({ feature: f.feature, code: f.insee, name: f.name }));
  const found = new Set(matched.map((f) => f.insee));
  return { matched, unmatched, missing: territoryInsee.filter((insee) => !found.has(insee)) };
}

/** "élément 12 : code 79049 (Bressuire) — pas une commune du territoire, ignoré". */
export function formatUnmatched(row: UnmatchedFeature): string {
  return `élément ${row.feature} : code ${row.code}${row.name ? ` (${row.name})` : ""} — pas une commune du territoire, ignoré`;
}
