/**
 * The standard's CSV: header on line 1 with the standard's column names, `,` separator (a `;` file, as
 * saved by French spreadsheets, is recognised from its header), multi-values joined with `|`.
 */
import { CsvError, parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { protectText, unprotectText } from "../../../lib/spreadsheet-cells.js";
import { REQUIRED_COLUMNS, STANDARD_COLUMNS, toStandardCells, type LieuRecord } from "./lieu-record.js";
import {
  collectRows,
  rejectDuplicateIds,
  validateLieu,
  type LieuRowResult,
  type LieuxFile,
  type LieuxImport,
} from "./lieu-validation.js";

interface CsvLine {
  line: number;
  cells: string[];
}

const STANDARD_COLUMN_SET: ReadonlySet<string> = new Set(STANDARD_COLUMNS);

/** Reads a CSV file in the standard: header checks now, row validation as `rows` is iterated. */
export function readLieuxCsv(text: string): LieuxFile {
  // csv-parse counts a CRLF inside a quoted value as two lines; with LF only, its line numbers are exact.
  const normalized = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const { lines, failure } = parseCsvLines(normalized, sniffDelimiter(normalized));
  const [header, ...body] = lines;
  if (!header) return { ignoredColumns: [], rows: failure ? [failure] : [fileError(1, "fichier", "le fichier est vide")] };
  const columns = header.cells.map((cell) => cell.trim().toLowerCase());
  const headerErrors = checkHeader(columns);
  if (headerErrors.length > 0) return { ignoredColumns: [], rows: [{ line: 1, ok: false, errors: headerErrors }] };
  const ignoredColumns = columns.filter((column) => column !== "" && !STANDARD_COLUMN_SET.has(column));
  return { ignoredColumns, rows: rejectDuplicateIds(validateLines(columns, body, failure)) };
}

/** Parses and validates a whole CSV file: the valid records and every rejected row's { line, field, reason }. */
export function parseLieuxCsv(text: string): LieuxImport {
  const file = readLieuxCsv(text);
  return collectRows(file.rows, file.ignoredColumns);
}

/** The standard's CSV line by line (header first, each line ending with "\n"), ready for `Readable.from`. */
export async function* toStandardCsv(
  records: Iterable<LieuRecord> | AsyncIterable<LieuRecord>,
  options: { bom?: boolean } = {},
): AsyncGenerator<string> {
  // Excel needs the BOM to read UTF-8; other consumers of the standard do without.
  yield `${options.bom ? "\uFEFF" : ""}${stringify([[...STANDARD_COLUMNS]])}`;
  // A person opens this file in a spreadsheet: no cell may run as a formula; the import takes the guard off again.
  for await (const record of records) yield stringify([toStandardCells(record).map(protectText)]);
}

function sniffDelimiter(text: string): "," | ";" {
  const end = text.indexOf("\n");
  const header = end === -1 ? text : text.slice(0, end);
  const count = (separator: string): number => header.split(separator).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

function parseCsvLines(text: string, delimiter: string): { lines: CsvLine[]; failure?: LieuRowResult } {
  const lines: CsvLine[] = [];
  let lastLine = 0;
  try {
    parse(text, {
      delimiter,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (cells: string[], context) => {
        lastLine = context.lines;
        // `lines` is where the record ends; a quoted value may span several lines.
        const spanned = cells.reduce((sum, cell) => sum + (cell.match(/\n/g)?.length ?? 0), 0);
        lines.push({ line: context.lines - spanned, cells });
        return null;
      },
    });
    return { lines };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return { lines, failure: fileError(lastLine + 1, "fichier", csvErrorReason(error)) };
  }
}

function csvErrorReason(error: CsvError): string {
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return "un guillemet ouvert n'est jamais refermé ; la suite du fichier n'a pas pu être lue";
    case "CSV_INVALID_CLOSING_QUOTE":
      return "caractère inattendu après un guillemet fermant ; la suite du fichier n'a pas pu être lue";
    default:
      return `fichier CSV illisible à partir d'ici (${error.code})`;
  }
}

function fileError(line: number, field: string, reason: string): LieuRowResult {
  return { line, ok: false, errors: [{ line, field, reason }] };
}

function checkHeader(columns: string[]): { line: number; field: string; reason: string }[] {
  const errors = columns
    .filter((column, index) => column !== "" && columns.indexOf(column) !== index)
    .map((column) => ({ line: 1, field: column, reason: "colonne présente deux fois dans l'en-tête" }));
  for (const column of REQUIRED_COLUMNS) {
    if (!columns.includes(column)) errors.push({ line: 1, field: column, reason: "colonne obligatoire absente de l'en-tête" });
  }
  return errors;
}

function* validateLines(columns: string[], body: CsvLine[], failure: LieuRowResult | undefined): Generator<LieuRowResult> {
  for (const { line, cells } of body) {
    if (cells.every((cell) => cell.trim() === "")) continue; // a row of empty cells left by a spreadsheet
    const extra = cells.slice(columns.length);
    if (cells.length < columns.length || extra.some((cell) => cell.trim() !== "")) {
      yield fileError(line, "colonnes", `${cells.length} valeurs pour ${columns.length} colonnes dans l'en-tête`);
      continue;
    }
    const raw: Record<string, string> = {};
    columns.forEach((column, index) => {
      if (column !== "") raw[column] = unprotectText(cells[index] ?? "");
    });
    yield validateLieu(raw, line);
  }
  if (failure) yield failure;
}
