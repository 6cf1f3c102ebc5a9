// Shared pieces of the Schools CSV imports: reading records with their line numbers, matching
// headers, French-format field parsers and the error format `ligne N : champ — raison`.
import { parse } from "csv-parse/sync";
import { isIsoDate } from "../domain/dates.js";

/** One CSV record with the file line it starts on (the header is line 1). */
export interface CsvRecord {
  line: number;
  cells: readonly string[];
}

/** A rejected value: which line, which column, and why (in French). */
export interface ImportError {
  line: number;
  field: string;
  reason: string;
}

/** What every import parser returns: the rows to write and the errors that block them. */
export interface ImportResult<Row> {
  rows: Row[];
  errors: ImportError[];
}

/** Formats an error as the issue asks: `ligne N : champ — raison`. */
export function formatImportError(error: ImportError): string {
  return `ligne ${error.line} : ${error.field} — ${error.reason}`;
}

/** Reads CSV text into records (BOM removed, blank lines skipped, line numbers kept), or a file-level error. */
export function readCsv(text: string, delimiter = ";"): { records: CsvRecord[]; error: ImportError | null } {
  try {
    const parsed = parse(text, {
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    // csv-parse reports the line a record ends on; a quoted field may hold line breaks.
    const records = parsed.map(({ record, info }) => ({
      line: info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0),
      cells: record,
    }));
    return { records, error: null };
  } catch (err) {
    const line = typeof (err as { lines?: unknown }).lines === "number" ? (err as { lines: number }).lines : 1;
    return { records: [], error: { line, field: "fichier", reason: `fichier CSV illisible (${(err as Error).message})` } };
  }
}

/** Numbers arrays of cells as records, row 0 being the header on line 1 (for rows parsed elsewhere). */
export function recordsFromRows(rows: readonly (readonly string[])[]): CsvRecord[] {
  return rows.map((cells, index) => ({ line: index + 1, cells }));
}

const normalizedKeys = new Map<string, string>();

/** Lower-case, accent-free, trimmed form used to compare header names and codes. */
export function normalizeKey(value: string): string {
  // Remembered: every cell of a 200,000-row file is read by header name, and the names are few.
  const known = normalizedKeys.get(value);
  if (known !== undefined) return known;
  const key = value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").trim().toLowerCase();
  if (normalizedKeys.size < 10_000) normalizedKeys.set(value, key);
  return key;
}

/** Normalises a free-typed code: "Écran interactif" → "ecran_interactif". */
export function normalizeCode(value: string): string {
  return normalizeKey(value).replace(/[\s'-]+/g, "_");
}

/** Column positions by normalised header name, plus an error per required column that is missing. */
export function mapHeader(
  header: CsvRecord | undefined,
  required: readonly string[],
): { index: Map<string, number>; errors: ImportError[] } {
  const index = new Map<string, number>();
  header?.cells.forEach((name, i) => {
    const key = normalizeKey(name);
    if (!index.has(key)) index.set(key, i);
  });
  const errors = required
    .filter((name) => !index.has(normalizeKey(name)))
    .map((name) => ({ line: header?.line ?? 1, field: name, reason: "colonne absente de l'en-tête" }));
  return { index, errors };
}

/** Reads a trimmed cell by header name ("" when the column or the cell is missing). */
export function cellReader(index: Map<string, number>, record: CsvRecord): (name: string) => string {
  return (name) => {
    const i = index.get(normalizeKey(name));
    return i === undefined ? "" : (record.cells[i] ?? "").trim();
  };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Parses an amount written the French way ("1 234,56", "89.9", "12 €") into integer cents. */
export function parseEuroCents(input: string): Parsed<number> {
  const compact = input.replace(/[\s\u00a0\u202f]/g, "").replace(/€$/, "");
  if (!/^\d+([.,]\d{1,2})?$/.test(compact)) {
    return { ok: false, reason: `« ${input} » n'est pas un montant en euros (ex. 1 234,56)` };
  }
  const [units, decimals = ""] = compact.split(/[.,]/) as [string, string?];
  return { ok: true, value: Number(units) * 100 + Number(decimals.padEnd(2, "0")) };
}

/** Parses a date written YYYY-MM-DD or DD/MM/YYYY into YYYY-MM-DD, rejecting impossible dates. */
export function parseFrenchDate(input: string): Parsed<string> {
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(input);
  const iso = fr ? `${fr[3]}-${fr[2]?.padStart(2, "0")}-${fr[1]?.padStart(2, "0")}` : input;
  if (!isIsoDate(iso)) return { ok: false, reason: `« ${input} » n'est pas une date valide (AAAA-MM-JJ ou JJ/MM/AAAA)` };
  return { ok: true, value: iso };
}

/** Parses a whole number ≥ 0 (spaces as thousands separators allowed). */
export function parseCount(input: string): Parsed<number> {
  const compact = input.replace(/[\s\u00a0\u202f]/g, "");
  if (!/^\d+$/.test(compact)) return { ok: false, reason: `« ${input} » n'est pas un nombre entier positif ou nul` };
  return { ok: true, value: Number(compact) };
}

/** Parses a decimal number, point or comma as separator. */
export function parseDecimal(input: string): Parsed<number> {
  if (!/^-?\d+([.,]\d+)?$/.test(input)) return { ok: false, reason: `« ${input} » n'est pas un nombre décimal` };
  return { ok: true, value: Number(input.replace(",", ".")) };
}
