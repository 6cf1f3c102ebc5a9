// CLI: the network between territories. `maillage network join|leave|list|partner` and `maillage import experiences`.
import fs from "node:fs";
import type { Command } from "commander";
import { sql } from "drizzle-orm";
import { queryRows } from "../db/client.js";
import { systemClock } from "../lib/clock.js";
import { plural } from "../lib/format.js";
import { cliActor } from "../modules/audit/audit.commands.js";
import { ensureUser } from "../modules/accounts/sign-in.commands.js";
import { addPartner, joinNetwork, leaveNetwork } from "../modules/network/network.commands.js";
import { formatSheetError, importSheets } from "../modules/network/import-export/sheets-import.js";
import { decodeUpload, detectFormat } from "../modules/places/places-import.js";
import { CliError, commandGroup, territoryOrFail, withDatabase } from "./shared.js";

export function registerNetworkCommands(program: Command): void {
  const network = program.command("network").description("Réseau des territoires de l'instance");
  network
    .command("join")
    .description("Ajoute un territoire au réseau (son profil vient de la géographie officielle)")
    .requiredOption("--territory <code>", "code du territoire (SIREN, INSEE ou département)")
    .action(async (options: { territory: string }) => {
      await withDatabase(async ({ db }) => {
        const territory = await territoryOrFail(db, options.territory);
        await db.transaction((tx) => joinNetwork(tx, { territory, actor: cliActor(systemClock()) }));
        console.log(`${territory.name} (${territory.code}) est membre du réseau.`);
      }, "maillage network join");
    });
  network
    .command("leave")
    .description("Retire un territoire du réseau (ses fiches restent les siennes ; les autres membres ne les lisent plus)")
    .requiredOption("--territory <code>", "code du territoire")
    .action(async (options: { territory: string }) => {
      await withDatabase(async ({ db }) => {
        const territory = await territoryOrFail(db, options.territory);
        const left = await db.transaction((tx) => leaveNetwork(tx, { territoryId: territory.id, actor: cliActor(systemClock()) }));
        console.log(left ? `${territory.name} (${territory.code}) a quitté le réseau.` : `${territory.name} (${territory.code}) n'était pas membre du réseau.`);
      }, "maillage network leave");
    });
  network
    .command("list")
    .description("Liste les territoires membres du réseau")
    .action(async () => {
      await withDatabase(async ({ db }) => {
        const rows = await queryRows<{ code: string; name: string; kind: string; population: number | null }>(db, sql`select t.code, t.name, t.kind, m.population from network_members m join territories t on t.id = m.territory_id order by t.name`);
        if (rows.length === 0) console.log("Aucun territoire membre du réseau.");
        for (const r of rows) console.log(`${r.code.padEnd(10)} ${r.kind.padEnd(12)} ${r.population === null ? "" : plural(r.population, "habitant", "habitants")}  ${r.name}`);
      }, "maillage network list");
    });
  network
    .command("partner")
    .description("Nomme une personne d'une institution partenaire (ministère, rectorat…) : elle lit les textes adoptés et y répond")
    .argument("<email>", "adresse électronique")
    .requiredOption("--institution <nom>", "nom de l'institution")
    .action(async (email: string, options: { institution: string }) => {
      const institution = options.institution.trim();
      if (!institution || institution.length > 200) throw new CliError("--institution attend le nom de l'institution (200 caractères au plus).");
      await withDatabase(async ({ db }) => {
        await db.transaction(async (tx) => {
          const userId = await ensureUser(tx, { email });
          await addPartner(tx, { userId, institution, actor: cliActor(systemClock()) });
        });
        console.log(`${email} est partenaire du réseau pour ${institution}.`);
      }, "maillage network partner");
    });

  commandGroup(program, "import", "Importe des données")
    .command("experiences")
    .description("Importe des fiches d'expérience (CSV titre;resume;texte;themes;annee;budget_euros;partenaires;contact;visibilite, ou JSON) ; tout ou rien")
    .argument("<fichier>", "fichier .csv ou .json")
    .requiredOption("--territory <code>", "code du territoire auteur")
    .option("--format <format>", "csv ou json (sinon d'après l'extension du fichier)")
    .action(async (file: string, options: { territory: string; format?: string }) => {
      if (options.format && options.format !== "csv" && options.format !== "json") throw new CliError("--format attend csv ou json.");
      if (!fs.existsSync(file)) throw new CliError(`fichier introuvable : ${file}`);
      const text = decodeUpload(fs.readFileSync(file));
      const format = (options.format as "csv" | "json" | undefined) ?? detectFormat(file, text);
      await withDatabase(async ({ db }) => {
        const territory = await territoryOrFail(db, options.territory);
        const result = await importSheets(db, { territoryId: territory.id, text, format, actor: cliActor(systemClock()) });
        for (const error of result.errors) console.error(formatSheetError(error));
        if (result.ignoredColumns.length > 0) console.error(`Colonnes ignorées : ${result.ignoredColumns.join(", ")}`);
        if (result.errors.length > 0) {
          const lines = new Set(result.errors.map((e) => e.line)).size;
          throw new CliError(`aucune fiche importée : ${plural(lines, "ligne invalide", "lignes invalides")} sur ${result.totalRows}. Corrigez le fichier et relancez.`);
        }
        console.log(`${plural(result.imported, "fiche importée", "fiches importées")} pour ${territory.name}.`);
      }, "maillage import experiences");
    });
}
