// Web imports of connectivity and census files as records (table `imports`, kinds connectivite / indicateurs):
// the upload is stored (a workbook as base64), the `import.observatory` job runs it, writing its progress,
// then its report (rejected rows, rows of other communes skipped, quarters or indicators found).
import { and, desc, eq, getTableColumns, inArray } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.js";
import type { Clock } from "../../lib/clock.js";
import { imports, territories } from "../../db/schema/index.js";
import { importConnectivityFile, type ObservatoryImportResult } from "../connectivity/connectivity-import.js";
import { enqueueJob } from "../jobs/jobs.queue.js";
import { importIndicatorsFile } from "./indicators-import.js";

export const OBSERVATORY_IMPORT_KINDS = ["connectivite", "indicateurs"] as const;
export type ObservatoryImportKind = (typeof OBSERVATORY_IMPORT_KINDS)[number];

export type ImportSummary = { label?: string; skipped?: number; found?: string[]; toWrite?: number };
export type ObservatoryImportRow = Omit<typeof imports.$inferSelect, "content" | "summary" | "kind"> & { kind: ObservatoryImportKind; summary: ImportSummary };

const BASE64 = "base64:";
const kinds = [...OBSERVATORY_IMPORT_KINDS];

/** Records an uploaded file as an import and schedules the `import.observatory` job, in the caller's transaction. */
export async function createObservatoryImport(
  db: Executor,
  props: { territoryId: number; kind: ObservatoryImportKind; filename: string; bytes: Uint8Array; skipInvalid: boolean; createdBy: number | null; now: Date },
): Promise<number> {
  // Kept as the bytes sent (a workbook is binary; a CSV's encoding is found when it is read), in base64 text
  // until the job has read it, then dropped like any import's content.
  const content = `${BASE64}${Buffer.from(props.bytes).toString("base64")}`;
  const [row] = await db
    .insert(imports)
    .values({ territoryId: props.territoryId, kind: props.kind, filename: props.filename, content, skipInvalid: props.skipInvalid, createdBy: props.createdBy, createdAt: props.now })
    .returning({ id: imports.id });
  await enqueueJob(db, "import.observatory", { importId: row!.id }, { runAt: props.now, maxAttempts: 1 });
  return row!.id;
}

const { content: _content, ...columns } = getTableColumns(imports);

/** One connectivity or census import of the territory (without the file), or undefined. */
export async function getObservatoryImport(db: Executor, { territoryId, importId, kind }: { territoryId: number; importId: number; kind: ObservatoryImportKind }): Promise<ObservatoryImportRow | undefined> {
  const [row] = await db.select(columns).from(imports).where(and(eq(imports.territoryId, territoryId), eq(imports.id, importId), eq(imports.kind, kind)));
  return row as ObservatoryImportRow | undefined;
}

/** The latest imports of a kind. */
export async function listObservatoryImports(db: Executor, { territoryId, kind, limit = 5 }: { territoryId: number; kind: ObservatoryImportKind; limit?: number }): Promise<ObservatoryImportRow[]> {
  const rows = await db.select(columns).from(imports).where(and(eq(imports.territoryId, territoryId), eq(imports.kind, kind))).orderBy(desc(imports.id)).limit(limit);
  return rows as ObservatoryImportRow[];
}

/** Runs a recorded import (the `import.observatory` job); run twice, the second run does nothing. */
export async function runObservatoryImport(db: Db, { importId, clock }: { importId: number; clock: Clock }): Promise<void> {
  const [row] = await db.select().from(imports).where(and(eq(imports.id, importId), inArray(imports.kind, kinds)));
  if (!row || row.status === "done" || row.status === "failed" || row.content === null) return;
  const where = eq(imports.id, importId);
  await db.update(imports).set({ status: "running", processedRows: 0, importedRows: 0, totalRows: 0 }).where(where);
  const bytes = row.content.startsWith(BASE64) ? Buffer.from(row.content.slice(BASE64.length), "base64") : Buffer.from(row.content, "utf8");
  const common = {
    territoryId: row.territoryId,
    bytes,
    skipInvalid: row.skipInvalid,
    filename: row.filename,
    actor: { userId: row.createdBy, label: "import depuis le site", at: clock() },
    onChecked: async (checked: { label: string; totalRows: number; skipped: number; errors: ObservatoryImportResult["errors"]; toWrite: number; found: string[] }) => {
      await db
        .update(imports)
        .set({ totalRows: checked.totalRows, processedRows: checked.totalRows, errors: checked.errors, summary: { label: checked.label, skipped: checked.skipped, found: checked.found, toWrite: checked.toWrite } })
        .where(where);
    },
    onProgress: async (written: number) => {
      await db.update(imports).set({ importedRows: written }).where(where);
    },
  };
  try {
    let result: ObservatoryImportResult;
    if (row.kind === "connectivite") result = await importConnectivityFile(db, common);
    else {
      const [territory] = await db.select({ code: territories.code }).from(territories).where(eq(territories.id, row.territoryId));
      result = await importIndicatorsFile(db, { ...common, territoryCode: territory?.code ?? "" });
    }
    await db.update(imports).set({ status: "done", importedRows: result.imported, content: null, finishedAt: clock() }).where(where);
  } catch (error) {
    const reason = "l'import s'est arrêté sur une erreur inattendue ; les lignes déjà enregistrées le restent, vous pouvez relancer l'import";
    await db.update(imports).set({ status: "failed", errors: [{ line: 0, field: "fichier", reason }], content: null, finishedAt: clock() }).where(where);
    throw error;
  }
}
