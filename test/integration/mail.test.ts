import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase, type Database } from "../../src/db/client.js";
import { jobs, mails } from "../../src/db/schema/index.js";
import { fixedClock } from "../../src/lib/clock.js";
import { retryDelayMs } from "../../src/modules/jobs/jobs.queue.js";
import { queueMail } from "../../src/modules/mail/mail.commands.js";
import { smtpOptions, storeOnlyTransport } from "../../src/modules/mail/mail.transport.js";
import { anonymiseMails } from "../../src/modules/booking/booking.purge.js";
import { startWorker } from "../../src/worker.js";
import { testConfig } from "../support/app.js";
import { cliEnv, runCli, tempDataDir } from "../support/cli.js";
import { createTestDatabase, engines } from "../support/database.js";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp.js";

const start = new Date("2027-03-02T09:00:00Z");

const message = {
  territoryId: null,
  kind: "test",
  to: "agente@exemple.fr",
  subject: "Votre rendez-vous à Parthenay : mardi 3 mars à 14 h 30",
  text: "Bonjour,\n\nVotre rendez-vous est confirmé. À bientôt !\n\nL'équipe Maillage",
};

describe("SMTP_URL", () => {
  it("talks plain SMTP to a relay on this machine and keeps STARTTLS with a certificate check elsewhere", () => {
    expect(smtpOptions("smtp://127.0.0.1:2525")).toMatchObject({ ignoreTLS: true });
    expect(smtpOptions("smtp://localhost")).toMatchObject({ ignoreTLS: true });
    expect(smtpOptions("smtp://u:p@smtp.exemple.fr:587")).not.toHaveProperty("ignoreTLS");
    expect(smtpOptions("smtps://u:p@localhost:465")).not.toHaveProperty("ignoreTLS");
    expect(smtpOptions("smtp://relay:25").socketTimeout).toBeLessThanOrEqual(60_000);
  });

  it("explains a malformed SMTP_URL in French", () => {
    expect(() => smtpOptions("http://smtp.exemple.fr")).toThrow("SMTP_URL doit commencer par smtp:// ou smtps://");
    expect(() => smtpOptions("pas une adresse")).toThrow("SMTP_URL n'est pas une adresse valide");
  });
});

describe.each(engines)("mail on %s", (engine) => {
  let database: Database;
  let smtp: TestSmtpServer;
  let clock: ReturnType<typeof fixedClock>;

  beforeAll(async () => {
    [database, smtp] = await Promise.all([createTestDatabase(engine), startSmtpServer()]);
  });
  afterAll(async () => {
    await Promise.all([database.close(), smtp.close()]);
  });
  beforeEach(async () => {
    await database.db.delete(jobs);
    smtp.rejectRecipients = undefined;
    smtp.messages.length = 0;
    clock = fixedClock(start);
  });

  async function mail(id: number) {
    const [row] = await database.db.select().from(mails).where(eq(mails.id, id));
    return row!;
  }

  function worker(smtpUrl: string | undefined) {
    const config = testConfig({ smtpUrl, mailFrom: "Maillage <ne-pas-repondre@maillage.test>" });
    return startWorker(database.db, config, clock, { autoStart: false, schedules: [] });
  }

  it("delivers a queued message to the SMTP server and records it as sent", async () => {
    const id = await database.db.transaction((tx) => queueMail(tx, { ...message, now: clock() }));
    expect(await mail(id)).toMatchObject({ status: "queued", messageId: null });
    const w = worker(smtp.url);
    expect(w.transport.kind).toBe("smtp");
    expect(await w.runUntilIdle()).toBe(1);
    await w.stop();

    const [received] = await smtp.waitFor(1);
    expect(received!.to).toEqual(["agente@exemple.fr"]);
    expect(received!.from).toBe("ne-pas-repondre@maillage.test");
    expect(received!.subject).toBe(message.subject);
    expect(received!.text).toBe(message.text);
    const sent = await mail(id);
    expect(sent).toMatchObject({ status: "sent", error: null, sentAt: clock() });
    expect(sent.messageId).toMatch(/^<.+@.+>$/);
    expect(received!.headers["message-id"]).toBe(sent.messageId);
  });

  it("keeps no live link in its copy of a delivered message: the recipient gets them, the table does not", async () => {
    const link = "http://maillage.test/connexion/lien?jeton=abcdefghijklmnopqrstuvwxyz012345";
    const manage = "http://maillage.test/rendez-vous/7b0c8c52-1d2e-4f1a-9a3b-0c1d2e3f4a5b?cle=mnbv12.AbCdEfGhIjKlMnOpQrStUvWxYz012345&confirme=1";
    const html = `<a href="${manage.replace("&", "&amp;")}">Gérer</a>`;
    const id = await database.db.transaction((tx) =>
      queueMail(tx, { ...message, text: `Votre lien : ${link}\nVotre rendez-vous : ${manage}`, html, attachments: [{ filename: "rdv.ics", contentType: "text/calendar", content: `URL:${manage}` }], now: clock() }),
    );
    const w = worker(smtp.url);
    expect(await w.runUntilIdle()).toBe(1);
    await w.stop();
    const [received] = await smtp.waitFor(1);
    expect(received!.text).toContain("jeton=abcdefghijklmnopqrstuvwxyz012345");
    const kept = await mail(id);
    expect(kept.status).toBe("sent");
    const stored = JSON.stringify([kept.textBody, kept.htmlBody, kept.attachments]);
    for (const secret of ["abcdefghijklmnopqrstuvwxyz012345", "AbCdEfGhIjKlMnOpQrStUvWxYz012345"]) expect(stored).not.toContain(secret);
    expect(kept.textBody).toContain("jeton=[retiré après envoi]");
    expect(kept.htmlBody).toContain("cle=[retiré après envoi]&amp;confirme=1");
  });

  it("never sends a queued message whose recipient was erased before it went out", async () => {
    const id = await database.db.transaction((tx) => queueMail(tx, { ...message, to: "effacee@exemple.fr", now: clock() }));
    await anonymiseMails(database.db, eq(mails.id, id));
    const w = worker(smtp.url);
    expect(await w.runUntilIdle()).toBe(1);
    await w.stop();
    expect(await mail(id)).toMatchObject({ status: "failed", toAddress: "anonymisé", sentAt: null });
    expect(smtp.messages).toHaveLength(0);
  });

  it("keeps the message as stored, unsent, when no SMTP server is configured", async () => {
    const id = await database.db.transaction((tx) => queueMail(tx, { ...message, now: clock() }));
    const w = worker(undefined);
    expect(w.transport).toBe(storeOnlyTransport);
    expect(await w.runUntilIdle()).toBe(1);
    await w.stop();
    expect(await mail(id)).toMatchObject({ status: "stored", messageId: null, sentAt: clock() });
    expect(smtp.messages).toHaveLength(0);
  });

  it("retries a message the SMTP server refuses, keeps the error, and marks it failed after the last attempt", async () => {
    smtp.rejectRecipients = "Boîte aux lettres inconnue";
    const id = await database.db.transaction((tx) => queueMail(tx, { ...message, to: "inconnue@exemple.fr", now: clock() }));
    const w = worker(smtp.url);
    expect(await w.runUntilIdle()).toBe(1);
    const [job] = await database.db.select().from(jobs).where(eq(jobs.name, "mail.send"));
    expect(job).toMatchObject({ status: "pending", attempts: 1 });
    expect(job!.runAt.getTime()).toBe(clock().getTime() + retryDelayMs(1));
    expect(await mail(id)).toMatchObject({ status: "queued" });
    expect((await mail(id)).error).toContain("550");

    for (let attempt = 2; attempt <= job!.maxAttempts; attempt++) {
      clock.advance(retryDelayMs(attempt - 1));
      expect(await w.runUntilIdle()).toBe(1);
    }
    const [last] = await database.db.select().from(jobs).where(eq(jobs.id, job!.id));
    expect(last).toMatchObject({ status: "failed", attempts: job!.maxAttempts });
    expect(await mail(id)).toMatchObject({ status: "failed", messageId: null });
    expect((await mail(id)).error).toContain("Boîte aux lettres inconnue");
    await w.stop();
    expect(smtp.messages).toHaveLength(0);
  });

  it("sends a refused message once the server accepts it again", async () => {
    smtp.rejectRecipients = "Service indisponible";
    const id = await database.db.transaction((tx) => queueMail(tx, { ...message, now: clock() }));
    const w = worker(smtp.url);
    await w.runUntilIdle();
    smtp.rejectRecipients = undefined;
    clock.advance(retryDelayMs(1));
    expect(await w.runUntilIdle()).toBe(1);
    await w.stop();
    expect(await mail(id)).toMatchObject({ status: "sent", error: null });
    expect(await smtp.waitFor(1)).toHaveLength(1);
  });
});

describe("stored mail read by the operator", { timeout: 120_000 }, () => {
  it("lists and shows a stored message with `maillage mail list` and `maillage mail show`", async () => {
    const data = tempDataDir();
    try {
      const database = await openDatabase({ dataDir: data.dir, holder: "mail test" });
      let id: number;
      try {
        await migrateDatabase(database);
        id = await database.db.transaction((tx) => queueMail(tx, { ...message, now: start }));
        const w = startWorker(database.db, testConfig(), fixedClock(start), { autoStart: false, schedules: [] });
        await w.runUntilIdle();
        await w.stop();
      } finally {
        await database.close();
      }
      const env = cliEnv(data.dir);
      const list = await runCli(["mail", "list"], env);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(new RegExp(`^\\s*${id}\\s.*enregistré\\s+agente@exemple\\.fr\\s+Votre rendez-vous à Parthenay`, "m"));
      const show = await runCli(["mail", "show", String(id)], env);
      expect(show.code).toBe(0);
      expect(show.stdout).toContain("État : enregistré (pas de SMTP configuré : non envoyé)");
      expect(show.stdout).toContain("Votre rendez-vous est confirmé. À bientôt !");
    } finally {
      data.remove();
    }
  });
});
