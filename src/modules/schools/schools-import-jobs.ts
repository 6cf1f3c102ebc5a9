// Web imports of schools files as records (table `imports`, kinds ecoles / classes / equipements): the upload
// is stored and the `import.schools` job runs it, writing its progress, then its report (rejected rows with
// their reason, and for the directory the rows left aside with their UAI).
import type { Clock } from "../../lib/clock.js";
import { and, desc, eq, getTableColumns, inArray } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.js";
import { imports } from "../../db/schema/index.js";
import { parisDateOf } from "../../lib/paris-time.js";
import { enqueueJob } from "../jobs/jobs.queue.js";
import { SCHOOLS_IMPORT_KINDS, importSchoolsFile, type SchoolsImportKind } from "./schools-import.js";

/** A line of an import's report: a rejected value, or (`skipped`) a directory row left aside. */
export type ReportEntry = { line: number; field: string; reason: string; uai?: string; skipped?: boolean };

export type SchoolsImportRow = Omit<typeof imports.$inferSelect, "content" | "errors" | "kind"> & { kind: SchoolsImportKind; errors: ReportEntry[] };

const kinds = [...SCHOOLS_IMPORT_KINDS];

/** Whether a string is one of the schools import kinds. */
export function isSchoolsImportKind(value: string): value is SchoolsImportKind {
  return (kinds as string[]).includes(value);
}

/** Records an uploaded file as an import and schedules the `import.schools` job, in the caller's transaction. */
export async function createSchoolsImport(
  db: Executor,
  props: { territoryId: number; kind: SchoolsImportKind; filename: string; content: string; skipInvalid: boolean; createdBy: number | null; now: Date },
): Promise<number> {
  const [row] = await db
    .insert(imports)
    .values({ territoryId: props.territoryId, kind: props.kind, filename: props.filename, content: props.content, skipInvalid: props.skipInvalid, createdBy: props.createdBy, createdAt: props.now })
    .returning({ id: imports.id });
  await enqueueJob(db, "import.schools", { importId: row!.id }, { runAt: props.now, maxAttempts: 1 });
  return row!.id;
}

const { content: _content, ...columns } = getTableColumns(imports);

/** One schools import of the territory (without the file's content), or undefined. */
export async function getSchoolsImport(db: Executor, { territoryId, importId }: { territoryId: number; importId: number }): Promise<SchoolsImportRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(imports)
    .where(and(eq(imports.territoryId, territoryId), eq(imports.id, importId), inArray(imports.kind, kinds)));
  return row as SchoolsImportRow | undefined;
}

/** The latest schools imports of the territory. */
export async function listSchoolsImports(db: Executor, { territoryId, limit = 10 }: { territoryId: number; limit?: number }): Promise<SchoolsImportRow[]> {
  const rows = await db
    .select(columns)
    .from(imports)
    .where(and(eq(imports.territoryId, territoryId), inArray(imports.kind, kinds)))
    .orderBy(desc(imports.id))
    .limit(limit);
  return rows as SchoolsImportRow[];
}

/** Rows still to write once every row is checked (0 when invalid rows stop the import). */
export function rowsToWrite(row: Pick<SchoolsImportRow, "errors" | "skipInvalid" | "totalRows">): number {
  const rejected = new Set(row.errors.filter((e) => !e.skipped).map((e) => e.line));
  const skipped = row.errors.filter((e) => e.skipped).length;
  if (rejected.size > 0 && !row.skipInvalid) return 0;
  return Math.max(0, row.totalRows - rejected.size - skipped);
}

/**
 * Runs a recorded import (the `import.schools` job): progress as it goes, then the report; the file's content is
 * dropped once done. Run twice, the second run does nothing.
 */
export async function runSchoolsImport(db: Db, { importId, clock }: { importId: number; clock: Clock }): Promise<void> {
  const [row] = await db.select().from(imports).where(and(eq(imports.id, importId), inArray(imports.kind, kinds)));
  if (!row || row.status === "done" || row.status === "failed" || row.content === null) return;
  const where = eq(imports.id, importId);
  await db.update(imports).set({ status: "running", processedRows: 0, importedRows: 0, totalRows: 0 }).where(where);
  try {
    let report: ReportEntry[] = [];
    const result = await importSchoolsFile(db, {
      territoryId: row.territoryId,
      kind: row.kind as SchoolsImportKind,
      text: row.content,
      skipInvalid: row.skipInvalid,
      filename: row.filename,
      today: parisDateOf(clock().getTime()),
      actor: { userId: row.createdBy, label: "import depuis le site", at: clock() },
      onChecked: async ({ totalRows, errors, skipped }) => {
        report = [...errors, ...skipped.map((s) => ({ line: s.line, field: "Identifiant_de_l_etablissement", reason: s.reason, uai: s.uai, skipped: true }))];
        report.sort((a, b) => a.line - b.line);
        await db.update(imports).set({ totalRows, processedRows: totalRows, errors: report }).where(where);
      },
      onProgress: async ({ written }) => {
        await db.update(imports).set({ importedRows: written }).where(where);
      },
    });
    await db
      .update(imports)
      .set({ status: "done", totalRows: result.totalRows, processedRows: result.totalRows, importedRows: result.imported, errors: report, content: null, finishedAt: clock() })
      .where(where);
  } catch (error) {
    const reason = "l'import s'est arrêté sur une erreur inattendue ; les lignes déjà enregistrées le restent, vous pouvez relancer l'import";
    await db.update(imports).set({ status: "failed", errors: [{ line: 0, field: "fichier", reason }], finishedAt: clock() }).where(where);
    throw error;
  }
}
