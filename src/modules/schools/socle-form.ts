// The reference-set form: flat field names (e0_code, e0_categories…) to a Socle and back, so the whole set
// is edited on one page without JavaScript. Empty extra rows are ignored; an element can be removed.
import { list, text } from "../../lib/validation.js";
import { isEquipmentCategory, type EquipmentCategory } from "./domain/categories.js";
import { checkSocle, type Requirement, type Socle, type SocleElement } from "./domain/socle.js";

/** Blank element rows offered under the existing ones. */
export const EXTRA_ROWS = 2;

export type ElementValues = {
  code: string;
  libelle: string;
  categories: string[];
  regle: string;
  nombre: string;
  groupe: string;
  achat: string;
  supprimer: boolean;
};

export type SocleFormValues = { version: string; libelle: string; elements: ElementValues[] };

/** Requirement kinds, in the order the form offers them. */
export const RULES = ["per_class", "per_class_group", "per_school"] as const;

/** Form values of a reference set, with blank rows to add elements. */
export function socleToValues(socle: Socle, nextVersion: string): SocleFormValues {
  const elements = socle.elements.map((e) => ({
    code: e.code,
    libelle: e.label,
    categories: [...e.categories],
    regle: e.requirement.kind,
    nombre: String(e.requirement.count),
    groupe: e.requirement.kind === "per_class_group" ? String(e.requirement.groupSize) : "4",
    achat: e.purchaseCategory,
    supprimer: false,
  }));
  const blank = (): ElementValues => ({ code: "", libelle: "", categories: [], regle: "per_school", nombre: "1", groupe: "4", achat: "", supprimer: false });
  return { version: nextVersion, libelle: socle.label, elements: [...elements, ...Array.from({ length: EXTRA_ROWS }, blank)] };
}

/** Reads the posted form (as many element rows as were posted, at most 50). */
export function readSocleForm(body: Record<string, unknown>): SocleFormValues {
  const elements: ElementValues[] = [];
  for (let i = 0; i < 50 && `e${i}_code` in body; i += 1) {
    const f = (name: string) => text(body[`e${i}_${name}`]);
    elements.push({
      code: f("code"),
      libelle: f("libelle"),
      categories: list(body[`e${i}_categories`]),
      regle: f("regle"),
      nombre: f("nombre"),
      groupe: f("groupe"),
      achat: f("achat"),
      supprimer: f("supprimer") === "oui",
    });
  }
  return { version: text(body.version), libelle: text(body.libelle), elements };
}

function requirementOf(values: ElementValues): Requirement {
  const count = /^\d{1,4}$/.test(values.nombre) ? Number(values.nombre) : Number.NaN;
  if (values.regle === "per_class_group") {
    const groupSize = /^\d{1,3}$/.test(values.groupe) ? Number(values.groupe) : Number.NaN;
    return { kind: "per_class_group", count, groupSize };
  }
  return { kind: values.regle === "per_class" ? "per_class" : "per_school", count };
}

/** The reference set the form describes, or the problems (in French) that prevent saving it. */
export function parseSocleForm(values: SocleFormValues, existingVersions: readonly string[]): { ok: true; socle: Socle } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const kept = values.elements.filter((e) => !e.supprimer && !(e.code === "" && e.libelle === "" && e.categories.length === 0));
  const elements: SocleElement[] = kept.map((e) => {
    if (e.libelle === "") problems.push(`élément « ${e.code || "sans code"} » : libellé attendu`);
    if (!(RULES as readonly string[]).includes(e.regle)) problems.push(`élément « ${e.code} » : règle inconnue`);
    const categories = e.categories.filter(isEquipmentCategory);
    const purchase = isEquipmentCategory(e.achat) ? e.achat : (categories[0] ?? ("autre" as EquipmentCategory));
    return { code: e.code, label: e.libelle, categories, requirement: requirementOf(e), purchaseCategory: purchase };
  });
  const socle: Socle = { version: values.version, label: values.libelle || "Socle numérique du territoire", elements };
  if (existingVersions.includes(values.version)) problems.push(`la version « ${values.version} » existe déjà : choisissez un autre numéro`);
  problems.push(...checkSocle(socle));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, socle };
}

/** A version label not used yet: "<default>-territoire-N". */
export function nextVersionLabel(existingVersions: readonly string[]): string {
  let n = existingVersions.length + 1;
  while (existingVersions.includes(`territoire-${n}`)) n += 1;
  return `territoire-${n}`;
}

