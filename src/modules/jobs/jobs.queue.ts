// Enqueues, claims and settles persistent jobs. Safe with several app instances (FOR UPDATE SKIP LOCKED).
import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/client.js";
import { jobs, type JobStatus } from "../../db/schema/index.js";
import { parsePayload, type JobName, type JobPayload } from "./registry.js";

/** `runAt` is required: the caller's clock says when, never the database server's (tests set the clock). */
export type EnqueueOptions = { runAt: Date; maxAttempts?: number; dedupeKey?: string };

/**
 * Adds a job in the caller's transaction, so it exists only if the work that asked for it commits.
 * With a dedupe key already used, nothing is added and null is returned.
 */
export async function enqueueJob<N extends JobName>(db: Executor, name: N, payload: JobPayload<N>, options: EnqueueOptions): Promise<number | null> {
  const [row] = await db
    .insert(jobs)
    .values({
      name,
      payload: parsePayload(name, payload),
      runAt: options.runAt,
      maxAttempts: options.maxAttempts ?? 5,
      dedupeKey: options.dedupeKey ?? null,
    })
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id });
  return row?.id ?? null;
}

export type ClaimedJob = { id: number; name: string; payload: unknown; attempts: number; maxAttempts: number; workerId: string };

export type ClaimOptions = { workerId: string; now: Date; staleAfterMs?: number; names?: readonly JobName[] };

/** A job is "stale" when its worker has not shown a sign of life (heartbeat) for this long. */
export const defaultStaleAfterMs = 10 * 60_000;

/**
 * Claims the oldest due job for a worker. A job left running by a crashed worker is reclaimed once its
 * heartbeat is older than `staleAfterMs`; if that crash used its last attempt, the job fails instead.
 */
export async function claimNextJob(db: Executor, { workerId, now, staleAfterMs = defaultStaleAfterMs, names }: ClaimOptions): Promise<ClaimedJob | null> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const stale = sql`${new Date(now.getTime() - staleAfterMs).toISOString()}::timestamptz`;
  const onlyNames = names ? sql`and name in (${sql.join(names.map((n) => sql`${n}`), sql`, `)})` : sql``;
  await db.execute(sql`
    update jobs set status = 'failed', locked_by = null, finished_at = ${at},
      last_error = coalesce(last_error || E'\n', '') || 'Interrompue : le processus qui l''exécutait s''est arrêté (dernier essai).'
    where status = 'running' and locked_at < ${stale} and attempts >= max_attempts ${onlyNames}`);
  const rows = await queryRows<{ id: number; name: string; payload: unknown; attempts: number; max_attempts: number }>(db, sql`
    update jobs set status = 'running', locked_by = ${workerId}, locked_at = ${at}, attempts = attempts + 1
    where id = (
      select id from jobs
      where ((status = 'pending' and run_at <= ${at}) or (status = 'running' and locked_at < ${stale})) ${onlyNames}
      order by run_at, id
      limit 1
      for update skip locked
    )
    returning id, name, payload, attempts, max_attempts`);
  const row = rows[0];
  if (!row) return null;
  return { id: Number(row.id), name: row.name, payload: row.payload, attempts: row.attempts, maxAttempts: row.max_attempts, workerId };
}

/** Back-off before the next attempt: 30 s, 2 min, 8 min, 32 min… capped at 6 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 4 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

/** The claim still belongs to this worker (another one may have reclaimed a job it thought abandoned). */
const ownedBy = (job: ClaimedJob) => and(eq(jobs.id, job.id), eq(jobs.status, "running"), eq(jobs.lockedBy, job.workerId));

/** Shows that the worker running a long job is alive, so that the job is not reclaimed as stale. */
export async function touchJob(db: Executor, { job, now }: { job: ClaimedJob; now: Date }): Promise<void> {
  await db.update(jobs).set({ lockedAt: now }).where(ownedBy(job));
}

/** Marks a job done. */
export async function completeJob(db: Executor, { job, now }: { job: ClaimedJob; now: Date }): Promise<void> {
  await db.update(jobs).set({ status: "done", finishedAt: now, lockedBy: null, lastError: null }).where(ownedBy(job));
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
    .where(ownedBy(job));
  return status;
}

/** Puts a failed job back in the queue with a fresh set of attempts (operators); false if it is not failed. */
export async function retryFailedJob(db: Executor, { id, now }: { id: number; now: Date }): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: "pending", attempts: 0, runAt: now, finishedAt: null })
    .where(and(eq(jobs.id, id), eq(jobs.status, "failed")))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Deletes jobs done before a date (the table would otherwise keep one row per mail forever); failed ones stay. */
export async function purgeDoneJobs(db: Executor, { before }: { before: Date }): Promise<number> {
  const rows = await db
    .delete(jobs)
    .where(and(eq(jobs.status, "done"), lt(jobs.finishedAt, before)))
    .returning({ id: jobs.id });
  return rows.length;
}

export type JobRow = typeof jobs.$inferSelect;

/** Jobs for operators, newest first, optionally of one status or some names. */
export async function listJobs(db: Executor, { status, names, limit = 100 }: { status?: JobStatus; names?: readonly string[]; limit?: number } = {}): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(and(status ? eq(jobs.status, status) : undefined, names ? inArray(jobs.name, [...names]) : undefined))
    .orderBy(desc(jobs.id))
    .limit(limit);
}
