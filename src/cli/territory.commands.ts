// CLI: territories (from the official geography) and users.
import type { Command } from "commander";
import { eq } from "drizzle-orm";
import { territoryRoles, users, type TerritoryRole } from "../db/schema/index.js";
import { withTenant } from "../db/tenant.js";
import { cliActor, recordAudit } from "../modules/audit/audit.commands.js";
import { inviteMember } from "../modules/accounts/members.commands.js";
import { unlinkOidcIdentity } from "../modules/accounts/oidc.commands.js";
import { ensureUser } from "../modules/accounts/sign-in.commands.js";
import { findCommune, findDepartement, findEpci } from "../modules/territories/geography.js";
import { createTerritory } from "../modules/territories/territories.commands.js";
import { findTerritory, listTerritories } from "../modules/territories/territories.queries.js";
import { loadConfig } from "../config.js";
import { systemClock } from "../lib/clock.js";
import { findLatestMailTo } from "../modules/mail/mail.queries.js";
import { CliError, withDatabase } from "./shared.js";

/** `maillage territory create|list`. */
export function registerTerritoryCommands(program: Command): void {
  const territory = program.command("territory").description("Territoires de l'instance");
  territory
    .command("create")
    .description("Crée un territoire et ses communes depuis la géographie officielle (relancer est sans effet)")
    .option("--epci <siren>", "intercommunalité, par son SIREN (9 chiffres)")
    .option("--commune <insee>", "commune, par son code INSEE")
    .option("--departement <code>", "département, par son code (79, 2A, 971…)")
    .action(async (options: { epci?: string; commune?: string; departement?: string }) => {
      const given = [options.epci, options.commune, options.departement].filter(Boolean);
      if (given.length !== 1) throw new CliError("indiquez exactement une option parmi --epci, --commune et --departement.");
      const geo = options.epci ? findEpci(options.epci) : options.commune ? findCommune(options.commune) : findDepartement(options.departement!.toUpperCase());
      if (!geo) throw new CliError(`aucun territoire officiel ne porte le code ${given[0]}.`);
      await withDatabase(async ({ db }) => {
        const result = await db.transaction((tx) => createTerritory(tx, { geo, actor: cliActor(systemClock()) }));
        console.log(`${result.created ? "Créé" : "Déjà présent, communes mises à jour"} : ${result.name} (${result.code}), ${result.communes} communes.`);
      }, "maillage territory create");
    });
  territory
    .command("list")
    .description("Liste les territoires de l'instance")
    .action(async () => {
      await withDatabase(async ({ db }) => {
        const rows = await listTerritories(db);
        if (rows.length === 0) console.log("Aucun territoire.");
        for (const t of rows) console.log(`${t.code.padEnd(10)} ${t.kind.padEnd(12)} ${String(t.communes).padStart(5)} communes  ${t.name}${t.demo ? " (démonstration)" : ""}`);
      }, "maillage territory list");
    });
}

/** `maillage user invite|operator`. */
export function registerUserCommands(program: Command): void {
  const user = program.command("user").description("Personnes et rôles");
  user
    .command("invite")
    .description("Invite une personne dans un territoire et lui envoie un lien par courriel")
    .argument("<email>", "adresse électronique")
    .requiredOption("--territory <code>", "code du territoire (SIREN, INSEE ou département)")
    .requiredOption("--role <roles...>", `rôles : ${territoryRoles.join(", ")}`)
    .option("--name <nom>", "nom affiché", "")
    .action(async (email: string, options: { territory: string; role: string[]; name: string }) => {
      const roles = options.role.flatMap((r) => r.split(","));
      const unknown = roles.filter((r) => !(territoryRoles as readonly string[]).includes(r));
      if (unknown.length) throw new CliError(`rôle inconnu : ${unknown.join(", ")} (rôles possibles : ${territoryRoles.join(", ")}).`);
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new CliError(`adresse électronique invalide : ${email}`);
      await withDatabase(async ({ db }) => {
        const territory = await findTerritory(db, { code: options.territory });
        if (!territory) throw new CliError(`territoire inconnu : ${options.territory} (voir maillage territory list).`);
        const config = loadConfig();
        await withTenant(db, territory.id, (tx) =>
          inviteMember(tx, { territoryId: territory.id, email, displayName: options.name, roles: roles as TerritoryRole[], actor: cliActor(systemClock()), now: systemClock(), publicUrl: config.publicUrl }),
        );
        // Send now rather than when the server next runs its jobs (with PGlite it is stopped while the CLI runs).
        const { startWorker } = await import("../worker.js"); // the executors load every module that has jobs
        const worker = startWorker(db, config, systemClock, { autoStart: false, names: ["mail.send"], schedules: [] });
        try {
          await worker.runUntilIdle();
        } finally {
          await worker.stop();
        }
        const mail = await findLatestMailTo(db, { to: email });
        const outcome =
          mail?.status === "sent"
            ? "envoyée"
            : mail?.status === "stored"
              ? `enregistrée (pas de SMTP configuré) ; lisez-la avec maillage mail show ${mail.id}`
              : `en attente d'envoi${mail?.error ? ` (${mail.error.split("\n")[0]})` : ""} ; voir maillage mail show ${mail?.id ?? ""}`;
        console.log(`Invitation de ${email} pour ${territory.name} (${roles.join(", ")}) : ${outcome}.`);
      }, "maillage user invite");
    });
  user
    .command("operator")
    .description("Donne (ou retire avec --remove) le rôle d'opérateur ou opératrice de l'instance")
    .argument("<email>", "adresse électronique")
    .option("--remove", "retirer le rôle")
    .action(async (email: string, options: { remove?: boolean }) => {
      await setInstanceRole(email, "isOperator", !options.remove, "opérateur ou opératrice");
    });
  user
    .command("facilitator")
    .description("Donne (ou retire avec --remove) le rôle d'animateur ou animatrice du réseau de l'instance")
    .argument("<email>", "adresse électronique")
    .option("--remove", "retirer le rôle")
    .action(async (email: string, options: { remove?: boolean }) => {
      await setInstanceRole(email, "isFacilitator", !options.remove, "animateur ou animatrice du réseau");
    });
  user
    .command("oidc-unlink")
    .description("Délie un compte de l'identité du fournisseur d'identité (ProConnect) avec laquelle il s'est connecté")
    .argument("<email>", "adresse électronique")
    .action(async (email: string) => {
      await withDatabase(async ({ db }) => {
        const outcome = await db.transaction((tx) => unlinkOidcIdentity(tx, { email, actor: cliActor(systemClock()) }));
        if (outcome === "no-account") throw new CliError(`aucun compte n'a l'adresse ${email}.`);
        console.log(outcome === "unlinked" ? `${email} est délié : sa prochaine connexion par le fournisseur d'identité le liera à nouveau.` : `${email} n'était lié à aucune identité.`);
      }, "maillage user oidc-unlink");
    });
}

/** Grants or removes an instance-level role, with an audit event (instance-level: no territory). */
async function setInstanceRole(email: string, flag: "isOperator" | "isFacilitator", on: boolean, label: string): Promise<void> {
  await withDatabase(async ({ db }) => {
    await db.transaction(async (tx) => {
      const userId = await ensureUser(tx, { email });
      await tx.update(users).set({ [flag]: on }).where(eq(users.id, userId));
      await recordAudit(tx, { territoryId: null, actor: cliActor(systemClock()), action: on ? "instance-role.grant" : "instance-role.remove", entityType: "user", entityId: userId, details: { role: flag } });
    });
    console.log(`${email} ${on ? "est" : "n'est plus"} ${label}.`);
  }, "maillage user");
}
