// Recurring maintenance: each period, one job per schedule, made unique across instances by a dedupe key.
import type { Executor } from "../../db/client.js";
import { enqueueJob } from "./jobs.queue.js";
import type { JobName, JobPayload } from "./registry.js";

export type Period = "week" | "day" | "hour";

export type RecurringJob = { [N in JobName]: { name: N; payload: JobPayload<N>; every: Period } }[JobName];

/** What every instance schedules: purges, once a day. */
export const maintenanceSchedule: RecurringJob[] = [
  { name: "sessions.purge", payload: {}, every: "day" },
  { name: "jobs.purge", payload: {}, every: "day" },
  { name: "personal-data.purge", payload: {}, every: "day" },
  { name: "network.digest", payload: {}, every: "week" },
];

const parisParts = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  hourCycle: "h23",
});

/** The period an instant falls in, as people in France count it: "2027-03-02", "2027-03-02T10", or its week by its Monday, "W2027-03-01". */
export function periodKey(every: Period, now: Date): string {
  const part = (type: string) => parisParts.formatToParts(now).find((p) => p.type === type)!.value;
  const day = `${part("year")}-${part("month")}-${part("day")}`;
  if (every === "week") {
    const date = new Date(`${day}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
    return `W${date.toISOString().slice(0, 10)}`;
  }
  return every === "day" ? day : `${day}T${part("hour")}`;
}

/** The dedupe key of a recurring job for the period of `now`, e.g. "sessions.purge:2027-03-02". */
export function recurringKey(job: RecurringJob, now: Date): string {
  return `${job.name}:${periodKey(job.every, now)}`;
}

/** Enqueues the job of the current period for each schedule not yet enqueued (by any instance); returns how many. */
export async function scheduleRecurring(db: Executor, { now, schedules }: { now: Date; schedules: readonly RecurringJob[] }): Promise<number> {
  let added = 0;
  for (const job of schedules) {
    const id = await enqueueJob(db, job.name, job.payload as never, { runAt: now, dedupeKey: recurringKey(job, now), maxAttempts: 3 });
    if (id !== null) added++;
  }
  return added;
}

/**
 * Remembers which periods this process has already scheduled, so that the runner asks the database once per
 * period rather than on every poll.
 */
export function recurringScheduler(schedules: readonly RecurringJob[]): (db: Executor, now: Date) => Promise<number> {
  let lastKeys = "";
  return async (db, now) => {
    if (schedules.length === 0) return 0;
    const keys = schedules.map((job) => recurringKey(job, now)).join("|");
    if (keys === lastKeys) return 0;
    const added = await scheduleRecurring(db, { now, schedules });
    lastKeys = keys;
    return added;
  };
}
