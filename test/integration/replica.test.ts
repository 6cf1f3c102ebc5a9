// Public reads on a real streaming replica (pg_basebackup, decision 0019): the finder's reads are served by it,
// it refuses writes, and its staleness is bounded: a replica that stops replaying is left aside once it is later
// than the maximum lag, and used again when it has caught up.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildApp } from "../../src/app.js";
import { openDatabase, queryRows, type Database } from "../../src/db/client.js";
import { withPublic } from "../../src/db/tenant.js";
import { fixedClock } from "../../src/lib/clock.js";
import { makeTerritory, testConfig, testEpoch } from "../support/app.js";
import { createTestDatabase, engines, roleUrlOf } from "../support/database.js";
import { lieuRecord, makePlace } from "../support/inclusion.js";
import { startPgReplica, type PgServer } from "../support/pg-server.js";

const MAX_LAG_MS = 3_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(engines.includes("postgres"))("public reads on a streaming replica", { timeout: 180_000 }, () => {
  let owner: Database;
  let web: Database;
  let replica: PgServer;
  let territoryId = 0;
  let databaseName = "";

  /** A URL of the replica: the same database as the primary's, as a role. */
  const onReplica = (role: string) => `postgres://${role}@127.0.0.1:${replica.port}/${databaseName}`;
  /** How many published places of this name the public reads see, wherever they go now. */
  const publicCount = async (name: string) =>
    (await withPublic(web, (db) => queryRows<{ n: number }>(db, sql`select count(*)::int as n from places where nom = ${name}`)))[0]!.n;
  /** Checks the replica's lag until `done` says so, or fails after `ms`. */
  async function checkUntil(done: (usingReplica: boolean) => boolean, ms: number): Promise<void> {
    const until = performance.now() + ms;
    while (!done((await web.replica!.check()).usingReplica)) {
      if (performance.now() > until) throw new Error("the replica's state did not change in time");
      await pause(200);
    }
  }

  beforeAll(async () => {
    owner = await createTestDatabase("postgres");
    territoryId = (await makeTerritory(owner, { name: "Territoire répliqué" })).id;
    await makePlace(owner, { territoryId, record: lieuRecord({ nom: "Maison France Services répliquée" }) });
    databaseName = new URL(roleUrlOf(owner, "maillage_web")).pathname.slice(1);
    replica = await startPgReplica(inject("pgUrl"));
    web = await openDatabase({ databaseUrl: roleUrlOf(owner, "maillage_web"), replicaUrl: onReplica("maillage_web"), replicaMaxLagMs: MAX_LAG_MS, poolSize: 4 });
    await checkUntil((usingReplica) => usingReplica, 60_000);
  });

  afterAll(async () => {
    await web?.close();
    await owner?.close();
    replica?.stop();
  });

  it("serves the finder's reads from the replica, which refuses writes", async () => {
    // On a loaded machine the replica may lag past the maximum for a moment (public reads then go to the primary):
    // each step starts once it serves again.
    await checkUntil((usingReplica) => usingReplica, 30_000);
    const [where] = await withPublic(web, (db) => queryRows<{ standby: boolean }>(db, sql`select pg_is_in_recovery() as standby`));
    expect(where!.standby).toBe(true);
    const app = await buildApp({ config: testConfig(), database: web, clock: fixedClock(testEpoch), linkSecret: "secret-de-test" });
    try {
      const page = await app.inject({ method: "GET", url: "/lieux?ou=Parthenay" });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("Maison France Services répliquée");
    } finally {
      await app.close();
    }
    await checkUntil((usingReplica) => usingReplica, 30_000);
    const refused = await withPublic(web, (db) => db.execute(sql`insert into rate_limits (key, window_start, hits) values ('x', now(), 1)`)).then(
      () => "accepted",
      (error: Error & { cause?: Error }) => error.cause?.message ?? error.message,
    );
    expect(refused).toMatch(/read-only transaction/);
  });

  it("leaves a replica that stopped replaying aside after the maximum lag, and comes back once it caught up", async () => {
    const standby = await openDatabase({ databaseUrl: onReplica("postgres"), poolSize: 1 });
    try {
      await pause(MAX_LAG_MS + 500);
      await checkUntil((usingReplica) => usingReplica, 30_000);
      await standby.db.execute(sql`select pg_wal_replay_pause()`);
      await makePlace(owner, { territoryId, record: lieuRecord({ nom: "Point numérique ouvert pendant la pause" }) });
      // Within the maximum lag the replica still serves: the new place is not there yet.
      expect((await web.replica!.check()).usingReplica).toBe(true);
      expect(await publicCount("Point numérique ouvert pendant la pause")).toBe(0);
      // Past it, public reads go to the primary: the place is there although the replica still has not replayed it.
      await checkUntil((usingReplica) => !usingReplica, MAX_LAG_MS + 10_000);
      expect(await publicCount("Point numérique ouvert pendant la pause")).toBe(1);
      await standby.db.execute(sql`select pg_wal_replay_resume()`);
      await checkUntil((usingReplica) => usingReplica, 30_000);
      expect(await publicCount("Point numérique ouvert pendant la pause")).toBe(1);
    } finally {
      await standby.db.execute(sql`select pg_wal_replay_resume()`).catch(() => {});
      await standby.close();
    }
  });
});
