// Reading the form of a new index version: a name, a note, a weight per criterion (decimal comma allowed).
import { checkWeights, CRITERIA, type IndexWeights } from "./domain/fragility-index.js";
import type { VersionFormValues } from "./views/index-pages.js";

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The form values of a set of weights (for a new version prefilled from the current one). */
export function versionFormValues(weights: IndexWeights, name = "", note = ""): VersionFormValues {
  const values: VersionFormValues = { nom: name, note };
  for (const c of CRITERIA) values[`poids_${c.key}`] = weights[c.key] ? String(weights[c.key]).replace(".", ",") : "0";
  return values;
}

/** Checks the form; French messages per field. */
export function parseVersionForm(body: Record<string, unknown>): { ok: true; name: string; note: string; weights: IndexWeights } | { ok: false; values: VersionFormValues; errors: Record<string, string> } {
  const str = (v: unknown) => (typeof v === "string" ? v.trim() : "");
  const values: VersionFormValues = { nom: str(body.nom), note: str(body.note) };
  const errors: Record<string, string> = {};
  const weights: IndexWeights = {};
  for (const c of CRITERIA) {
    const field = `poids_${c.key}`;
    const raw = str(body[field]);
    values[field] = raw;
    const n = raw === "" ? 0 : Number(raw.replace(",", "."));
    if (!/^\d*([.,]\d+)?$/.test(raw) || !Number.isFinite(n) || n < 0 || n > 1) errors[field] = `${c.label} : saisissez un poids entre 0 et 1, par exemple 0,2`;
    else if (n > 0) weights[c.key] = n;
  }
  if (values.nom === "") errors.nom = "Donnez un nom à cette version";
  else if (values.nom.length > 120) errors.nom = "Le nom : 120 caractères au maximum";
  else if (CONTROL.test(values.nom)) errors.nom = "Le nom contient des caractères invisibles non autorisés";
  if (values.note.length > 2000) errors.note = "La note : 2 000 caractères au maximum";
  else if (CONTROL.test(values.note)) errors.note = "La note contient des caractères invisibles non autorisés";
  if (Object.keys(errors).length === 0) {
    const problems = checkWeights(weights);
    if (problems.length > 0) errors.poids = problems.join(" ; ");
  }
  if (Object.keys(errors).length > 0) return { ok: false, values, errors };
  return { ok: true, name: values.nom, note: values.note, weights };
}
