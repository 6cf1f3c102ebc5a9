// Background work: the executor of every registered job, and the loop that runs them.
import { purgeRateLimits } from "./plugins/rate-limit-store.js";
import type { Config } from "./config.js";
import type { Db } from "./db/client.js";
import type { Clock } from "./lib/clock.js";
import { purgeExpiredSessions } from "./modules/accounts/sessions.js";
import { sendAppointmentReminder } from "./modules/booking/booking.reminders.js";
import { sendQueuedSms } from "./modules/sms/sms.commands.js";
import { smsProviderFromEnv, type SmsProvider } from "./modules/sms/sms.provider.js";
import { purgePersonalData } from "./modules/booking/booking.purge.js";
import { purgeDoneJobs } from "./modules/jobs/jobs.queue.js";
import { startRunner, type Executors, type Runner, type RunnerOptions } from "./modules/jobs/jobs.runner.js";
import { maintenanceSchedule } from "./modules/jobs/recurring.js";
import { sendQueuedMail } from "./modules/mail/mail.commands.js";
import { runPlacesImport } from "./modules/places/places-import.js";
import { runSchoolsImport } from "./modules/schools/schools-import-jobs.js";
import { runObservatoryImport } from "./modules/observatory/observatory-import-jobs.js";
import { transportFor, type MailTransport } from "./modules/mail/mail.transport.js";
import { sendWeeklyDigest } from "./modules/network/network.digest.js";

export type WorkerDeps = { db: Db; config: Config; clock: Clock; transport: MailTransport; smsProvider?: SmsProvider | undefined };

/** How long finished jobs stay visible to operators before the daily purge removes them. */
const keepDoneJobsDays = 30;

/** One executor per job name of the registry (the compiler checks none is missing). */
export function buildExecutors({ db, config, clock, transport, smsProvider = smsProviderFromEnv() }: WorkerDeps): Executors {
  return {
    "mail.send": ({ mailId }, { lastAttempt }) => sendQueuedMail(db, { mailId, transport, from: config.mailFrom, now: clock(), lastAttempt }),
    "sessions.purge": async () => {
      await purgeExpiredSessions(db, { now: clock() });
      await purgeRateLimits(db, { now: clock() });
    },
    "appointment.reminder": async (payload) => {
      await sendAppointmentReminder(db, { ...payload, now: clock(), publicUrl: config.publicUrl });
    },
    "sms.send": ({ smsId }) => sendQueuedSms(db, { smsId, provider: smsProvider, now: clock() }),
    "personal-data.purge": async () => {
      await purgePersonalData(db, { now: clock() });
    },
    "import.lieux": ({ importId }) => runPlacesImport(db, { importId, clock }),
    "import.schools": ({ importId }) => runSchoolsImport(db, { importId, clock }),
    "import.observatory": ({ importId }) => runObservatoryImport(db, { importId, clock }),
    "network.digest": async () => {
      await sendWeeklyDigest(db, { now: clock(), publicUrl: config.publicUrl });
    },
    "jobs.purge": async () => {
      await purgeDoneJobs(db, { before: new Date(clock().getTime() - keepDoneJobsDays * 86_400_000) });
    },
  };
}

export type WorkerOptions = Partial<Omit<RunnerOptions, "clock">> & { transport?: MailTransport };

/**
 * Starts the job loop in this process, with the daily maintenance schedule; returns it with the mail
 * transport, closed on stop.
 */
export function startWorker(db: Db, config: Config, clock: Clock, options: WorkerOptions = {}): Runner & { transport: MailTransport } {
  const { transport = transportFor(config.smtpUrl), ...runnerOptions } = options;
  const runner = startRunner(db, buildExecutors({ db, config, clock, transport }), {
    clock,
    log: (m) => console.error(m),
    schedules: maintenanceSchedule,
    ...runnerOptions,
  });
  return {
    ...runner,
    transport,
    async stop() {
      await runner.stop();
      transport.close();
    },
  };
}
