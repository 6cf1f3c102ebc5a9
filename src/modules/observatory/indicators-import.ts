// Importing INSEE per-commune files (CLI, web job, demo): checked first, then written in batches.
import type { Db } from "../../db/client.js";
import { withTenant } from "../../db/tenant.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";
import { writeChecked, type ImportHooks, type ObservatoryImportResult } from "../connectivity/connectivity-import.js";
import { decodeUpload } from "../places/places-import.js";
import { listCommunes } from "../territories/territories.queries.js";
import { parseInseeCsv } from "./import-export/insee-files.js";
import { upsertIndicators } from "./indicators.commands.js";

/** Imports one INSEE file into the territory (its own SIREN row kept as the intercommunality's figure). */
export async function importIndicatorsFile(
  db: Db,
  props: { territoryId: number; territoryCode: string; bytes: Uint8Array; skipInvalid: boolean; actor: AuditActor; filename?: string } & ImportHooks,
): Promise<ObservatoryImportResult> {
  const { territoryId } = props;
  const communes = await withTenant(db, territoryId, (tx) => listCommunes(tx, { territoryId }));
  const parsed = parseInseeCsv(decodeUpload(props.bytes), new Set(communes.map((c) => c.insee)), props.territoryCode);
  const label = parsed.indicators.length > 0 ? `Fichier Insee par commune (${parsed.indicators.length} indicateur${parsed.indicators.length > 1 ? "s" : ""})` : "fichier non reconnu";
  const toWrite = parsed.errors.length > 0 && !props.skipInvalid ? 0 : parsed.values.length;
  await props.onChecked?.({ label, totalRows: parsed.totalRows, skipped: parsed.skipped, errors: parsed.errors, toWrite, found: parsed.indicators });
  const written = await writeChecked({
    territoryId,
    rows: parsed.values,
    errors: parsed.errors,
    skipInvalid: props.skipInvalid,
    hooks: props,
    write: (batch) => withTenant(db, territoryId, (tx) => upsertIndicators(tx, { territoryId, values: batch, now: props.actor.at })),
  });
  if (written.imported > 0) {
    await withTenant(db, territoryId, (tx) =>
      recordAudit(tx, { territoryId, actor: props.actor, action: "indicators.import", entityType: "import", details: { filename: props.filename ?? null, indicators: parsed.indicators, rows: parsed.totalRows, values: written.imported, skipped: parsed.skipped, errors: parsed.errors.length } }),
    );
  }
  return { label, totalRows: parsed.totalRows, skipped: parsed.skipped, errors: parsed.errors, found: parsed.indicators, ...written };
}
