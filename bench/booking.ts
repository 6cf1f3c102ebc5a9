// Benchmark: 200 simultaneous bookings of one slot over HTTP on a PostgreSQL server — exactly one succeeds.
import { linkSecret } from "../src/lib/signed-links.js";
import { buildApp } from "../src/app.js";
import { migrateDatabase, openDatabase } from "../src/db/client.js";
import { mediatorPlaces, mediators, motifs, places, plages } from "../src/db/schema/index.js";
import { fixedClock } from "../src/lib/clock.js";
import { parisToInstant } from "../src/lib/paris-time.js";
import { cliActor } from "../src/modules/audit/audit.commands.js";
import { findEpci } from "../src/modules/territories/geography.js";
import { createTerritory } from "../src/modules/territories/territories.commands.js";
import { testConfig } from "../test/support/app.js";
import { lieuRecord } from "../test/support/inclusion.js";
import { startPgServer } from "../test/support/pg-server.js";
import pg from "pg";

export type BookingRaceFigures = { attempts: number; succeeded: number; conflicts: number; serverErrors: number; seconds: number; meetsTarget: boolean };

/** Fires `attempts` confirmations of one slot at once (real HTTP, keep-alive off) and counts the outcomes. */
export async function benchBookingRace({ attempts = 200, log = console.log }: { attempts?: number; log?: (line: string) => void } = {}): Promise<BookingRaceFigures> {
  const server = await startPgServer();
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query("create database bench_booking");
    await admin.end();
    const database = await openDatabase({ databaseUrl: server.url.replace(/\/postgres$/, "/bench_booking"), poolSize: 20 });
    await migrateDatabase(database);
    const db = database.db;
    const territory = await db.transaction((tx) => createTerritory(tx, { geo: findEpci("200041333")!, actor: cliActor(new Date()) }));
    const record = lieuRecord();
    const [place] = await db.insert(places).values({ territoryId: territory.id, standardId: record.id, nom: record.nom, commune: record.commune, codePostal: record.code_postal, services: record.services, record }).returning();
    const [motif] = await db.insert(motifs).values({ territoryId: territory.id, name: "Démarche", service: "Aide aux démarches administratives" }).returning();
    const [mediator] = await db.insert(mediators).values({ territoryId: territory.id, name: "M" }).returning();
    await db.insert(mediatorPlaces).values({ territoryId: territory.id, mediatorId: mediator!.id, placeId: place!.id });
    await db.insert(plages).values({ territoryId: territory.id, mediatorId: mediator!.id, placeId: place!.id, weekdays: [1, 2, 3, 4, 5], startTime: "09:00", endTime: "12:00", validFrom: "2027-01-01" });
    const app = await buildApp({ config: testConfig(), database, clock: fixedClock(new Date("2027-03-01T08:00:00Z")), linkSecret: await linkSecret(database.db), rateLimits: { signIn: 10_000, publicForm: 10_000 } });
    const address = await app.listen({ port: 0, host: "127.0.0.1" });
    const first = await fetch(`${address}/connexion`);
    const cookie = (first.headers.get("set-cookie") ?? "").split(";")[0]!;
    const token = /name="_csrf" value="([^"]+)"/.exec(await first.text())![1]!;
    const start = new Date(parisToInstant("2027-03-03", "10:00")).toISOString();
    const body = (i: number) => new URLSearchParams({ _csrf: token, motif: String(motif!.id), debut: start, firstName: `P${i}`, lastName: "Essai", phone: "0612345678", email: "", noEmail: "oui", consent: "oui" }).toString();
    const started = performance.now();
    const statuses = await Promise.all(
      Array.from({ length: attempts }, (_, i) =>
        fetch(`${address}/lieux/${place!.id}/rendez-vous/confirmer`, { method: "POST", redirect: "manual", headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, body: body(i) }).then((r) => r.status),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    await app.close();
    await database.close();
    const figures = {
      attempts,
      succeeded: statuses.filter((s) => s === 303).length,
      conflicts: statuses.filter((s) => s === 409).length,
      serverErrors: statuses.filter((s) => s >= 500).length,
      seconds,
      meetsTarget: false,
    };
    figures.meetsTarget = figures.succeeded === 1 && figures.conflicts === attempts - 1 && figures.serverErrors === 0;
    log(`booking race: ${figures.succeeded} booked, ${figures.conflicts} conflicts, ${figures.serverErrors} server errors in ${seconds.toFixed(2)} s`);
    return figures;
  } finally {
    server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchBookingRace();
