// Background work: the executor of every registered job, and the loop that runs them.
import type { Config } from "./config.js";
import type { Db } from "./db/client.js";
import type { Clock } from "./lib/clock.js";
import { purgeExpiredSessions } from "./modules/accounts/sessions.js";
import { startRunner, type Executors, type Runner } from "./modules/jobs/jobs.runner.js";
import { sendQueuedMail } from "./modules/mail/mail.commands.js";
import { transportFor, type MailTransport } from "./modules/mail/mail.transport.js";

export type WorkerDeps = { db: Db; config: Config; clock: Clock; transport: MailTransport };

/** One executor per job name of the registry (the compiler checks none is missing). */
export function buildExecutors({ db, config, clock, transport }: WorkerDeps): Executors {
  return {
    "mail.send": ({ mailId }) => sendQueuedMail(db, { mailId, transport, from: config.mailFrom, now: clock() }),
    "sessions.purge": async () => {
      await purgeExpiredSessions(db, { now: clock() });
    },
  };
}

/** Starts the job loop in this process; returns it with the mail transport to close on shutdown. */
export function startWorker(db: Db, config: Config, clock: Clock, options: { autoStart?: boolean; intervalMs?: number } = {}): Runner & { transport: MailTransport } {
  const transport = transportFor(config.smtpUrl);
  const runner = startRunner(db, buildExecutors({ db, config, clock, transport }), { clock, log: (m) => console.error(m), ...options });
  return {
    ...runner,
    transport,
    async stop() {
      await runner.stop();
      transport.close();
    },
  };
}
