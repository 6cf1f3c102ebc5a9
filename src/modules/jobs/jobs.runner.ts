// The worker loop: claims due jobs one at a time and runs their executor.
import { hostname } from "node:os";
import type { Db } from "../../db/client.js";
import type { Clock } from "../../lib/clock.js";
import { claimNextJob, completeJob, failJob, type ClaimedJob } from "./jobs.queue.js";
import { isJobName, parsePayload, type JobName, type JobPayload } from "./registry.js";

export type Executors = { [N in JobName]: (payload: JobPayload<N>) => Promise<void> };

export type Runner = { stop(): Promise<void>; runUntilIdle(): Promise<number> };

/** Runs one claimed job and settles it; an unknown name or a bad payload fails it for good. */
async function runJob(db: Db, executors: Executors, job: ClaimedJob, clock: Clock): Promise<void> {
  try {
    if (!isJobName(job.name)) throw new Error(`Unknown job ${job.name}`);
    const payload = parsePayload(job.name, job.payload);
    await (executors[job.name] as (p: unknown) => Promise<void>)(payload);
    await completeJob(db, { id: job.id, now: clock() });
  } catch (error) {
    await failJob(db, { job, error: (error as Error).stack ?? String(error), now: clock() });
  }
}

/** Starts polling for jobs every `intervalMs`; `runUntilIdle` drains due jobs (tests, CLI). */
export function startRunner(
  db: Db,
  executors: Executors,
  { clock, intervalMs = 1000, autoStart = true, log }: { clock: Clock; intervalMs?: number; autoStart?: boolean; log?: (msg: string) => void },
): Runner {
  const workerId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> = Promise.resolve(0);

  const drain = async (): Promise<number> => {
    let count = 0;
    while (!stopped) {
      const job = await claimNextJob(db, { workerId, now: clock() });
      if (!job) break;
      await runJob(db, executors, job, clock);
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
      running = running.then(drain, drain);
      return running;
    },
  };
}
