// Rows of the national directory of schools ("annuaire de l'éducation", CSV export with `;`).
// Headers are matched without regard to case or accents and unknown columns are ignored. A row is
// kept when it is a school (Type_etablissement = Ecole), not closed, in one of the territory's
// communes; any other row is reported as skipped with its UAI and the reason. Only kept rows are
// validated, so a collège with an odd value never blocks the import of the schools.
// `etat`: "FERME" (closed) rows are skipped; "A FERMER" and "A OUVRIR" are still kept, the school
// exists or is about to. Without an `etat` column every row counts as open.
import { checkUai } from "../domain/uai.js";
import {
  cellReader,
  mapHeader,
  normalizeKey,
  parseCount,
  parseDecimal,
  readCsv,
  type CsvRecord,
  type ImportError,
  type ImportResult,
} from "./csv.js";

/** Columns without which the directory cannot be read. */
export const DIRECTORY_REQUIRED_COLUMNS = [
  "Identifiant_de_l_etablissement",
  "Nom_etablissement",
  "Type_etablissement",
  "Code_commune",
] as const;

export type SchoolKind = "maternelle" | "elementaire" | "primaire";

export interface DirectorySchool {
  line: number;
  uai: string;
  nom: string;
  /** From the Ecole_maternelle / Ecole_elementaire flags when present, else from the name; primaire by default. */
  kind: SchoolKind;
  statut: string | null;
  adresse: string | null;
  codePostal: string | null;
  codeCommune: string;
  nomCommune: string | null;
  eleves: number | null;
  latitude: number | null;
  longitude: number | null;
}

export type SkipKind = "type" | "ferme" | "hors_territoire";

/** A row of the directory left aside on purpose, with why. */
export interface SkippedRow {
  line: number;
  uai: string;
  kind: SkipKind;
  reason: string;
}

export interface DirectoryResult extends ImportResult<DirectorySchool> {
  skipped: SkippedRow[];
}

export interface DirectoryOptions {
  /** INSEE codes of the territory's communes. */
  communeCodes: ReadonlySet<string>;
}

const INSEE_CODE = /^(\d{5}|2[AB]\d{3})$/;

/** Why a row is skipped, or null when it is a school of the territory to import. */
function skipReason(get: (name: string) => string, options: DirectoryOptions): { kind: SkipKind; reason: string } | null {
  const type = get("Type_etablissement");
  if (type !== "" && normalizeKey(type) !== "ecole") {
    return { kind: "type", reason: `${type.toLowerCase()} : seules les écoles sont importées` };
  }
  if (["ferme", "fermee"].includes(normalizeKey(get("etat")))) {
    return { kind: "ferme", reason: "établissement fermé" };
  }
  const commune = get("Code_commune");
  if (commune !== "" && !options.communeCodes.has(commune)) {
    const name = get("Nom_commune");
    return { kind: "hors_territoire", reason: `hors territoire (commune ${commune}${name ? ` ${name}` : ""})` };
  }
  return null;
}

/** The kind of school: the directory's 0/1 flags when given, else words of its name. */
export function schoolKind(get: (name: string) => string, name: string): SchoolKind {
  const flag = (column: string) => {
    const value = normalizeKey(get(column));
    return value === "" ? null : ["1", "oui", "o", "true"].includes(value);
  };
  const [maternelle, elementaire] = [flag("Ecole_maternelle"), flag("Ecole_elementaire")];
  if (maternelle !== null && elementaire !== null && maternelle !== elementaire) return maternelle ? "maternelle" : "elementaire";
  const words = normalizeKey(name);
  if (words.includes("maternelle")) return "maternelle";
  if (words.includes("elementaire")) return "elementaire";
  return "primaire";
}

/** Validates a kept row; returns the school or the errors of that line. */
function readSchool(get: (name: string) => string, line: number): DirectorySchool | ImportError[] {
  const errors: ImportError[] = [];
  const fail = (field: string, reason: string) => errors.push({ line, field, reason });
  const uai = checkUai(get("Identifiant_de_l_etablissement"));
  if (!uai.ok) fail("Identifiant_de_l_etablissement", uai.reason);
  const nom = get("Nom_etablissement");
  if (nom === "") fail("Nom_etablissement", "le nom de l'école est vide");
  if (get("Type_etablissement") === "") fail("Type_etablissement", "le type d'établissement est vide");
  const codeCommune = get("Code_commune");
  if (!INSEE_CODE.test(codeCommune)) fail("Code_commune", `« ${codeCommune} » n'est pas un code commune INSEE`);
  const optionalNumber = (field: string, parse: typeof parseDecimal, min: number, max: number): number | null => {
    const raw = get(field);
    if (raw === "") return null;
    const parsed = parse(raw);
    if (!parsed.ok) fail(field, parsed.reason);
    else if (parsed.value < min || parsed.value > max) fail(field, `${raw} est hors de l'intervalle ${min} à ${max}`);
    return parsed.ok ? parsed.value : null;
  };
  const eleves = optionalNumber("Nombre_d_eleves", parseCount, 0, 100_000);
  const latitude = optionalNumber("latitude", parseDecimal, -90, 90);
  const longitude = optionalNumber("longitude", parseDecimal, -180, 180);
  if (errors.length > 0 || !uai.ok) return errors;
  const optional = (field: string) => get(field) || null;
  return {
    line,
    uai: uai.uai,
    nom,
    kind: schoolKind(get, nom),
    statut: optional("Statut_public_prive"),
    adresse: optional("Adresse_1"),
    codePostal: optional("Code_postal"),
    codeCommune,
    nomCommune: optional("Nom_commune"),
    eleves,
    latitude,
    longitude,
  };
}

/** Parses directory records (header first): schools of the territory, skipped rows, errors. */
export function parseSchoolsDirectoryRecords(records: readonly CsvRecord[], options: DirectoryOptions): DirectoryResult {
  const [header, ...data] = records;
  const { index, errors } = mapHeader(header, DIRECTORY_REQUIRED_COLUMNS);
  const result: DirectoryResult = { rows: [], errors, skipped: [] };
  if (errors.length > 0) return result;
  const seen = new Map<string, number>();
  for (const record of data) {
    const get = cellReader(index, record);
    const skip = skipReason(get, options);
    if (skip) {
      result.skipped.push({ line: record.line, uai: get("Identifiant_de_l_etablissement"), ...skip });
      continue;
    }
    const school = readSchool(get, record.line);
    if (Array.isArray(school)) {
      result.errors.push(...school);
      continue;
    }
    const first = seen.get(school.uai);
    if (first !== undefined) {
      result.errors.push({ line: record.line, field: "Identifiant_de_l_etablissement", reason: `UAI ${school.uai} déjà présent ligne ${first}` });
      continue;
    }
    seen.set(school.uai, record.line);
    result.rows.push(school);
  }
  return result;
}

/** Parses the directory's CSV text (`;` separated, UTF-8, BOM allowed). */
export function parseSchoolsDirectoryCsv(text: string, options: DirectoryOptions): DirectoryResult {
  const { records, error } = readCsv(text, ";");
  if (error) return { rows: [], errors: [error], skipped: [] };
  return parseSchoolsDirectoryRecords(records, options);
}
