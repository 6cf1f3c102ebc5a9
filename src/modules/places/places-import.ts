// Importing places in the standard (CLI, web, benchmark share `importLieux`), and web imports as records.
import type { Clock } from "../../lib/clock.js";
import { and, eq, getTableColumns } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.js";
import { imports } from "../../db/schema/index.js";
import type { AuditActor } from "../audit/audit.commands.js";
import { enqueueJob } from "../jobs/jobs.queue.js";
import type { LieuRecord } from "./import-export/lieu-record.js";
import type { LieuImportError, LieuxFile } from "./import-export/lieu-validation.js";
import { readLieuxCsv } from "./import-export/lieux-csv.js";
import { readLieuxJson } from "./import-export/lieux-json.js";
import { upsertPlaces } from "./places.commands.js";

export type LieuxFormat = "csv" | "json";

/** Where an import stands: rows checked so far, then (once every row is checked) places written. */
export type ImportProgress = { checked: number; total: number | null; written: number; toWrite: number | null };

export type ImportLieuxResult = {
  imported: number;
  created: number;
  updated: number;
  errors: LieuImportError[];
  /** Data rows (CSV) or array elements (JSON) read. */
  totalRows: number;
  ignoredColumns: string[];
};

const PROGRESS_EVERY = 500;

/** "csv" or "json" from a file name, else from the content (a JSON array starts with "["). */
export function detectFormat(filename: string, text: string): LieuxFormat {
  const extension = /\.([a-z]+)$/i.exec(filename)?.[1]?.toLowerCase();
  if (extension === "csv" || extension === "json") return extension;
  return text.replace(/^\uFEFF/, "").trimStart().startsWith("[") ? "json" : "csv";
}

// Windows-1252 characters at 0x80–0x9F (œ, €, ’, «…»): Node's TextDecoder reads that range as Latin-1 controls.
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

/** Text of an uploaded file: UTF-8, or Windows-1252 as saved by older French spreadsheets. */
export function decodeUpload(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("latin1").decode(bytes).replace(/[\u0080-\u009f]/g, (char) => CP1252_HIGH[char.charCodeAt(0) - 0x80]!);
  }
}

/**
 * Validates a whole file, then upserts its places by `id`. By default one invalid row means nothing is
 * imported; with `skipInvalid` the valid rows are imported. Errors come in file order, `ligne N : champ — raison`.
 */
export async function importLieux(
  db: Db,
  props: {
    territoryId: number;
    text: string;
    format: LieuxFormat;
    skipInvalid: boolean;
    actor: AuditActor;
    filename?: string;
    onProgress?: (progress: ImportProgress) => void | Promise<void>;
    /** Called once every row is checked, before anything is written. */
    onChecked?: (errors: LieuImportError[]) => void;
  },
): Promise<ImportLieuxResult> {
  const file: LieuxFile = props.format === "csv" ? readLieuxCsv(props.text) : readLieuxJson(props.text);
  const valid: LieuRecord[] = [];
  const errors: LieuImportError[] = [];
  let checked = 0;
  for (const row of file.rows) {
    if (row.ok) valid.push(row.record);
    else errors.push(...row.errors);
    checked++;
    // Awaiting between chunks also lets an in-process web server answer requests during a long check.
    if (checked % PROGRESS_EVERY === 0) await props.onProgress?.({ checked, total: null, written: 0, toWrite: null });
  }
  const base = { errors, totalRows: checked, ignoredColumns: file.ignoredColumns };
  const toWrite = errors.length > 0 && !props.skipInvalid ? [] : valid;
  props.onChecked?.(errors);
  await props.onProgress?.({ checked, total: checked, written: 0, toWrite: toWrite.length });
  if (toWrite.length === 0) return { ...base, imported: 0, created: 0, updated: 0 };
  const result = await upsertPlaces(db, {
    territoryId: props.territoryId,
    records: toWrite,
    actor: props.actor,
    ...(props.filename ? { filename: props.filename } : {}),
    onProgress: (written) => props.onProgress?.({ checked, total: checked, written, toWrite: toWrite.length }),
  });
  return { ...base, imported: result.imported, created: result.created, updated: result.updated };
}

export type PlacesImportRow = Omit<typeof imports.$inferSelect, "content">;

/** Records an uploaded file as an import and schedules the `import.lieux` job, in the caller's transaction. */
export async function createPlacesImport(
  db: Executor,
  props: { territoryId: number; filename: string; content: string; skipInvalid: boolean; createdBy: number | null; now: Date },
): Promise<number> {
  const [row] = await db
    .insert(imports)
    .values({ territoryId: props.territoryId, kind: "lieux", filename: props.filename, content: props.content, skipInvalid: props.skipInvalid, createdBy: props.createdBy, createdAt: props.now })
    .returning({ id: imports.id });
  await enqueueJob(db, "import.lieux", { importId: row!.id }, { runAt: props.now, maxAttempts: 1 });
  return row!.id;
}

/** One import of places of the territory (without the file's content), or undefined. */
export async function getPlacesImport(db: Executor, { territoryId, importId }: { territoryId: number; importId: number }): Promise<PlacesImportRow | undefined> {
  const { content: _content, ...columns } = getTableColumns(imports);
  const [row] = await db
    .select(columns)
    .from(imports)
    .where(and(eq(imports.territoryId, territoryId), eq(imports.id, importId), eq(imports.kind, "lieux")));
  return row;
}

/**
 * Runs a recorded import (the `import.lieux` job): progress is written as it goes, then the report; the file's
 * content is dropped once done. A job run twice does nothing the second time.
 */
export async function runPlacesImport(db: Db, { importId, clock }: { importId: number; clock: Clock }): Promise<void> {
  const [row] = await db.select().from(imports).where(eq(imports.id, importId));
  if (!row || row.status === "done" || row.status === "failed" || row.content === null) return;
  const where = eq(imports.id, importId);
  await db.update(imports).set({ status: "running", processedRows: 0, importedRows: 0 }).where(where);
  try {
    let errors: LieuImportError[] = [];
    const result = await importLieux(db, {
      territoryId: row.territoryId,
      text: row.content,
      format: detectFormat(row.filename, row.content),
      skipInvalid: row.skipInvalid,
      filename: row.filename,
      actor: { userId: row.createdBy, label: "import depuis le site", at: clock() },
      onProgress: async (progress) => {
        await db
          .update(imports)
          .set({ processedRows: progress.checked, totalRows: progress.total ?? 0, importedRows: progress.written, errors })
          .where(where);
      },
      // Rejected rows are stored as soon as every row is checked, so the status page knows how many remain to write.
      onChecked: (rejected) => {
        errors = rejected;
      },
    });
    await db
      .update(imports)
      .set({ status: "done", totalRows: result.totalRows, processedRows: result.totalRows, importedRows: result.imported, errors: result.errors, content: null, finishedAt: clock() })
      .where(where);
  } catch (error) {
    const reason = "l'import s'est arrêté sur une erreur inattendue ; les lieux déjà enregistrés le restent, vous pouvez relancer l'import";
    await db.update(imports).set({ status: "failed", errors: [{ line: 0, field: "fichier", reason }], finishedAt: clock() }).where(where);
    throw error;
  }
}
