// Enqueues, claims and settles persistent jobs. Safe with several app instances (FOR UPDATE SKIP LOCKED).
import { and, desc, eq, sql } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/client.js";
import { jobs, type JobStatus } from "../../db/schema/index.js";
import { parsePayload, type JobName, type JobPayload } from "./registry.js";

export type EnqueueOptions = { runAt?: Date; maxAttempts?: number; dedupeKey?: string };

/** Adds a job in the caller's transaction, so it exists only if the work that asked for it commits. */
export async function enqueueJob<N extends JobName>(db: Executor, name: N, payload: JobPayload<N>, options: EnqueueOptions = {}): Promise<number | null> {
  const [row] = await db
    .insert(jobs)
    .values({
      name,
      payload: parsePayload(name, payload),
      runAt: options.runAt ?? sql`now()`,
      maxAttempts: options.maxAttempts ?? 5,
      dedupeKey: options.dedupeKey ?? null,
    })
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id });
  return row?.id ?? null;
}

export type ClaimedJob = { id: number; name: string; payload: unknown; attempts: number; maxAttempts: number };

/** Claims the oldest due job for a worker; a job left running by a crashed worker is reclaimed after `staleAfterMs`. */
export async function claimNextJob(db: Executor, { workerId, now, staleAfterMs = 10 * 60_000 }: { workerId: string; now: Date; staleAfterMs?: number }): Promise<ClaimedJob | null> {
  const stale = new Date(now.getTime() - staleAfterMs);
  const rows = await queryRows<{ id: number; name: string; payload: unknown; attempts: number; max_attempts: number }>(db, sql`
    update jobs set status = 'running', locked_by = ${workerId}, locked_at = ${now.toISOString()}::timestamptz, attempts = attempts + 1
    where id = (
      select id from jobs
      where (status = 'pending' and run_at <= ${now.toISOString()}::timestamptz)
         or (status = 'running' and locked_at < ${stale.toISOString()}::timestamptz)
      order by run_at, id
      limit 1
      for update skip locked
    )
    returning id, name, payload, attempts, max_attempts`);
  const row = rows[0];
  if (!row) return null;
  return { id: Number(row.id), name: row.name, payload: row.payload, attempts: row.attempts, maxAttempts: row.max_attempts };
}

/** Back-off before the next attempt: 30 s, 2 min, 8 min, 32 min… capped at 6 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 4 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

/** Marks a job done. */
export async function completeJob(db: Executor, { id, now }: { id: number; now: Date }): Promise<void> {
  await db.update(jobs).set({ status: "done", finishedAt: now, lockedBy: null, lastError: null }).where(eq(jobs.id, id));
}

/** Records a failure: retried later with back-off, or failed for good after its last attempt. */
export async function failJob(db: Executor, { job, error, now }: { job: ClaimedJob; error: string; now: Date }): Promise<JobStatus> {
  const final = job.attempts >= job.maxAttempts;
  const status: JobStatus = final ? "failed" : "pending";
  await db
    .update(jobs)
    .set({
      status,
      lastError: error.slice(0, 2000),
      lockedBy: null,
      runAt: final ? undefined : new Date(now.getTime() + retryDelayMs(job.attempts)),
      finishedAt: final ? now : null,
    })
    .where(eq(jobs.id, job.id));
  return status;
}

export type JobRow = typeof jobs.$inferSelect;

/** Jobs for operators, newest first, optionally of one status. */
export async function listJobs(db: Executor, { status, limit = 100 }: { status?: JobStatus; limit?: number } = {}): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(and(status ? eq(jobs.status, status) : undefined))
    .orderBy(desc(jobs.id))
    .limit(limit);
}
