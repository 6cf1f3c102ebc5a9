// `maillage import experiences`: a network moving its existing base of experience sheets in. CSV columns
// `titre;resume;texte;themes;annee;budget_euros;partenaires;contact;visibilite` (`;` or `,`), or a JSON array of
// objects with the same keys. All or nothing: one invalid row and nothing is imported; every problem is reported
// with its line (the CSV line where the record starts; the position in the JSON array), field and reason.
import { parse } from "csv-parse/sync";
import type { Db } from "../../../db/client.js";
import { withTenant } from "../../../db/tenant.js";
import type { AuditActor } from "../../audit/audit.commands.js";
import { createSheet } from "../sheets.commands.js";
import { listThemes } from "../sheets.queries.js";
import { SHEET_IMPORT_COLUMNS, validateSheet, type SheetInput, type SheetRaw } from "../domain/sheet-input.js";

export type SheetImportError = { line: number; field: string; reason: string };
export type SheetImportResult = { imported: number; errors: SheetImportError[]; ignoredColumns: string[]; totalRows: number };

export function formatSheetError(error: SheetImportError): string {
  return `ligne ${error.line} : ${error.field} — ${error.reason}`;
}

type Row = { line: number; raw: Record<string, unknown> };

function readCsv(text: string): { rows: Row[]; header: string[]; errors: SheetImportError[] } {
  const body = text.replace(/^\uFEFF/, "");
  const firstLine = body.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const records: { line: number; cells: string[] }[] = [];
  try {
    parse(body, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (cells: string[], context) => {
        const spanned = cells.reduce((sum, cell) => sum + (cell.match(/\n/g)?.length ?? 0), 0);
        records.push({ line: context.lines - spanned, cells });
        return null;
      },
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? records.length + 1;
    return { rows: [], header: [], errors: [{ line, field: "fichier", reason: `CSV illisible : ${(error as Error).message.replace(/^.*?:\s*/, "")}` }] };
  }
  const [head, ...rest] = records;
  if (!head) return { rows: [], header: [], errors: [{ line: 1, field: "fichier", reason: "fichier vide : la première ligne doit nommer les colonnes" }] };
  const header = head.cells.map((c) => c.trim().toLowerCase());
  const rows = rest
    .filter((r) => r.cells.some((c) => c.trim() !== ""))
    .map((r) => ({ line: r.line, raw: Object.fromEntries(header.map((name, i) => [name, r.cells[i] ?? ""])) }));
  return { rows, header, errors: [] };
}

function readJson(text: string): { rows: Row[]; header: string[]; errors: SheetImportError[] } {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    return { rows: [], header: [], errors: [{ line: 1, field: "fichier", reason: `JSON illisible : ${(error as Error).message}` }] };
  }
  if (!Array.isArray(data)) return { rows: [], header: [], errors: [{ line: 1, field: "fichier", reason: "le fichier JSON doit être un tableau d'objets ([{ \"titre\": … }, …])" }] };
  const rows: Row[] = [];
  const errors: SheetImportError[] = [];
  const keys = new Set<string>();
  data.forEach((item, i) => {
    if (!item || typeof item !== "object" || Array.isArray(item)) {
      errors.push({ line: i + 1, field: "élément", reason: "n'est pas un objet" });
      return;
    }
    const raw: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(item as Record<string, unknown>)) {
      keys.add(k);
      // Numbers (annee, budget_euros) and theme lists are accepted as JSON types too.
      raw[k] = Array.isArray(v) ? v.join("|") : v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
    }
    rows.push({ line: i + 1, raw });
  });
  return { rows, header: [...keys], errors };
}

/** Checks every row; imports them all in one transaction of the territory only if none is invalid. */
export async function importSheets(db: Db, props: { territoryId: number; text: string; format: "csv" | "json"; actor: AuditActor; demo?: boolean }): Promise<SheetImportResult> {
  const file = props.format === "csv" ? readCsv(props.text) : readJson(props.text);
  const known = new Set<string>(SHEET_IMPORT_COLUMNS);
  const ignoredColumns = file.header.filter((h) => h && !known.has(h));
  const errors = [...file.errors];
  if (props.format === "csv" && file.header.length > 0 && !file.header.includes("titre")) errors.push({ line: 1, field: "titre", reason: "colonne manquante : la première ligne doit nommer les colonnes titre;resume;texte;themes;annee;budget_euros;partenaires;contact;visibilite" });
  if (file.rows.length === 0 && errors.length === 0) errors.push({ line: 1, field: "fichier", reason: "aucune fiche dans le fichier" });
  const themes = new Set((await withTenant(db, props.territoryId, (tx) => listThemes(tx))).map((t) => t.code));
  const currentYear = Number(props.actor.at.toISOString().slice(0, 4));
  const valid: SheetInput[] = [];
  for (const row of file.rows) {
    const raw: SheetRaw = {};
    for (const column of SHEET_IMPORT_COLUMNS) raw[column] = typeof row.raw[column] === "string" ? (row.raw[column] as string) : "";
    const checked = validateSheet(raw, { themes, currentYear });
    if (checked.ok) valid.push(checked.sheet);
    else for (const p of checked.problems) errors.push({ line: row.line, field: p.field, reason: p.reason === "obligatoire" ? "obligatoire : chaque fiche a un titre" : p.reason });
  }
  if (errors.length > 0) return { imported: 0, errors, ignoredColumns, totalRows: file.rows.length };
  await withTenant(db, props.territoryId, async (tx) => {
    for (const input of valid) await createSheet(tx, { territoryId: props.territoryId, input, actor: props.actor, ...(props.demo ? { demo: true } : {}) });
  });
  return { imported: valid.length, errors: [], ignoredColumns, totalRows: file.rows.length };
}
