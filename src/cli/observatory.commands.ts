// CLI: `maillage import connectivite|indicateurs`, `maillage export observatoire`, `maillage plan repartition`.
import { plural } from "../lib/format.js";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Command } from "commander";
import { systemClock } from "../lib/clock.js";
import { cliActor } from "../modules/audit/audit.commands.js";
import { CliError, commandGroup, importCounts, invalidLines, territoryOrFail, withDatabase } from "./shared.js";

// Modules load only when their command runs: `--help` and the other commands stay quick.
const loadImports = () =>
  Promise.all([import("../modules/connectivity/connectivity-import.js"), import("../modules/observatory/indicators-import.js"), import("../modules/schools/import-export/csv.js")]);

type Kind = "connectivite" | "indicateurs";

async function runImport(kind: Kind, file: string, options: { territory: string; skipInvalid?: boolean }): Promise<void> {
  if (!fs.existsSync(file)) throw new CliError(`fichier introuvable : ${file}`);
  const [{ importConnectivityFile }, { importIndicatorsFile }, { formatImportError }] = await loadImports();
  const bytes = fs.readFileSync(file);
  await withDatabase(async ({ db }) => {
    const territory = await territoryOrFail(db, options.territory);
    const common = { territoryId: territory.id, bytes, skipInvalid: Boolean(options.skipInvalid), actor: cliActor(systemClock()), filename: path.basename(file) };
    const result = kind === "connectivite" ? await importConnectivityFile(db, common) : await importIndicatorsFile(db, { ...common, territoryCode: territory.code });
    for (const error of result.errors) console.error(formatImportError(error));
    const rejected = new Set(result.errors.map((e) => e.line)).size;
    if (result.imported === 0 && result.errors.length > 0) {
      const hint = options.skipInvalid ? "" : " Corrigez le fichier, ou relancez avec --skip-invalid pour importer les lignes valides.";
      throw new CliError(`rien n'a été importé : ${invalidLines(rejected)} sur ${result.totalRows}.${hint}`);
    }
    console.log(`Fichier reconnu : ${result.label}.`);
    const what = kind === "connectivite" ? plural(result.imported, "chiffre importé", "chiffres importés") : plural(result.imported, "valeur importée", "valeurs importées");
    const counts = { created: result.created, updated: result.updated, unchanged: result.imported - result.created - result.updated };
    console.log(`${what} dans ${territory.name} : ${importCounts(counts, kind !== "connectivite")}.`);
    console.log(`${plural(result.skipped, "ligne d'autres communes ignorée", "lignes d'autres communes ignorées")}.`);
    if (result.found.length > 0) console.log(`${kind === "connectivite" ? "Trimestres" : "Indicateurs"} : ${result.found.join(", ")}.`);
    if (rejected > 0) console.log(`${plural(rejected, "ligne invalide ignorée", "lignes invalides ignorées")}.`);
  }, `maillage import ${kind}`);
}

/** `maillage export observatoire`: one row per commune, CSV to standard output or a file, XLSX to a file. */
async function runExport(options: { territory: string; format: string; output?: string }): Promise<void> {
  if (options.format !== "csv" && options.format !== "xlsx") throw new CliError("--format attend csv ou xlsx.");
  if (options.format === "xlsx" && !options.output) throw new CliError("--format xlsx demande --output <fichier>.");
  const format = options.format;
  const [{ loadObservatory }, { OBSERVATORY_EXPORT_HEADER, observatoryExportRows }, { spreadsheetStream }, { withTenant }] = await Promise.all([
    import("../modules/observatory/observatory.queries.js"),
    import("../modules/observatory/import-export/observatory-export.js"),
    import("../modules/schools/import-export/spreadsheet.js"),
    import("../db/tenant.js"),
  ]);
  await withDatabase(async ({ db }) => {
    const territory = await territoryOrFail(db, options.territory);
    const data = await withTenant(db, territory.id, (tx) => loadObservatory(tx, { territoryId: territory.id, territoryCode: territory.code, now: systemClock() }));
    const stream = spreadsheetStream(format, OBSERVATORY_EXPORT_HEADER, observatoryExportRows(data.rows), "Observatoire");
    if (options.output) await pipeline(stream, fs.createWriteStream(options.output));
    else await pipeline(stream, process.stdout, { end: false });
  }, "maillage export observatoire");
}

/** `maillage plan repartition`: the planner's three strategies from a JSON file of parameters. */
async function runPlan(options: { territory: string; input: string; format: string }): Promise<void> {
  if (options.format !== "json" && options.format !== "csv") throw new CliError("--format attend json ou csv.");
  if (!fs.existsSync(options.input)) throw new CliError(`fichier introuvable : ${options.input}`);
  const [{ parsePlannerJson }, { loadPlannerUnits }, { planAllocation }, { ALLOCATION_HEADER, allocationRows, strategySummary }, { withTenant }, { stringify }] = await Promise.all([
    import("../modules/observatory/planner-form.js"),
    import("../modules/observatory/planner.queries.js"),
    import("../modules/observatory/domain/planner.js"),
    import("../modules/observatory/import-export/planner-export.js"),
    import("../db/tenant.js"),
    import("csv-stringify/sync"),
  ]);
  const parsed = parsePlannerJson(fs.readFileSync(options.input, "utf8"));
  if (!parsed.ok) throw new CliError(`paramètres invalides : ${parsed.errors.join(" ; ")}`);
  await withDatabase(async ({ db }) => {
    const territory = await territoryOrFail(db, options.territory);
    const units = await withTenant(db, territory.id, (tx) => loadPlannerUnits(tx, { territoryId: territory.id, territoryCode: territory.code, versionId: parsed.params.indexVersionId ?? null }));
    if (!units) throw new CliError(`version de l'indice inconnue : ${parsed.params.indexVersionId}`);
    const plan = planAllocation(units, parsed.params);
    if (options.format === "csv") {
      process.stdout.write(stringify([ALLOCATION_HEADER, ...allocationRows(plan)], { delimiter: ";", record_delimiter: "\r\n" }));
      return;
    }
    const strategies = (["saupoudrage", "concentration", "optimise"] as const).map((k) => ({
      ...strategySummary(plan[k]),
      allocations: plan[k].units.filter((u) => u.euros > 0).map((u) => ({ code_insee: u.code, commune: u.name, ...u.allocation, personnes_aidees: Math.round(u.benefit * 1000) / 1000 })),
      journal: plan[k].log.map((e) => ({ code_insee: e.code, levier: e.lever, montant: e.euros, personnes_pour_1000_eur: Math.round(e.perThousand * 1000) / 1000, raison: e.reason })),
    }));
    process.stdout.write(`${JSON.stringify({ territoire: territory.code, parametres: parsed.params, strategies }, null, 2)}\n`);
  }, "maillage plan repartition");
}

/** Registers the connectivity and observatory commands. */
export function registerObservatoryCommands(program: Command): void {
  commandGroup(program, "plan", "Planifie")
    .command("repartition")
    .description("Calcule la répartition d'un budget entre communes et leviers (répartir également, concentrer, optimisé) à partir d'un fichier JSON de paramètres")
    .requiredOption("--territory <code>", "code du territoire (SIREN, INSEE ou département)")
    .requiredOption("--input <fichier.json>", "paramètres : budget, step, uptake, needShare, equityAlpha, coupling, levers.{equipement,mediation,formation}.{enabled,unitCost,threshold,pace}")
    .option("--format <format>", "json ou csv", "json")
    .action((options: { territory: string; input: string; format: string }) => runPlan(options));
  commandGroup(program, "export", "Exporte des données")
    .command("observatoire")
    .description("Exporte l'observatoire : une ligne par commune (code_insee;commune;population;part_locaux_ftth;indice_fragilite puis les autres indicateurs)")
    .requiredOption("--territory <code>", "code du territoire (SIREN, INSEE ou département)")
    .option("--format <format>", "csv ou xlsx", "csv")
    .option("--output <fichier>", "fichier à écrire (sinon la sortie standard, en CSV)")
    .action((options: { territory: string; format: string; output?: string }) => runExport(options));
  const imports = commandGroup(program, "import", "Importe des données");
  imports
    .command("connectivite")
    .description("Importe un fichier par commune de l'Arcep : « Ma connexion internet » (commune_techno, commune_meilleure_techno_thd, commune_debit_filaire) ou l'observatoire FttH (.xlsx)")
    .argument("<fichier>", "fichier .csv (« ; ») ou .xlsx")
    .requiredOption("--territory <code>", "code du territoire (SIREN, INSEE ou département)")
    .option("--skip-invalid", "importe les lignes valides même si d'autres sont invalides")
    .action((file: string, options: { territory: string; skipInvalid?: boolean }) => runImport("connectivite", file, options));
  imports
    .command("indicateurs")
    .description("Importe un fichier de l'Insee par commune (CODGEO ; recensement, Filosofi) : indicateurs nommés avec leur source et leur millésime")
    .argument("<fichier>", "fichier .csv (« ; »)")
    .requiredOption("--territory <code>", "code du territoire (SIREN, INSEE ou département)")
    .option("--skip-invalid", "importe les lignes valides même si d'autres sont invalides")
    .action((file: string, options: { territory: string; skipInvalid?: boolean }) => runImport("indicateurs", file, options));
}
