// The observatory table: every commune × indicator, with per-group and territory totals. Each column is a
// measure with a numerator and (for ratios) a denominator, so a total is Σ numerators / Σ denominators —
// never a mean of communes' ratios. Pure.

export type ColumnFormat = "count" | "share" | "rate" | "km" | "index";
/** How a column adds up: Σ/Σ, Σ, weighted by population, or not at all. */
export type TotalRule = "ratio" | "sum" | "population" | "none";

export type ColumnDef = { key: string; header: string; label: string; format: ColumnFormat; scale: number; total: TotalRule; theme: Theme };
export type Theme = "essentiel" | "acces" | "ecoles" | "connectivite" | "population";

export const THEMES: { key: Theme; label: string }[] = [
  { key: "essentiel", label: "L'essentiel" },
  { key: "acces", label: "Accès aux lieux" },
  { key: "ecoles", label: "Écoles" },
  { key: "connectivite", label: "Connectivité" },
  { key: "population", label: "Population" },
];

/** Columns after code_insee and commune, in the export's order (the first three are fixed by the issue). */
export const COLUMNS: readonly ColumnDef[] = [
  { key: "population", header: "population", label: "Population", format: "count", scale: 1, total: "sum", theme: "essentiel" },
  { key: "part_locaux_ftth", header: "part_locaux_ftth", label: "Locaux raccordables à la fibre", format: "share", scale: 1, total: "ratio", theme: "essentiel" },
  { key: "indice_fragilite", header: "indice_fragilite", label: "Indice de fragilité (1 à 10)", format: "index", scale: 1, total: "population", theme: "essentiel" },
  { key: "rang_fragilite", header: "rang_fragilite", label: "Rang de fragilité", format: "count", scale: 1, total: "none", theme: "essentiel" },
  { key: "lieux", header: "lieux", label: "Lieux de médiation", format: "count", scale: 1, total: "sum", theme: "acces" },
  { key: "heures_pour_10000", header: "heures_ouverture_hebdo_pour_10000_hab", label: "Heures d'ouverture par semaine pour 10 000 habitants", format: "rate", scale: 10_000, total: "ratio", theme: "acces" },
  { key: "accompagnements_pour_1000", header: "accompagnements_12_mois_pour_1000_hab", label: "Accompagnements sur 12 mois pour 1 000 habitants", format: "rate", scale: 1_000, total: "ratio", theme: "acces" },
  { key: "distance_lieu_km", header: "distance_lieu_ouvert_km", label: "Distance au lieu ouvert le plus proche (km)", format: "km", scale: 1, total: "population", theme: "acces" },
  { key: "conformite_socle", header: "conformite_socle_ecoles", label: "Conformité des écoles au socle", format: "share", scale: 1, total: "ratio", theme: "ecoles" },
  { key: "enseignants_formes", header: "part_enseignants_formes", label: "Enseignants formés", format: "share", scale: 1, total: "ratio", theme: "ecoles" },
  { key: "ecoles_fibre", header: "part_ecoles_fibre", label: "Écoles raccordées à la fibre", format: "share", scale: 1, total: "ratio", theme: "ecoles" },
  { key: "part_locaux_30_mbits", header: "part_locaux_30_mbits_filaire", label: "Locaux à 30 Mbit/s ou plus en filaire", format: "share", scale: 1, total: "ratio", theme: "connectivite" },
  { key: "part_65_plus", header: "part_65_plus", label: "Part des 65 ans et plus", format: "share", scale: 1, total: "ratio", theme: "population" },
  { key: "part_peu_diplomes", header: "part_peu_diplomes", label: "Part des peu ou pas diplômés", format: "share", scale: 1, total: "ratio", theme: "population" },
  { key: "part_menages_1_personne", header: "part_menages_1_personne", label: "Ménages d'une personne", format: "share", scale: 1, total: "ratio", theme: "population" },
  { key: "part_familles_monoparentales", header: "part_familles_monoparentales", label: "Familles monoparentales", format: "share", scale: 1, total: "ratio", theme: "population" },
  { key: "taux_chomage", header: "taux_chomage", label: "Taux de chômage", format: "share", scale: 1, total: "ratio", theme: "population" },
  { key: "taux_pauvrete", header: "taux_pauvrete", label: "Taux de pauvreté", format: "share", scale: 1, total: "none", theme: "population" },
];

/** A measure: value = numerator / denominator × scale (or the numerator when there is no denominator). */
export type Measure = { num: number; den: number | null };

export type ObservatoryRow = { insee: string; name: string; groups: number[]; measures: Record<string, Measure | null> };

/** The value of a measure in a column, or null. */
export function valueOf(column: ColumnDef, measure: Measure | null | undefined): number | null {
  if (!measure) return null;
  if (measure.den === null) return measure.num * column.scale;
  return measure.den > 0 ? (measure.num / measure.den) * column.scale : null;
}

/** The total of a column over rows by its rule. */
export function totalOf(column: ColumnDef, rows: readonly ObservatoryRow[]): number | null {
  if (column.total === "none") return null;
  if (column.total === "sum") {
    const values = rows.map((r) => valueOf(column, r.measures[column.key])).filter((v): v is number => v !== null);
    return values.length > 0 ? values.reduce((s, v) => s + v, 0) : null;
  }
  if (column.total === "ratio") {
    let num = 0;
    let den = 0;
    let n = 0;
    for (const r of rows) {
      const m = r.measures[column.key];
      if (!m || m.den === null) continue;
      num += m.num;
      den += m.den;
      n++;
    }
    return n > 0 && den > 0 ? (num / den) * column.scale : null;
  }
  // Weighted by population: Σ value × population / Σ population over the communes with a value.
  let weighted = 0;
  let weight = 0;
  for (const r of rows) {
    const v = valueOf(column, r.measures[column.key]);
    const p = r.measures.population?.num ?? 0;
    if (v === null || p <= 0) continue;
    weighted += v * p;
    weight += p;
  }
  return weight > 0 ? weighted / weight : null;
}

export type SortDirection = "asc" | "desc";

/** Rows sorted by a column (missing values last), then by name. */
export function sortRows(rows: readonly ObservatoryRow[], key: string, direction: SortDirection): ObservatoryRow[] {
  const column = COLUMNS.find((c) => c.key === key);
  const sign = direction === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (!column) return sign * a.name.localeCompare(b.name, "fr");
    const va = valueOf(column, a.measures[key]);
    const vb = valueOf(column, b.measures[key]);
    if (va === null && vb === null) return a.name.localeCompare(b.name, "fr");
    if (va === null) return 1;
    if (vb === null) return -1;
    return sign * (va - vb) || a.name.localeCompare(b.name, "fr");
  });
}

const EARTH_KM = 6371.0088;

/** Great-circle distance in km between two WGS84 points (haversine). */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Distance from a point to the nearest of the places, or null without any place. */
export function nearestKm(from: { lat: number; lon: number }, places: readonly { lat: number; lon: number }[]): number | null {
  let best: number | null = null;
  for (const p of places) {
    const d = distanceKm(from, p);
    if (best === null || d < best) best = d;
  }
  return best;
}
