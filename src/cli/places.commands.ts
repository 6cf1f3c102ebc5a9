// CLI: `maillage import lieux` and `maillage export lieux`, in the national standard.
import { plural } from "../lib/format.js";
import { systemClock } from "../lib/clock.js";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Command } from "commander";
import type { Db } from "../db/client.js";
import { cliActor } from "../modules/audit/audit.commands.js";
import type { LieuxFormat } from "../modules/places/places-import.js";
import { CliError, commandGroup, importCounts, invalidLines, territoryOrFail, withDatabase } from "./shared.js";

// The places modules (the standard's package, opening hours) load only when a places command runs: `--help`
// and the other commands stay quick.
const loadImport = () => Promise.all([import("../modules/places/places-import.js"), import("../modules/places/import-export/lieu-validation.js")]);
const loadExport = () =>
  Promise.all([
    import("../modules/places/places.queries.js"),
    import("../modules/places/import-export/lieux-csv.js"),
    import("../modules/places/import-export/lieux-json.js"),
    import("../modules/places/import-export/lieux-data-inclusion-stream.js"),
  ]);

const EXPORT_FORMATS = ["csv", "json", "data-inclusion"] as const;
type ExportFormat = (typeof EXPORT_FORMATS)[number];

async function* exportChunks(db: Db, territoryId: number, format: ExportFormat): AsyncGenerator<string> {
  const [{ streamPlaceRecords }, { toStandardCsv }, { toStandardJsonChunks }, { toDataInclusionChunks }] = await loadExport();
  const records = () => streamPlaceRecords(db, { territoryId });
  if (format === "csv") yield* toStandardCsv(records());
  else if (format === "json") yield* toStandardJsonChunks(records());
  else yield* toDataInclusionChunks(records, { source: "maillage" });
}

/** `maillage import lieux <fichier>` and `maillage export lieux`. */
export function registerPlaceCommands(program: Command): void {
  commandGroup(program, "import", "Importe des données")
    .command("lieux")
    .description("Importe des lieux au format du standard national (CSV ou JSON) ; chaque lieu est mis à jour par son id")
    .argument("<fichier>", "fichier .csv ou .json")
    .requiredOption("--territory <code>", "code du territoire (SIREN, INSEE ou département)")
    .option("--skip-invalid", "importe les lignes valides même si d'autres sont invalides")
    .option("--format <format>", "csv ou json (sinon d'après l'extension du fichier)")
    .action(async (file: string, options: { territory: string; skipInvalid?: boolean; format?: string }) => {
      if (options.format && options.format !== "csv" && options.format !== "json") throw new CliError("--format attend csv ou json.");
      if (!fs.existsSync(file)) throw new CliError(`fichier introuvable : ${file}`);
      const [{ decodeUpload, detectFormat, importLieux }, { formatError }] = await loadImport();
      const text = decodeUpload(fs.readFileSync(file));
      const format = (options.format as LieuxFormat | undefined) ?? detectFormat(file, text);
      await withDatabase(async ({ db }) => {
        const territory = await territoryOrFail(db, options.territory);
        const result = await importLieux(db, {
          territoryId: territory.id,
          text,
          format,
          skipInvalid: Boolean(options.skipInvalid),
          actor: cliActor(systemClock()),
          filename: path.basename(file),
        });
        for (const error of result.errors) console.error(formatError(error));
        if (result.ignoredColumns.length > 0) console.error(`Colonnes ignorées (hors du standard) : ${result.ignoredColumns.join(", ")}`);
        const rejected = new Set(result.errors.map((error) => error.line)).size;
        if (result.imported === 0 && result.errors.length > 0) {
          const hint = options.skipInvalid ? "" : " Corrigez le fichier, ou relancez avec --skip-invalid pour importer les lignes valides.";
          throw new CliError(`aucun lieu importé : ${invalidLines(rejected)} sur ${result.totalRows}.${hint}`);
        }
        const unchanged = result.imported - result.created - result.updated;
        console.log(`${plural(result.imported, "lieu importé", "lieux importés")} dans ${territory.name} : ${importCounts({ created: result.created, updated: result.updated, unchanged })}.`);
        if (rejected > 0) console.log(`${plural(rejected, "ligne invalide ignorée", "lignes invalides ignorées")}.`);
      }, "maillage import lieux");
    });

  commandGroup(program, "export", "Exporte des données")
    .command("lieux")
    .description("Exporte les lieux d'un territoire au format du standard national (colonnes dans l'ordre du standard)")
    .requiredOption("--territory <code>", "code du territoire (SIREN, INSEE ou département)")
    .option("--format <format>", `${EXPORT_FORMATS.join(", ")}`, "csv")
    .option("--output <fichier>", "fichier à écrire (sinon la sortie standard)")
    .action(async (options: { territory: string; format: string; output?: string }) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(options.format)) throw new CliError(`--format attend ${EXPORT_FORMATS.join(", ")}.`);
      await withDatabase(async ({ db }) => {
        const territory = await territoryOrFail(db, options.territory);
        const chunks = Readable.from(exportChunks(db, territory.id, options.format as ExportFormat));
        if (options.output) await pipeline(chunks, fs.createWriteStream(options.output));
        else await pipeline(chunks, process.stdout, { end: false });
      }, "maillage export lieux");
    });
}
