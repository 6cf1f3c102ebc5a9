// CLI: stored mail and background jobs.
import { plural } from "../lib/format.js";
import type { Command } from "commander";
import { jobStatuses, type JobStatus, type MailStatus } from "../db/schema/index.js";
import { listJobs, retryFailedJob } from "../modules/jobs/jobs.queue.js";
import { getMail, listMails } from "../modules/mail/mail.queries.js";
import { CliError, withDatabase } from "./shared.js";
import { loadConfig } from "../config.js";
import { systemClock } from "../lib/clock.js";

/** Mail states as the operator reads them. */
export const mailStatusLabels: Record<MailStatus, string> = {
  queued: "en attente",
  sent: "envoyé",
  stored: "enregistré",
  failed: "échec",
};

/** `maillage mail list|show`. */
export function registerMailCommands(program: Command): void {
  const mail = program.command("mail").description("Courriels envoyés ou enregistrés");
  mail
    .command("list")
    .description("Liste les derniers courriels")
    .option("--limit <n>", "nombre de courriels", "20")
    .action(async (options: { limit: string }) => {
      await withDatabase(async ({ db }) => {
        const rows = await listMails(db, { limit: Number(options.limit) || 20 });
        if (rows.length === 0) console.log("Aucun courriel.");
        for (const m of rows) console.log(`${String(m.id).padStart(5)}  ${m.createdAt.toISOString()}  ${mailStatusLabels[m.status].padEnd(10)}  ${m.toAddress}  ${m.subject}`);
        if (rows.length > 0) console.log("\nLire un courriel : maillage mail show <numéro>");
      }, "maillage mail list");
    });
  mail
    .command("show")
    .description("Affiche un courriel")
    .argument("<id>", "numéro du courriel")
    .action(async (id: string) => {
      await withDatabase(async ({ db }) => {
        const m = await getMail(db, { id: Number(id) || 0 });
        if (!m) throw new CliError(`aucun courriel n° ${id}.`);
        console.log(`De : ${loadConfig().mailFrom}\nÀ : ${m.toAddress}\nObjet : ${m.subject}\nDate : ${m.createdAt.toISOString()}\nÉtat : ${mailStatusLabels[m.status]}${m.status === "stored" ? " (pas de SMTP configuré : non envoyé)" : ""}`);
        if (m.messageId) console.log(`Identifiant SMTP : ${m.messageId}`);
        if (m.error) console.log(`Dernière erreur : ${m.error}`);
        if (m.attachments.length) console.log(`Pièces jointes : ${m.attachments.map((a) => a.filename).join(", ")}`);
        console.log(`\n${m.textBody}`);
      }, "maillage mail show");
    });
}

/** `maillage jobs list|run`. */
export function registerJobCommands(program: Command): void {
  const jobs = program.command("jobs").description("Tâches de fond");
  jobs
    .command("list")
    .description("Liste les tâches de fond")
    .option("--status <statut>", `filtre : ${jobStatuses.join(", ")}`)
    .action(async (options: { status?: string }) => {
      if (options.status && !(jobStatuses as readonly string[]).includes(options.status)) throw new CliError(`statut inconnu : ${options.status}`);
      await withDatabase(async ({ db }) => {
        const rows = await listJobs(db, options.status ? { status: options.status as JobStatus } : {});
        if (rows.length === 0) console.log("Aucune tâche.");
        for (const j of rows) {
          console.log(`${String(j.id).padStart(6)}  ${j.status.padEnd(8)} ${j.name.padEnd(18)} essais ${j.attempts}/${j.maxAttempts}  prévue ${j.runAt.toISOString()}${j.lastError ? `  erreur : ${j.lastError.split("\n")[0]}` : ""}`);
        }
      }, "maillage jobs list");
    });
  jobs
    .command("run")
    .description("Exécute les tâches dues puis s'arrête (utile avec PGlite quand le serveur est arrêté)")
    .action(async () => {
      await withDatabase(async ({ db }) => {
        const { startWorker } = await import("../worker.js"); // the executors load every module that has jobs
        const worker = startWorker(db, loadConfig(), systemClock, { autoStart: false });
        try {
          const count = await worker.runUntilIdle();
          console.log(`${plural(count, "tâche exécutée", "tâches exécutées")}.`);
        } finally {
          await worker.stop();
        }
      }, "maillage jobs run");
    });
  jobs
    .command("retry")
    .description("Remet en file une tâche en échec, avec de nouveaux essais")
    .argument("<id>", "numéro de la tâche (voir maillage jobs list --status failed)")
    .action(async (id: string) => {
      await withDatabase(async ({ db }) => {
        if (!(await retryFailedJob(db, { id: Number(id) || 0, now: systemClock() }))) throw new CliError(`aucune tâche en échec porte le n° ${id}.`);
        console.log(`Tâche ${id} remise en file : elle sera exécutée par le serveur, ou par maillage jobs run.`);
      }, "maillage jobs retry");
    });
}
