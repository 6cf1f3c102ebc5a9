// Rows of the classes import: `uai;classe;niveaux;eleves`, levels joined with `|` (e.g. CE2|CM1).
import { checkUai } from "../domain/uai.js";
import { cellReader, mapHeader, parseCount, readCsv, type CsvRecord, type ImportError, type ImportResult } from "./csv.js";

/** Levels of écoles maternelles and élémentaires, youngest first. */
export const SCHOOL_LEVELS = ["TPS", "PS", "MS", "GS", "CP", "CE1", "CE2", "CM1", "CM2"] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];

export const CLASSES_COLUMNS = ["uai", "classe", "niveaux", "eleves"] as const;

export interface ClassRow {
  line: number;
  uai: string;
  classe: string;
  niveaux: SchoolLevel[];
  eleves: number | null;
}

export interface ClassesOptions {
  /** UAIs of the territory's schools; when given, a row for another school is an error. */
  knownUais?: ReadonlySet<string>;
}

/** Parses `CE2|CM1` into known levels, in school order, or explains what is wrong. */
export function parseLevels(input: string): { ok: true; value: SchoolLevel[] } | { ok: false; reason: string } {
  const parts = input.split("|").map((p) => p.trim().toUpperCase()).filter((p) => p !== "");
  if (parts.length === 0) return { ok: false, reason: "au moins un niveau est attendu (ex. CE2|CM1)" };
  const unknown = parts.filter((p) => !(SCHOOL_LEVELS as readonly string[]).includes(p));
  if (unknown.length > 0) {
    return { ok: false, reason: `niveau inconnu « ${unknown.join(", ")} » (attendus : ${SCHOOL_LEVELS.join(", ")})` };
  }
  return { ok: true, value: SCHOOL_LEVELS.filter((level) => parts.includes(level)) };
}

/** Validates one class row; returns the class or the errors of that line. */
function readClass(get: (name: string) => string, line: number, options: ClassesOptions): ClassRow | ImportError[] {
  const errors: ImportError[] = [];
  const uai = checkUai(get("uai"));
  if (!uai.ok) errors.push({ line, field: "uai", reason: uai.reason });
  else if (options.knownUais && !options.knownUais.has(uai.uai)) {
    errors.push({ line, field: "uai", reason: `aucune école ${uai.uai} dans le territoire` });
  }
  const classe = get("classe");
  if (classe === "") errors.push({ line, field: "classe", reason: "le nom de la classe est vide" });
  const niveaux = parseLevels(get("niveaux"));
  if (!niveaux.ok) errors.push({ line, field: "niveaux", reason: niveaux.reason });
  const rawPupils = get("eleves");
  const eleves = rawPupils === "" ? null : parseCount(rawPupils);
  if (eleves && !eleves.ok) errors.push({ line, field: "eleves", reason: eleves.reason });
  if (errors.length > 0 || !uai.ok || !niveaux.ok || (eleves && !eleves.ok)) return errors;
  return { line, uai: uai.uai, classe, niveaux: niveaux.value, eleves: eleves ? eleves.value : null };
}

/** Parses class records (header first); a class name appears once per school. */
export function parseClassesRecords(records: readonly CsvRecord[], options: ClassesOptions = {}): ImportResult<ClassRow> {
  const [header, ...data] = records;
  const { index, errors } = mapHeader(header, CLASSES_COLUMNS);
  const result: ImportResult<ClassRow> = { rows: [], errors };
  if (errors.length > 0) return result;
  const seen = new Map<string, number>();
  for (const record of data) {
    const row = readClass(cellReader(index, record), record.line, options);
    if (Array.isArray(row)) {
      result.errors.push(...row);
      continue;
    }
    const key = `${row.uai}\u0000${row.classe.toLowerCase()}`;
    const first = seen.get(key);
    if (first !== undefined) {
      result.errors.push({ line: row.line, field: "classe", reason: `classe « ${row.classe} » déjà présente pour ${row.uai} ligne ${first}` });
      continue;
    }
    seen.set(key, row.line);
    result.rows.push(row);
  }
  return result;
}

/** Parses the classes CSV text (`;` separated). */
export function parseClassesCsv(text: string, options: ClassesOptions = {}): ImportResult<ClassRow> {
  const { records, error } = readCsv(text, ";");
  return error ? { rows: [], errors: [error] } : parseClassesRecords(records, options);
}
