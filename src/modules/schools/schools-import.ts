// The three schools imports (national directory of schools, classes, equipment), shared by the CLI, the web
// import job and the benchmark: every row is checked first; by default one invalid row means nothing is
// written, with `skipInvalid` the valid rows are. Writes go in batches, each in its own transaction under
// row-level security, so progress is visible and PGlite keeps answering requests between batches.
import type { Db } from "../../db/client.js";
import { withTenant } from "../../db/tenant.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";
import { listCommunes } from "../territories/territories.queries.js";
import { parseClassesRecords, type ClassRow } from "./import-export/classes.js";
import { readCsv, type ImportError } from "./import-export/csv.js";
import { parseEquipmentRecords, type EquipmentRow } from "./import-export/equipment.js";
import { parseSchoolsDirectoryRecords, type DirectorySchool, type SkippedRow } from "./import-export/schools-directory.js";
import { updateConnections, upsertClasses, upsertItems, upsertSchools, type ClassInput, type ConnectionInput, type ItemInput, type SchoolInput, type WriteCounts } from "./schools-import.commands.js";
import { parseConnectionsRecords } from "./import-export/connections.js";
import { schoolDirectory } from "./schools.queries.js";

export const SCHOOLS_IMPORT_KINDS = ["ecoles", "classes", "equipements", "raccordements"] as const;
export type SchoolsImportKind = (typeof SCHOOLS_IMPORT_KINDS)[number];

/** What each kind of file imports, in French (the noun counted in reports). */
export const IMPORT_NOUNS: Record<SchoolsImportKind, { one: string; many: string; importedOne: string; importedMany: string; feminine: boolean }> = {
  ecoles: { one: "école", many: "écoles", importedOne: "école importée", importedMany: "écoles importées", feminine: true },
  classes: { one: "classe", many: "classes", importedOne: "classe importée", importedMany: "classes importées", feminine: true },
  equipements: { one: "équipement", many: "équipements", importedOne: "équipement importé", importedMany: "équipements importés", feminine: false },
  raccordements: { one: "raccordement", many: "raccordements", importedOne: "raccordement importé", importedMany: "raccordements importés", feminine: false },
};

export type SchoolsImportProgress = { written: number; toWrite: number };

export type SchoolsImportResult = {
  kind: SchoolsImportKind;
  /** Data rows of the file (header excluded). */
  totalRows: number;
  imported: number;
  created: number;
  updated: number;
  errors: ImportError[];
  /** Directory rows left aside on purpose (collèges, closed schools, other communes). */
  skipped: SkippedRow[];
};

const BATCH_SIZE: Record<SchoolsImportKind, number> = { ecoles: 500, classes: 500, equipements: 1000, raccordements: 1000 };

type Parsed = { rows: SchoolInput[] | ClassInput[] | ItemInput[] | ConnectionInput[]; errors: ImportError[]; skipped: SkippedRow[] };

function schoolInput(row: DirectorySchool): SchoolInput {
  const town = [row.codePostal, row.nomCommune].filter(Boolean).join(" ");
  const address = row.adresse ? [row.adresse, town].filter(Boolean).join(", ") : null;
  return { uai: row.uai, name: row.nom, kind: row.kind, communeInsee: row.codeCommune, address, pupils: row.eleves, latitude: row.latitude, longitude: row.longitude };
}

/** Reads and checks a file against the territory's communes, schools and classes. */
async function parseFile(db: Db, territoryId: number, kind: SchoolsImportKind, text: string, today: string): Promise<Parsed & { totalRows: number }> {
  const { records, error } = readCsv(text, ";");
  if (error) return { rows: [], errors: [error], skipped: [], totalRows: 0 };
  const totalRows = Math.max(0, records.length - 1);
  if (kind === "ecoles") {
    const communes = await withTenant(db, territoryId, (tx) => listCommunes(tx, { territoryId }));
    const parsed = parseSchoolsDirectoryRecords(records, { communeCodes: new Set(communes.map((c) => c.insee)) });
    return { rows: parsed.rows.map(schoolInput), errors: parsed.errors, skipped: parsed.skipped, totalRows };
  }
  const directory = await withTenant(db, territoryId, (tx) => schoolDirectory(tx, { territoryId }));
  const knownUais = new Set(directory.keys());
  if (kind === "raccordements") {
    const parsed = parseConnectionsRecords(records, { knownUais, today });
    const rows = parsed.rows.map((row): ConnectionInput => ({ schoolId: directory.get(row.uai)!.id, kind: row.kind, mbps: row.mbps, measuredOn: row.measuredOn }));
    return { rows, errors: parsed.errors, skipped: [], totalRows };
  }
  if (kind === "classes") {
    const parsed = parseClassesRecords(records, { knownUais });
    const rows = parsed.rows.map((row: ClassRow): ClassInput => {
      const school = directory.get(row.uai)!;
      // An existing class keeps its spelling: "cm1" in the file updates the class "CM1".
      const name = school.classes.get(row.classe.toLowerCase())?.name ?? row.classe;
      return { schoolId: school.id, name, levels: row.niveaux, pupils: row.eleves };
    });
    return { rows, errors: parsed.errors, skipped: [], totalRows };
  }
  const classesByUai = new Map([...directory].map(([uai, s]) => [uai, new Set([...s.classes.values()].map((c) => c.name))]));
  const parsed = parseEquipmentRecords(records, { knownUais, classesByUai, today });
  const rows = parsed.rows.map((row: EquipmentRow): ItemInput => {
    const school = directory.get(row.uai)!;
    return {
      inventoryNumber: row.numeroInventaire,
      schoolId: school.id,
      classId: row.classe ? (school.classes.get(row.classe.toLowerCase())?.id ?? null) : null,
      category: row.categorie,
      model: row.modele,
      acquisitionDate: row.dateAcquisition,
      costCents: row.coutTtcCents,
      fundingSource: row.sourceFinancement,
      warrantyEnd: row.finGarantie,
      state: row.etat,
    };
  });
  return { rows, errors: parsed.errors, skipped: [], totalRows };
}

function writeBatch(db: Db, props: { territoryId: number; kind: SchoolsImportKind; batch: Parsed["rows"]; actor: AuditActor; filename: string | null }): Promise<WriteCounts> {
  const { territoryId, kind, batch } = props;
  return withTenant(db, territoryId, (tx) => {
    if (kind === "ecoles") return upsertSchools(tx, { territoryId, rows: batch as SchoolInput[] });
    if (kind === "classes") return upsertClasses(tx, { territoryId, rows: batch as ClassInput[] });
    if (kind === "raccordements") return updateConnections(tx, { territoryId, rows: batch as ConnectionInput[] });
    return upsertItems(tx, { territoryId, rows: batch as ItemInput[], actorLabel: props.actor.label, at: props.actor.at, filename: props.filename });
  });
}

/** Checks a whole file, then writes its rows (all, or only the valid ones with `skipInvalid`). */
export async function importSchoolsFile(
  db: Db,
  props: {
    territoryId: number;
    kind: SchoolsImportKind;
    text: string;
    skipInvalid: boolean;
    actor: AuditActor;
    /** Today's date (YYYY-MM-DD): acquisition dates after it are refused. */
    today: string;
    filename?: string;
    /** Called once every row is checked, before anything is written. */
    onChecked?: (checked: { totalRows: number; errors: ImportError[]; skipped: SkippedRow[]; toWrite: number }) => void | Promise<void>;
    onProgress?: (progress: SchoolsImportProgress) => void | Promise<void>;
  },
): Promise<SchoolsImportResult> {
  const { territoryId, kind } = props;
  const parsed = await parseFile(db, territoryId, kind, props.text, props.today);
  const result: SchoolsImportResult = { kind, totalRows: parsed.totalRows, imported: 0, created: 0, updated: 0, errors: parsed.errors, skipped: parsed.skipped };
  const toWrite = parsed.errors.length > 0 && !props.skipInvalid ? [] : parsed.rows;
  await props.onChecked?.({ totalRows: parsed.totalRows, errors: parsed.errors, skipped: parsed.skipped, toWrite: toWrite.length });
  if (toWrite.length === 0) return result;
  const size = BATCH_SIZE[kind];
  for (let start = 0; start < toWrite.length; start += size) {
    const batch = toWrite.slice(start, start + size) as Parsed["rows"];
    const written = await writeBatch(db, { territoryId, kind, batch, actor: props.actor, filename: props.filename ?? null });
    result.created += written.created;
    result.updated += written.updated;
    result.imported += batch.length;
    await props.onProgress?.({ written: result.imported, toWrite: toWrite.length });
  }
  await withTenant(db, territoryId, (tx) =>
    recordAudit(tx, {
      territoryId,
      actor: props.actor,
      action: `schools.import.${kind}`,
      entityType: "import",
      details: { filename: props.filename ?? null, rows: result.totalRows, imported: result.imported, created: result.created, updated: result.updated, errors: result.errors.length, skipped: result.skipped.length },
    }),
  );
  return result;
}

/** A skipped directory row as the CLI and the report print it. */
export function formatSkipped(row: SkippedRow): string {
  return `ligne ${row.line} : ${row.uai || "(sans UAI)"} ignorée — ${row.reason}`;
}
