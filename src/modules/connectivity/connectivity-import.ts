// Importing the regulator's connectivity files (CLI, web job, demo and benchmark share it): every row checked
// first, then figures written in batches under row-level security; all or nothing unless `skipInvalid`.
import type { Db } from "../../db/client.js";
import { withTenant } from "../../db/tenant.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";
import type { ImportError } from "../schools/import-export/csv.js";
import { listCommunes } from "../territories/territories.queries.js";
import { upsertFigures } from "./connectivity.commands.js";
import { parseMciCsv, type ParsedConnectivity } from "./import-export/arcep-files.js";
import { parseObservatoryWorkbook } from "./import-export/arcep-observatory.js";
import { decodeUpload } from "../places/places-import.js";

export type ObservatoryImportResult = {
  /** What the file is, in French. */
  label: string;
  totalRows: number;
  /** Rows of communes outside the territory. */
  skipped: number;
  /** Rows written (figures or indicator values). */
  imported: number;
  created: number;
  updated: number;
  errors: ImportError[];
  /** Quarters (connectivity) or indicators (census) found. */
  found: string[];
};

export type ImportHooks = {
  onChecked?: (checked: { label: string; totalRows: number; skipped: number; errors: ImportError[]; toWrite: number; found: string[] }) => void | Promise<void>;
  onProgress?: (written: number, toWrite: number) => void | Promise<void>;
};

const BATCH = 2000;

/** Whether bytes are a zip container (an .xlsx workbook). */
export function isWorkbook(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Writes checked rows in batches (all, or only the valid rows with `skipInvalid`) and reports. */
export async function writeChecked<T>(
  props: { territoryId: number; rows: T[]; errors: ImportError[]; skipInvalid: boolean; write: (batch: T[]) => Promise<{ created: number; updated: number }>; hooks: ImportHooks },
): Promise<{ imported: number; created: number; updated: number }> {
  const toWrite = props.errors.length > 0 && !props.skipInvalid ? [] : props.rows;
  const out = { imported: 0, created: 0, updated: 0 };
  for (let start = 0; start < toWrite.length; start += BATCH) {
    const batch = toWrite.slice(start, start + BATCH);
    const written = await props.write(batch);
    out.created += written.created;
    out.updated += written.updated;
    out.imported += batch.length;
    await props.hooks.onProgress?.(out.imported, toWrite.length);
  }
  return out;
}

/** Imports one "Ma connexion internet" CSV or observatory workbook into the territory. */
export async function importConnectivityFile(
  db: Db,
  props: { territoryId: number; bytes: Uint8Array; skipInvalid: boolean; actor: AuditActor; filename?: string } & ImportHooks,
): Promise<ObservatoryImportResult> {
  const { territoryId } = props;
  const communes = await withTenant(db, territoryId, (tx) => listCommunes(tx, { territoryId }));
  const codes = new Set(communes.map((c) => c.insee));
  const parsed: ParsedConnectivity = isWorkbook(props.bytes) ? await parseObservatoryWorkbook(props.bytes, codes) : parseMciCsv(decodeUpload(props.bytes), codes);
  const found = [...new Set(parsed.figures.map((f) => f.quarter))].sort();
  const toWrite = parsed.errors.length > 0 && !props.skipInvalid ? 0 : parsed.figures.length;
  await props.onChecked?.({ label: parsed.label, totalRows: parsed.totalRows, skipped: parsed.skipped, errors: parsed.errors, toWrite, found });
  const written = await writeChecked({
    territoryId,
    rows: parsed.figures,
    errors: parsed.errors,
    skipInvalid: props.skipInvalid,
    hooks: props,
    write: (batch) => withTenant(db, territoryId, (tx) => upsertFigures(tx, { territoryId, figures: batch, now: props.actor.at })),
  });
  if (written.imported > 0) {
    await withTenant(db, territoryId, (tx) =>
      recordAudit(tx, { territoryId, actor: props.actor, action: "connectivity.import", entityType: "import", details: { filename: props.filename ?? null, file: parsed.label, rows: parsed.totalRows, figures: written.imported, skipped: parsed.skipped, errors: parsed.errors.length } }),
    );
  }
  return { label: parsed.label, totalRows: parsed.totalRows, skipped: parsed.skipped, errors: parsed.errors, found, ...written };
}
