// An experience sheet as people type it (form) or move it in (CSV/JSON import): one validation for both, with a
// French reason per field. Field names are the import's column names.
import { sheetVisibilities, type SheetVisibility } from "../../../db/schema/index.js";
import { controlCharacterIn, controlCharacterReason, lengthReason } from "../../../lib/text-input.js";

/** The import's columns, in the documented order (issue 11): `titre;resume;texte;themes;annee;budget_euros;partenaires;contact;visibilite`. */
export const SHEET_IMPORT_COLUMNS = ["titre", "resume", "texte", "themes", "annee", "budget_euros", "partenaires", "contact", "visibilite"] as const;

/** The form's other fields. */
export const SHEET_FORM_ONLY = ["publics", "financement", "equipe", "debut", "fin", "resultats", "lecons"] as const;

export type SheetField = (typeof SHEET_IMPORT_COLUMNS)[number] | (typeof SHEET_FORM_ONLY)[number];
/** What was typed, by field; `chiffres` holds the figure cards chosen on the form (codes joined by "|"). */
export type SheetRaw = Partial<Record<SheetField | "chiffres", string>>;

export type SheetInput = {
  title: string;
  summary: string;
  body: string;
  themes: string[];
  year: number;
  budgetEuros: number | null;
  partners: string;
  contact: string;
  visibility: SheetVisibility;
  audiences: string;
  funding: string;
  staff: string;
  startedOn: string | null;
  endedOn: string | null;
  results: string;
  lessons: string;
};

export type FieldProblem = { field: SheetField; reason: string };

const MAX: Record<SheetField, number> = {
  titre: 200, resume: 1_000, texte: 20_000, themes: 500, annee: 4, budget_euros: 12, partenaires: 2_000, contact: 500,
  visibilite: 20, publics: 1_000, financement: 2_000, equipe: 1_000, debut: 10, fin: 10, resultats: 5_000, lecons: 5_000,
};

const LABEL: Record<SheetField, string> = {
  titre: "le titre", resume: "le résumé", texte: "le texte", themes: "les thèmes", annee: "l'année", budget_euros: "le budget",
  partenaires: "les partenaires", contact: "le contact", visibilite: "la visibilité", publics: "les publics", financement: "le financement",
  equipe: "l'équipe", debut: "la date de début", fin: "la date de fin", resultats: "les résultats", lecons: "ce que vous referiez autrement",
};

export const visibilityLabels: Record<SheetVisibility, string> = {
  brouillon: "Brouillon (votre territoire seulement)",
  reseau: "Partagée avec le réseau",
  public: "Publique",
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/**
 * Checks a sheet. `themes` are the codes of the controlled list; `currentYear` bounds the year (a sheet tells what
 * was done: no year after next). Every problem is returned, not only the first.
 */
export function validateSheet(raw: SheetRaw, { themes, currentYear, defaultYear }: { themes: ReadonlySet<string>; currentYear: number; defaultYear?: number }): { ok: true; sheet: SheetInput } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const value = (field: SheetField, { multiline = true } = {}): string => {
    const v = (raw[field] ?? "").trim();
    if (v.length > MAX[field]) {
      problems.push({ field, reason: lengthReason(MAX[field], v.length) });
      return "";
    }
    const control = controlCharacterIn(v, { multiline });
    if (control) {
      problems.push({ field, reason: controlCharacterReason(control) });
      return "";
    }
    return v;
  };
  const title = value("titre", { multiline: false });
  if (!title && !problems.some((p) => p.field === "titre")) problems.push({ field: "titre", reason: "obligatoire" });
  const themeText = value("themes", { multiline: false });
  const themeCodes = themeText ? [...new Set(themeText.split("|").map((c) => c.trim()).filter(Boolean))] : [];
  const unknown = themeCodes.filter((c) => !themes.has(c));
  if (unknown.length > 0) problems.push({ field: "themes", reason: `code${unknown.length > 1 ? "s" : ""} inconnu${unknown.length > 1 ? "s" : ""} : ${unknown.join(", ")} (codes admis : ${[...themes].join(", ")}, séparés par « | »)` });
  const yearText = value("annee", { multiline: false });
  let year = defaultYear ?? currentYear;
  if (yearText) {
    year = Number(yearText);
    if (!/^\d{4}$/.test(yearText) || year < 1990 || year > currentYear + 1) problems.push({ field: "annee", reason: `« ${yearText} » n'est pas une année entre 1990 et ${currentYear + 1}` });
  }
  const budgetText = value("budget_euros", { multiline: false }).replace(/[\s\u00a0\u202f]/g, "");
  let budgetEuros: number | null = null;
  if (budgetText) {
    budgetEuros = Number(budgetText);
    if (!/^\d+$/.test(budgetText) || !Number.isSafeInteger(budgetEuros) || budgetEuros > 2_000_000_000) {
      problems.push({ field: "budget_euros", reason: `« ${budgetText} » n'est pas un montant en euros entier et positif, par exemple 12500` });
      budgetEuros = null;
    }
  }
  const visibilityText = value("visibilite", { multiline: false }) || "brouillon";
  if (!(sheetVisibilities as readonly string[]).includes(visibilityText)) problems.push({ field: "visibilite", reason: `« ${visibilityText} » n'est pas une visibilité : brouillon, reseau ou public` });
  const dates = (["debut", "fin"] as const).map((field) => {
    const v = value(field, { multiline: false });
    if (v && !validDate(v)) {
      problems.push({ field, reason: `« ${v} » n'est pas une date au format AAAA-MM-JJ` });
      return null;
    }
    return v || null;
  });
  if (dates[0] && dates[1] && dates[1] < dates[0]) problems.push({ field: "fin", reason: "est avant la date de début" });
  const sheet: SheetInput = {
    title,
    summary: value("resume"),
    body: value("texte"),
    themes: themeCodes,
    year,
    budgetEuros,
    partners: value("partenaires"),
    contact: value("contact"),
    visibility: visibilityText as SheetVisibility,
    audiences: value("publics"),
    funding: value("financement"),
    staff: value("equipe"),
    startedOn: dates[0] ?? null,
    endedOn: dates[1] ?? null,
    results: value("resultats"),
    lessons: value("lecons"),
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, sheet };
}

/** A problem as a sentence for a form's error summary (« Saisissez le titre », « L'année : … »). */
export function problemSentence(p: FieldProblem): string {
  const label = LABEL[p.field];
  if (p.reason === "obligatoire") return `Saisissez ${label}`;
  return `${label.charAt(0).toUpperCase()}${label.slice(1)}\u00a0: ${p.reason}`;
}

export function fieldLabel(field: SheetField): string {
  return LABEL[field];
}
