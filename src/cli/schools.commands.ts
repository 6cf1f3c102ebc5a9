// CLI: `maillage import ecoles|classes|equipements` and `maillage export harmonisation`.
import { plural } from "../lib/format.js";
import { systemClock } from "../lib/clock.js";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Command } from "commander";
import { withTenant } from "../db/tenant.js";
import { parisDateOf } from "../lib/paris-time.js";
import { cliActor } from "../modules/audit/audit.commands.js";
import { CliError, commandGroup, importCounts, invalidLines, territoryOrFail, withDatabase } from "./shared.js";

// The schools modules load only when a schools command runs: `--help` and the other commands stay quick.
const loadImport = () =>
  Promise.all([import("../modules/schools/schools-import.js"), import("../modules/schools/import-export/csv.js"), import("../modules/places/places-import.js")]);
const loadExport = () =>
  Promise.all([
    import("../modules/schools/harmonisation.queries.js"),
    import("../modules/schools/import-export/harmonisation-export.js"),
    import("../modules/schools/import-export/spreadsheet.js"),
  ]);

type ImportKind = "ecoles" | "classes" | "equipements" | "raccordements";

const IMPORTS: { kind: ImportKind; description: string }[] = [
  {
    kind: "ecoles",
    description:
      "Importe les écoles de l'annuaire de l'éducation (CSV « ; ») : garde les écoles ouvertes des communes du territoire et liste chaque autre ligne avec son UAI et la raison",
  },
  { kind: "classes", description: "Importe les classes : colonnes uai;classe;niveaux;eleves (niveaux séparés par « | »)" },
  {
    kind: "equipements",
    description:
      "Importe l'inventaire : colonnes uai;classe;categorie;numero_inventaire;modele;date_acquisition;cout_ttc;source_financement;fin_garantie;etat (mise à jour par numéro d'inventaire)",
  },
  { kind: "raccordements", description: "Importe le raccordement des écoles : colonnes uai;raccordement;debit_mbps;date_mesure (fibre, cuivre, radio, satellite ou aucun)" },
];

async function runImport(kind: ImportKind, file: string, options: { territory: string; skipInvalid?: boolean }): Promise<void> {
  if (!fs.existsSync(file)) throw new CliError(`fichier introuvable : ${file}`);
  const [{ importSchoolsFile, formatSkipped, IMPORT_NOUNS }, { formatImportError }, { decodeUpload }] = await loadImport();
  const text = decodeUpload(fs.readFileSync(file));
  await withDatabase(async ({ db }) => {
    const territory = await territoryOrFail(db, options.territory);
    const result = await importSchoolsFile(db, {
      territoryId: territory.id,
      kind,
      text,
      skipInvalid: Boolean(options.skipInvalid),
      actor: cliActor(systemClock()),
      today: parisDateOf(systemClock().getTime()),
      filename: path.basename(file),
    });
    for (const row of result.skipped) console.log(formatSkipped(row));
    for (const error of result.errors) console.error(formatImportError(error));
    const noun = IMPORT_NOUNS[kind];
    const rejected = new Set(result.errors.map((error) => error.line)).size;
    if (result.imported === 0 && result.errors.length > 0) {
      const hint = options.skipInvalid ? "" : " Corrigez le fichier, ou relancez avec --skip-invalid pour importer les lignes valides.";
      throw new CliError(`rien n'a été importé : ${invalidLines(rejected)} sur ${result.totalRows}.${hint}`);
    }
    const unchanged = result.imported - result.created - result.updated;
    console.log(`${result.imported} ${result.imported > 1 ? noun.importedMany : noun.importedOne} dans ${territory.name} : ${importCounts({ created: result.created, updated: result.updated, unchanged }, noun.feminine)}.`);
    if (result.skipped.length > 0) console.log(`${plural(result.skipped.length, "ligne ignorée", "lignes ignorées")} (hors écoles ouvertes du territoire).`);
    if (rejected > 0) console.log(`${plural(rejected, "ligne invalide ignorée", "lignes invalides ignorées")}.`);
  }, `maillage import ${kind}`);
}

/** `maillage import ecoles|classes|equipements` and `maillage export harmonisation`. */
export function registerSchoolCommands(program: Command): void {
  const imports = commandGroup(program, "import", "Importe des données");
  for (const { kind, description } of IMPORTS) {
    imports
      .command(kind)
      .description(description)
      .argument("<fichier>", "fichier .csv (séparateur « ; », UTF-8 ou Windows-1252)")
      .requiredOption("--territory <code>", "code du territoire (SIREN, INSEE ou département)")
      .option("--skip-invalid", "importe les lignes valides même si d'autres sont invalides")
      .action((file: string, options: { territory: string; skipInvalid?: boolean }) => runImport(kind, file, options));
  }

  commandGroup(program, "export", "Exporte des données")
    .command("harmonisation")
    .description("Exporte la conformité au socle : une ligne par école et élément (uai;ecole;commune;element;requis;present;manque…)")
    .requiredOption("--territory <code>", "code du territoire (SIREN, INSEE ou département)")
    .option("--format <format>", "csv ou xlsx", "csv")
    .option("--output <fichier>", "fichier à écrire (sinon la sortie standard)")
    .action(async (options: { territory: string; format: string; output?: string }) => {
      if (options.format !== "csv" && options.format !== "xlsx") throw new CliError("--format attend csv ou xlsx.");
      const format = options.format;
      const [{ exportSchools, loadHarmonisation }, { HARMONISATION_EXPORT_COLUMNS, harmonisationExportRows }, { spreadsheetStream }] = await loadExport();
      await withDatabase(async ({ db }) => {
        const territory = await territoryOrFail(db, options.territory);
        const harmonisation = await withTenant(db, territory.id, (tx) => loadHarmonisation(tx, { territoryId: territory.id, scope: { kind: "all" } }));
        const stream = spreadsheetStream(format, HARMONISATION_EXPORT_COLUMNS, harmonisationExportRows(exportSchools(harmonisation)), "Harmonisation");
        if (options.output) await pipeline(stream, fs.createWriteStream(options.output));
        else await pipeline(stream, process.stdout, { end: false });
      }, "maillage export harmonisation");
    });
}
