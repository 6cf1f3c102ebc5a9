import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { queryRows, type Database } from "../../src/db/client.js";
import { jobs, sessions } from "../../src/db/schema/index.js";
import { fixedClock } from "../../src/lib/clock.js";
import { createSession } from "../../src/modules/accounts/sessions.js";
import { ensureUser } from "../../src/modules/accounts/sign-in.commands.js";
import { claimNextJob, completeJob, enqueueJob, failJob, retryDelayMs, retryFailedJob } from "../../src/modules/jobs/jobs.queue.js";
import { startRunner, type Executors } from "../../src/modules/jobs/jobs.runner.js";
import { maintenanceSchedule, periodKey } from "../../src/modules/jobs/recurring.js";
import { jobPayloads } from "../../src/modules/jobs/registry.js";
import { storeOnlyTransport } from "../../src/modules/mail/mail.transport.js";
import { startWorker } from "../../src/worker.js";
import { testConfig, testEpoch } from "../support/app.js";
import { createTestDatabase, engines } from "../support/database.js";

const start = testEpoch;

/** Executors that fail the test if a job they do not expect runs. */
function executors(overrides: Partial<Executors>): Executors {
  const all = Object.fromEntries(
    Object.keys(jobPayloads).map((name) => [
      name,
      async () => {
        throw new Error(`unexpected job ${name}`);
      },
    ]),
  ) as unknown as Executors;
  return { ...all, ...overrides };
}

describe("recurring periods", () => {
  it("counts days and hours in Paris time", () => {
    expect(periodKey("day", new Date("2027-03-02T09:00:00Z"))).toBe("2027-03-02");
    expect(periodKey("day", new Date("2027-03-02T23:30:00Z"))).toBe("2027-03-03");
    expect(periodKey("day", new Date("2027-07-14T22:30:00Z"))).toBe("2027-07-15");
    expect(periodKey("hour", new Date("2027-03-02T09:15:00Z"))).toBe("2027-03-02T10");
    // A week by its Monday in Paris: Sunday 23:30 UTC is already Monday in Paris.
    expect(periodKey("week", new Date("2027-03-03T09:00:00Z"))).toBe("W2027-03-01");
    expect(periodKey("week", new Date("2027-03-07T22:30:00Z"))).toBe("W2027-03-01");
    expect(periodKey("week", new Date("2027-03-07T23:30:00Z"))).toBe("W2027-03-08");
  });
});

describe.each(engines)("background jobs on %s", (engine) => {
  let database: Database;
  let clock: ReturnType<typeof fixedClock>;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    await database.db.delete(jobs);
    clock = fixedClock(start);
  });

  async function job(id: number) {
    const [row] = await database.db.select().from(jobs).where(eq(jobs.id, id));
    return row!;
  }

  it("enqueues, claims once and completes a job; a job planned later waits for its time", async () => {
    const now = clock();
    const id = (await enqueueJob(database.db, "mail.send", { mailId: 7 }, { runAt: now }))!;
    const later = (await enqueueJob(database.db, "mail.send", { mailId: 8 }, { runAt: new Date(now.getTime() + 60_000) }))!;
    const claimed = await claimNextJob(database.db, { workerId: "w1", now });
    expect(claimed).toMatchObject({ id, name: "mail.send", payload: { mailId: 7 }, attempts: 1, maxAttempts: 5 });
    expect(await job(id)).toMatchObject({ status: "running", lockedBy: "w1" });
    expect(await claimNextJob(database.db, { workerId: "w2", now })).toBeNull();
    await completeJob(database.db, { job: claimed!, now });
    expect(await job(id)).toMatchObject({ status: "done", lockedBy: null, finishedAt: now });
    expect((await claimNextJob(database.db, { workerId: "w1", now: new Date(now.getTime() + 60_000) }))?.id).toBe(later);
  });

  it("refuses a payload that does not match the registry", async () => {
    await expect(enqueueJob(database.db, "mail.send", { mailId: -1 }, { runAt: clock() })).rejects.toThrow();
  });

  it("adds a job with a dedupe key only once", async () => {
    const first = await enqueueJob(database.db, "sessions.purge", {}, { runAt: clock(), dedupeKey: "purge:once" });
    const second = await enqueueJob(database.db, "sessions.purge", {}, { runAt: clock(), dedupeKey: "purge:once" });
    expect(first).toBeTypeOf("number");
    expect(second).toBeNull();
    expect(await database.db.select().from(jobs)).toHaveLength(1);
  });

  it("retries a failing job with back-off, then marks it failed keeping the error", async () => {
    let calls = 0;
    const runner = startRunner(
      database.db,
      executors({
        "sessions.purge": async () => {
          calls++;
          throw new Error(`panne n° ${calls}`);
        },
      }),
      { clock, autoStart: false },
    );
    const id = (await enqueueJob(database.db, "sessions.purge", {}, { runAt: clock(), maxAttempts: 3 }))!;

    expect(await runner.runUntilIdle()).toBe(1);
    expect(await job(id)).toMatchObject({ status: "pending", attempts: 1, runAt: new Date(clock().getTime() + retryDelayMs(1)) });
    expect((await job(id)).lastError).toContain("panne n° 1");

    clock.advance(retryDelayMs(1) - 1000);
    expect(await runner.runUntilIdle()).toBe(0);
    clock.advance(1000);
    expect(await runner.runUntilIdle()).toBe(1);
    expect(await job(id)).toMatchObject({ status: "pending", attempts: 2, runAt: new Date(clock().getTime() + retryDelayMs(2)) });
    expect(retryDelayMs(2)).toBeGreaterThan(retryDelayMs(1));

    clock.advance(retryDelayMs(2));
    expect(await runner.runUntilIdle()).toBe(1);
    const failed = await job(id);
    expect(failed).toMatchObject({ status: "failed", attempts: 3, finishedAt: clock() });
    expect(failed.lastError).toContain("panne n° 3");
    clock.advance(86_400_000);
    expect(await runner.runUntilIdle()).toBe(0);
    expect(calls).toBe(3);

    expect(await retryFailedJob(database.db, { id, now: clock() })).toBe(true);
    expect(await job(id)).toMatchObject({ status: "pending", attempts: 0 });
    await runner.stop();
  });

  it("reclaims a job left running by a crashed worker after the stale delay, and ignores the late worker", async () => {
    const id = (await enqueueJob(database.db, "mail.send", { mailId: 1 }, { runAt: clock() }))!;
    const crashed = (await claimNextJob(database.db, { workerId: "crashed", now: clock() }))!;
    const staleAfterMs = 60_000;
    clock.advance(staleAfterMs - 1000);
    expect(await claimNextJob(database.db, { workerId: "other", now: clock(), staleAfterMs })).toBeNull();
    clock.advance(2000);
    const reclaimed = await claimNextJob(database.db, { workerId: "other", now: clock(), staleAfterMs });
    expect(reclaimed).toMatchObject({ id, attempts: 2 });

    // The first worker was only slow: its late report must not settle the job another worker now runs.
    await failJob(database.db, { job: crashed, error: "trop tard", now: clock() });
    expect(await job(id)).toMatchObject({ status: "running", lockedBy: "other", lastError: null });
    await completeJob(database.db, { job: reclaimed!, now: clock() });
    expect(await job(id)).toMatchObject({ status: "done", attempts: 2 });
  });

  it("keeps a long job that shows signs of life from being taken by another worker", async () => {
    let release!: () => void;
    let started!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const begun = new Promise<void>((resolve) => (started = resolve));
    const staleAfterMs = 3000; // heartbeat every second
    const runner = startRunner(
      database.db,
      executors({
        "sessions.purge": async () => {
          started();
          await gate;
        },
      }),
      { clock, autoStart: false, staleAfterMs },
    );
    const id = (await enqueueJob(database.db, "sessions.purge", {}, { runAt: clock() }))!;
    const run = runner.runUntilIdle();
    await begun;
    clock.advance(staleAfterMs + 1000);
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(await claimNextJob(database.db, { workerId: "other", now: clock(), staleAfterMs })).toBeNull();
    release();
    expect(await run).toBe(1);
    expect(await job(id)).toMatchObject({ status: "done", attempts: 1 });
    await runner.stop();
  });

  it("fails a stale job whose crash used its last attempt instead of running it again", async () => {
    const id = (await enqueueJob(database.db, "mail.send", { mailId: 1 }, { runAt: clock(), maxAttempts: 1 }))!;
    await claimNextJob(database.db, { workerId: "crashed", now: clock() });
    clock.advance(11 * 60_000);
    expect(await claimNextJob(database.db, { workerId: "other", now: clock() })).toBeNull();
    const row = await job(id);
    expect(row.status).toBe("failed");
    expect(row.lastError).toContain("Interrompue");
  });

  it("runs sessions.purge once a day from the maintenance schedule, whichever instance schedules it", async () => {
    const userId = await ensureUser(database.db, { email: `purge-${engine}@exemple.fr` });
    await createSession(database.db, { userId, now: new Date(clock().getTime() - 2 * 86_400_000), days: 1 });
    const kept = await createSession(database.db, { userId, now: clock(), days: 1 });
    const config = testConfig();
    const a = startWorker(database.db, config, clock, { autoStart: false, transport: storeOnlyTransport });
    const b = startWorker(database.db, config, clock, { autoStart: false, transport: storeOnlyTransport });

    await a.runUntilIdle();
    await b.runUntilIdle();
    const day = periodKey("day", clock());
    const rows = await database.db.select({ key: jobs.dedupeKey, status: jobs.status }).from(jobs).orderBy(jobs.dedupeKey);
    expect(rows).toEqual(maintenanceSchedule.map((s) => ({ key: `${s.name}:${periodKey(s.every, clock())}`, status: "done" })).sort((x, y) => x.key!.localeCompare(y.key!)));
    const left = await database.db.select({ userId: sessions.userId }).from(sessions).where(eq(sessions.userId, userId));
    expect(left).toHaveLength(1);
    expect(kept).toBeTruthy();

    clock.advance(3_600_000);
    await a.runUntilIdle();
    expect(await database.db.select().from(jobs)).toHaveLength(maintenanceSchedule.length);
    clock.advance(86_400_000);
    await b.runUntilIdle();
    const purges = await database.db.select({ key: jobs.dedupeKey }).from(jobs).where(eq(jobs.name, "sessions.purge"));
    expect(purges.map((p) => p.key).sort()).toEqual([`sessions.purge:${day}`, `sessions.purge:${periodKey("day", clock())}`]);
    await a.stop();
    await b.stop();
  });

  it("never runs a job twice with two runners in parallel", async () => {
    const runs = new Map<number, number>();
    const exec = executors({
      "mail.send": async ({ mailId }) => {
        runs.set(mailId, (runs.get(mailId) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 2));
      },
    });
    for (let i = 1; i <= 50; i++) await enqueueJob(database.db, "mail.send", { mailId: i }, { runAt: clock() });
    const first = startRunner(database.db, exec, { clock, autoStart: false });
    const second = startRunner(database.db, exec, { clock, autoStart: false });
    const [a, b] = await Promise.all([first.runUntilIdle(), second.runUntilIdle()]);
    expect(a + b).toBe(50);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect([...runs.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    const [row] = await queryRows<{ done: number }>(database.db, sql`select count(*)::int as done from jobs where status = 'done'`);
    expect(row?.done).toBe(50);
    await first.stop();
    await second.stop();
  });
});
