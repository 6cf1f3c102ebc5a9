// Reading planner parameters from a form (French decimals) or a JSON file (the CLI), with French messages.
import { checkParams, DEFAULT_PARAMS, LEVER_KEYS, LEVER_LABELS, type LeverKey, type PlannerParams } from "./domain/planner.js";

export type PlannerFormValues = Record<string, string>;

const fr = (n: number) => String(n).replace(".", ",");
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Form values of parameters (percentages for uptake and need share). */
export function plannerFormValues(params: PlannerParams, name = ""): PlannerFormValues {
  const values: PlannerFormValues = {
    nom: name,
    budget: String(params.budget),
    pas: String(params.step),
    recours: fr(Math.round(params.uptake * 1000) / 10),
    besoin: fr(Math.round(params.needShare * 1000) / 10),
    equite: fr(params.equityAlpha),
    couplage: params.coupling === null ? "" : fr(params.coupling),
  };
  for (const key of LEVER_KEYS) {
    const l = params.levers[key];
    values[`${key}_actif`] = l.enabled ? "oui" : "";
    values[`${key}_cout`] = fr(l.unitCost);
    values[`${key}_seuil`] = fr(l.threshold);
    values[`${key}_rythme`] = fr(l.pace);
  }
  return values;
}

function num(raw: string): number | null {
  const v = raw.replace(/[\s\u00a0\u202f]/g, "").replace(/€$/, "").replace(",", ".");
  return v !== "" && /^\d+(\.\d+)?$/.test(v) ? Number(v) : null;
}

/** Parses the form; `requireName` for saving a scenario. */
export function parsePlannerForm(body: Record<string, unknown>, { requireName }: { requireName: boolean }): { ok: true; params: PlannerParams; name: string } | { ok: false; values: PlannerFormValues; errors: Record<string, string> } {
  const str = (k: string) => (typeof body[k] === "string" ? (body[k] as string).trim() : "");
  const values: PlannerFormValues = {};
  const errors: Record<string, string> = {};
  const field = (key: string, label: string, example: string): number => {
    const raw = str(key);
    values[key] = raw;
    const n = num(raw);
    if (n === null) errors[key] = `${label} : saisissez un nombre, par exemple ${example}`;
    return n ?? 0;
  };
  values.nom = str("nom");
  if (requireName && values.nom === "") errors.nom = "Donnez un nom au scénario";
  else if (values.nom.length > 120) errors.nom = "Le nom : 120 caractères au maximum";
  else if (CONTROL.test(values.nom)) errors.nom = "Le nom contient des caractères invisibles non autorisés";
  const budget = field("budget", "Budget", "150 000");
  const step = field("pas", "Pas", "500");
  const uptake = field("recours", "Taux de recours", "60") / 100;
  const needShare = field("besoin", "Part de la population à accompagner", "15") / 100;
  const equityAlpha = field("equite", "Poids d'équité", "1");
  values.couplage = str("couplage");
  const coupling = values.couplage === "" ? null : num(values.couplage);
  if (values.couplage !== "" && coupling === null) errors.couplage = "Couplage : saisissez un nombre (par exemple 1) ou laissez vide";
  const levers = {} as PlannerParams["levers"];
  for (const key of LEVER_KEYS) {
    const label = LEVER_LABELS[key].label;
    values[`${key}_actif`] = str(`${key}_actif`);
    levers[key as LeverKey] = {
      enabled: values[`${key}_actif`] === "oui",
      unitCost: field(`${key}_cout`, `${label}, coût unitaire`, "400"),
      threshold: field(`${key}_seuil`, `${label}, seuil`, "10"),
      pace: field(`${key}_rythme`, `${label}, rythme`, "0,2"),
    };
  }
  const params: PlannerParams = { budget, step, uptake, needShare, equityAlpha, coupling, levers };
  if (Object.keys(errors).length === 0) {
    const problems = checkParams(params);
    if (problems.length > 0) errors.parametres = problems.join(" ; ");
  }
  if (Object.keys(errors).length > 0) return { ok: false, values, errors };
  return { ok: true, params, name: values.nom };
}

/** Parameters from a JSON document (missing fields take the defaults), or French errors. */
export function parsePlannerJson(text: string): { ok: true; params: PlannerParams } | { ok: false; errors: string[] } {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`fichier JSON illisible (${(error as Error).message})`] };
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) return { ok: false, errors: ["le fichier doit contenir un objet JSON"] };
  const o = input as Record<string, unknown>;
  const errors: string[] = [];
  const number = (value: unknown, name: string, fallback: number): number => {
    if (value === undefined) return fallback;
    if (typeof value !== "number" || !Number.isFinite(value)) errors.push(`${name} : nombre attendu`);
    return typeof value === "number" ? value : fallback;
  };
  const leversIn = (typeof o.levers === "object" && o.levers !== null ? o.levers : {}) as Record<string, Record<string, unknown>>;
  for (const key of Object.keys(leversIn)) if (!(LEVER_KEYS as readonly string[]).includes(key)) errors.push(`levers.${key} : levier inconnu (equipement, mediation, formation)`);
  const levers = {} as PlannerParams["levers"];
  for (const key of LEVER_KEYS) {
    const l = leversIn[key] ?? {};
    const d = DEFAULT_PARAMS.levers[key];
    levers[key] = {
      enabled: l.enabled === undefined ? d.enabled : Boolean(l.enabled),
      unitCost: number(l.unitCost, `levers.${key}.unitCost`, d.unitCost),
      threshold: number(l.threshold, `levers.${key}.threshold`, d.threshold),
      pace: number(l.pace, `levers.${key}.pace`, d.pace),
    };
  }
  const params: PlannerParams = {
    budget: number(o.budget, "budget", DEFAULT_PARAMS.budget),
    step: number(o.step, "step", DEFAULT_PARAMS.step),
    uptake: number(o.uptake, "uptake", DEFAULT_PARAMS.uptake),
    needShare: number(o.needShare, "needShare", DEFAULT_PARAMS.needShare),
    equityAlpha: number(o.equityAlpha, "equityAlpha", DEFAULT_PARAMS.equityAlpha),
    coupling: o.coupling === null ? null : number(o.coupling, "coupling", DEFAULT_PARAMS.coupling ?? 1),
    levers,
  };
  errors.push(...checkParams(params));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, params };
}
