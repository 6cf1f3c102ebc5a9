// Cards of a territory's own figures on its experience sheets: the author chooses them, they are computed in the
// author territory's context when the sheet is saved (other territories cannot read its data) and dated.
import type { Executor } from "../../db/client.js";
import { sheetFigureKeys, type SheetFigure, type SheetFigureKey } from "../../db/schema/index.js";
import { formatNumber } from "../../lib/format.js";
import { parisDateOf } from "../../lib/paris-time.js";
import { loadHarmonisation } from "../schools/harmonisation.queries.js";
import { keyFigures } from "../territories/home.queries.js";

export const figureLabels: Record<SheetFigureKey, string> = {
  personnes_accompagnees: "Personnes accompagnées sur 12 mois",
  ateliers: "Ateliers collectifs sur 12 mois",
  lieux_publies: "Lieux d'aide au numérique publiés",
  ecoles: "Écoles suivies",
  harmonisation_ecoles: "Équipement des écoles au socle numérique de référence",
};

export function formatFigure(f: SheetFigure): string {
  return f.key === "harmonisation_ecoles" ? `${formatNumber(Math.round(f.value * 100))}\u00a0%` : formatNumber(f.value);
}

export function figureKeysOf(values: readonly string[]): SheetFigureKey[] {
  return sheetFigureKeys.filter((k) => values.includes(k));
}

/** The chosen figures, computed now for the territory. */
export async function computeFigures(db: Executor, { territoryId, keys, now }: { territoryId: number; keys: readonly SheetFigureKey[]; now: Date }): Promise<SheetFigure[]> {
  if (keys.length === 0) return [];
  const asOf = parisDateOf(now.getTime());
  const figures = await keyFigures(db, { territoryId, now });
  const harmonisation = keys.includes("harmonisation_ecoles") ? (await loadHarmonisation(db, { territoryId, scope: { kind: "all" } })).territory : undefined;
  const value: Record<SheetFigureKey, number | undefined> = {
    personnes_accompagnees: figures.peopleLastYear,
    ateliers: figures.workshopsLastYear,
    lieux_publies: figures.publishedPlaces,
    ecoles: figures.schools,
    harmonisation_ecoles: harmonisation && harmonisation.schools > 0 ? harmonisation.compliance : undefined,
  };
  return keys.flatMap((key) => (value[key] === undefined ? [] : [{ key, value: value[key]!, asOf }]));
}
