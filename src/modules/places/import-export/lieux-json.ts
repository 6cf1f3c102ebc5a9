/**
 * The standard's JSON: an array of places in the flat form (`SchemaLieuMediationNumerique`, multi-values
 * joined with `|`, coordinates as numbers), as served by the national cartography API.
 *
 * Line numbers in import errors: a JSON file has no rows, so `line` is the position of the element in the
 * array counted from 1 (first place = 1). Only a syntax error uses a line of the file's text.
 */
import type { SchemaLieuMediationNumerique } from "@gouvfr-anct/lieux-de-mediation-numerique";
import { STANDARD_COLUMNS, toStandardRow, type LieuRecord } from "./lieu-record.js";
import {
  collectRows,
  rejectDuplicateIds,
  validateLieu,
  type LieuRowResult,
  type LieuxFile,
  type LieuxImport,
} from "./lieu-validation.js";

const STANDARD_COLUMN_SET: ReadonlySet<string> = new Set(STANDARD_COLUMNS);

/** Reads a JSON array of places in the standard's flat form; elements are validated as `rows` is iterated. */
export function readLieuxJson(text: string): LieuxFile {
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const line = syntaxErrorLine(text, error);
    return { ignoredColumns: [], rows: [rowError(line, "fichier", "le fichier n'est pas du JSON valide")] };
  }
  if (!Array.isArray(document)) {
    return { ignoredColumns: [], rows: [rowError(1, "fichier", "un tableau JSON de lieux est attendu")] };
  }
  const ignored = new Set<string>();
  for (const element of document) {
    if (isObject(element)) for (const key of Object.keys(element)) if (!STANDARD_COLUMN_SET.has(key)) ignored.add(key);
  }
  return { ignoredColumns: [...ignored], rows: rejectDuplicateIds(validateElements(document)) };
}

/** Parses and validates a whole JSON file: the valid records and every rejected element's { line, field, reason }. */
export function parseLieuxJson(text: string): LieuxImport {
  const file = readLieuxJson(text);
  return collectRows(file.rows, file.ignoredColumns);
}

/** The records in the standard's flat JSON form (keys in the official order). */
export function toStandardJson(records: Iterable<LieuRecord>): SchemaLieuMediationNumerique[] {
  return Array.from(records, toStandardRow);
}

/** The standard's JSON array as text chunks, one place per chunk, for streaming big exports. */
export async function* toStandardJsonChunks(records: Iterable<LieuRecord> | AsyncIterable<LieuRecord>): AsyncGenerator<string> {
  let first = true;
  yield "[";
  for await (const record of records) {
    yield `${first ? "\n" : ",\n"}${JSON.stringify(toStandardRow(record))}`;
    first = false;
  }
  yield first ? "]\n" : "\n]\n";
}

function* validateElements(elements: unknown[]): Generator<LieuRowResult> {
  for (const [index, element] of elements.entries()) {
    yield isObject(element) ? validateLieu(element, index + 1) : rowError(index + 1, "élément", "un objet JSON est attendu");
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function rowError(line: number, field: string, reason: string): LieuRowResult {
  return { line, ok: false, errors: [{ line, field, reason }] };
}

// V8 reports "… at position 123" (Node 20) or "(line 4 column 2)"; fall back to line 1.
function syntaxErrorLine(text: string, error: unknown): number {
  const message = error instanceof Error ? error.message : "";
  const line = /line (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const position = /position (\d+)/.exec(message);
  return position ? text.slice(0, Number(position[1])).split("\n").length : 1;
}
