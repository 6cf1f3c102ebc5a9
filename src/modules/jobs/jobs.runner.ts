// The worker loop: schedules recurring maintenance, claims due jobs one at a time and runs their executor.
import { hostname } from "node:os";
import type { Db } from "../../db/client.js";
import type { Clock } from "../../lib/clock.js";
import { dataChanged } from "../../lib/data-changes.js";
import { errorText } from "../../lib/log-safety.js";
import { claimNextJob, completeJob, defaultStaleAfterMs, failJob, touchJob, type ClaimedJob } from "./jobs.queue.js";
import { recurringScheduler, type RecurringJob } from "./recurring.js";
import { isJobName, parsePayload, type JobName, type JobPayload } from "./registry.js";

/** What an executor knows about the attempt it runs (e.g. to mark a mail failed on the last one). */
export type JobContext = { jobId: number; attempts: number; maxAttempts: number; lastAttempt: boolean };

export type Executors = { [N in JobName]: (payload: JobPayload<N>, context: JobContext) => Promise<void> };

export type Runner = { stop(): Promise<void>; runUntilIdle(): Promise<number> };

export type RunnerOptions = {
  clock: Clock;
  /** Pause between two polls when the queue is empty. */
  intervalMs?: number;
  autoStart?: boolean;
  log?: (msg: string) => void;
  /** A running job whose heartbeat is older than this is taken back (its worker is presumed dead). */
  staleAfterMs?: number;
  /** Recurring jobs this runner enqueues when their period starts (none by default). */
  schedules?: readonly RecurringJob[];
  /** Run only these jobs (e.g. the CLI sending the mail it just queued). */
  names?: readonly JobName[];
};

/** Runs one claimed job and settles it; an unknown name or a bad payload fails it like any error. */
async function runJob(db: Db, executors: Executors, job: ClaimedJob, clock: Clock, staleAfterMs: number): Promise<void> {
  // Heartbeat: a job longer than the stale delay (an import) must not be taken by another worker.
  const heartbeat = setInterval(() => void touchJob(db, { job, now: clock() }).catch(() => undefined), Math.max(1000, staleAfterMs / 3));
  try {
    if (!isJobName(job.name)) throw new Error(`Unknown job ${job.name}`);
    const payload = parsePayload(job.name, job.payload);
    const context: JobContext = { jobId: job.id, attempts: job.attempts, maxAttempts: job.maxAttempts, lastAttempt: job.attempts >= job.maxAttempts };
    await (executors[job.name] as (p: unknown, c: JobContext) => Promise<void>)(payload, context);
    clearInterval(heartbeat);
    await completeJob(db, { job, now: clock() });
    dataChanged();
  } catch (error) {
    clearInterval(heartbeat);
    await failJob(db, { job, error: errorText(error), now: clock() });
  }
}

/** Starts polling for jobs every `intervalMs`; `runUntilIdle` drains due jobs (tests, CLI). */
export function startRunner(db: Db, executors: Executors, options: RunnerOptions): Runner {
  const { clock, intervalMs = 1000, autoStart = true, log, staleAfterMs = defaultStaleAfterMs, schedules = [], names } = options;
  const workerId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const scheduleDue = recurringScheduler(schedules);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> = Promise.resolve(0);

  const drain = async (): Promise<number> => {
    await scheduleDue(db, clock());
    let count = 0;
    while (!stopped) {
      const job = await claimNextJob(db, { workerId, now: clock(), staleAfterMs, ...(names ? { names } : {}) });
      if (!job) break;
      await runJob(db, executors, job, clock, staleAfterMs);
      count++;
    }
    return count;
  };

  const tick = () => {
    running = running
      .then(drain)
      .catch((error: Error) => {
        log?.(`job runner: ${error.message}`);
        return 0;
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  if (autoStart) timer = setTimeout(tick, 0);

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => 0);
    },
    runUntilIdle() {
      const next = running.then(drain, drain);
      running = next.catch(() => 0);
      return next;
    },
  };
}
