// CLI: `maillage import contours <fichier.geojson> --territory <code>`: commune outlines and their centres.
import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { withTenant } from "../db/tenant.js";
import { systemClock } from "../lib/clock.js";
import { plural } from "../lib/format.js";
import { cliActor } from "../modules/audit/audit.commands.js";
import { CliError, commandGroup, importCounts, territoryOrFail, withDatabase } from "./shared.js";

const loadImport = () => Promise.all([import("../modules/territories/contours.commands.js"), import("../modules/territories/import-export/contours-geojson.js")]);

type Options = { territory: string; source?: string; codeProperty?: string; skipInvalid?: boolean };

async function runImport(file: string, options: Options): Promise<void> {
  if (!fs.existsSync(file)) throw new CliError(`fichier introuvable : ${file}`);
  const [{ importContours }, { formatContourError, formatUnmatched }] = await loadImport();
  const text = fs.readFileSync(file, "utf8");
  const source = options.source?.trim() || path.basename(file);
  await withDatabase(async ({ db }) => {
    const territory = await territoryOrFail(db, options.territory);
    const result = await withTenant(db, territory.id, (tx) =>
      importContours(tx, { territoryId: territory.id, text, source, skipInvalid: Boolean(options.skipInvalid), codeProperty: options.codeProperty, actor: cliActor(systemClock()) }),
    );
    if (result.fatal) throw new CliError(`rien n'a été importé : ${result.fatal}.`);
    for (const row of result.unmatched) console.log(formatUnmatched(row));
    for (const error of result.errors) console.error(formatContourError(error));
    const rejected = result.errors.length;
    if (result.imported === 0) {
      const hint = rejected > 0 && !options.skipInvalid ? " Corrigez le fichier, ou relancez avec --skip-invalid pour importer les autres." : "";
      const why = rejected > 0 ? `${plural(rejected, "élément invalide", "éléments invalides")} sur ${result.total}` : `aucun élément ne porte le code d'une commune du territoire`;
      throw new CliError(`rien n'a été importé : ${why}.${hint}`);
    }
    const unchanged = result.imported - result.created - result.updated;
    console.log(
      `${plural(result.imported, "contour importé", "contours importés")} dans ${territory.name} (source : ${source}) : ${importCounts({ created: result.created, updated: result.updated, unchanged })}.`,
    );
    if (result.unmatched.length > 0) console.log(`${plural(result.unmatched.length, "élément ignoré", "éléments ignorés")} (hors des communes du territoire).`);
    if (rejected > 0) console.log(`${plural(rejected, "élément invalide ignoré", "éléments invalides ignorés")}.`);
    if (result.missing.length > 0) {
      console.log(`${plural(result.missing.length, "commune du territoire reste", "communes du territoire restent")} sans contour : ${result.missing.map((c) => `${c.name} (${c.insee})`).join(", ")}.`);
    }
  }, "maillage import contours");
}

/** `maillage import contours`. */
export function registerContourCommands(program: Command): void {
  commandGroup(program, "import", "Importe des données")
    .command("contours")
    .description(
      "Importe les contours des communes (GeoJSON en WGS 84 de l'IGN ou d'Etalab) reconnus par leur code INSEE, et calcule leur centre, d'où la recherche de lieux mesure les distances ; les éléments d'autres communes sont listés et ignorés",
    )
    .argument("<fichier>", "fichier .geojson (FeatureCollection de Polygon ou MultiPolygon)")
    .requiredOption("--territory <code>", "code du territoire (SIREN, INSEE ou département)")
    .option("--source <crédit>", "source à citer avec les contours, ex. « IGN – ADMIN EXPRESS 2024 » (par défaut : le nom du fichier)")
    .option("--code-property <nom>", "propriété qui porte le code INSEE (par défaut : code, INSEE_COM, code_insee, insee, codgeo ou com)")
    .option("--skip-invalid", "importe les éléments valides même si d'autres sont invalides")
    .action((file: string, options: Options) => runImport(file, options));
}
