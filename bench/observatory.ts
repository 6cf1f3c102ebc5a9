// Benchmark of the connectivity and observatory modules: the observatory page and the map for a territory of
// 300 communes (with contours, eight quarters of connectivity, census indicators, places, accompaniments),
// requested over HTTP on a PostgreSQL server (target ≤ 300 ms); the fragility index for 35,000 communes (target
// ≤ 2 s) and the allocation planner for 300 communes × 3 levers (target ≤ 1 s), both pure computations.
// Run alone with `npx tsx bench/observatory.ts`, or through `npm run bench -- observatory`.
import os from "node:os";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import pg from "pg";
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { migrateDatabase, openDatabase } from "../src/db/client.js";
import { activities, communes, memberships, places } from "../src/db/schema/index.js";
import { systemClock } from "../src/lib/clock.js";
import { createSession } from "../src/modules/accounts/sessions.js";
import { ensureUser } from "../src/modules/accounts/sign-in.commands.js";
import { cliActor } from "../src/modules/audit/audit.commands.js";
import { importConnectivityFile } from "../src/modules/connectivity/connectivity-import.js";
import { TECHNO_HEADER } from "../src/modules/connectivity/connectivity.fixtures.js";
import { computeIndex, DEFAULT_WEIGHTS } from "../src/modules/observatory/domain/fragility-index.js";
import { DEFAULT_PARAMS, planAllocation, type PlannerUnit } from "../src/modules/observatory/domain/planner.js";
import { importIndicatorsFile } from "../src/modules/observatory/indicators-import.js";
import { searchColumns } from "../src/modules/places/places.commands.js";
import { createTerritory } from "../src/modules/territories/territories.commands.js";
import { lieuRecord } from "../test/support/inclusion.js";
import { startPgServer } from "../test/support/pg-server.js";
import { timePage } from "./schools.js";
import { linkSecret } from "../src/lib/signed-links.js";

type Row = { what: string; figure: string; target: string; ok: boolean };

/** A pseudo-random number generator with a seed (same data every run). */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** An irregular polygon of `vertices` points around a centre (a commune's outline, about 3 km across). */
function outline(lon: number, lat: number, vertices: number, random: () => number) {
  const ring: [number, number][] = [];
  for (let v = 0; v < vertices; v++) {
    const angle = (-2 * Math.PI * v) / vertices;
    const r = 0.012 * (0.8 + 0.4 * random());
    ring.push([lon + r * Math.cos(angle) * 1.45, lat + r * Math.sin(angle)]);
  }
  ring.push(ring[0]!);
  return { type: "Polygon" as const, coordinates: [ring] };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The fragility index for `n` communes and five criteria: median of 5 runs, in ms. */
export function benchIndex(n = 35_000): number {
  const random = seeded(7);
  const units = Array.from({ length: n }, (_, i) => ({ code: String(i), values: { non_couverture_thd: random(), part_65_plus: random(), part_peu_diplomes: random(), taux_pauvrete: random() < 0.6 ? null : random(), part_menages_1_personne: random() } }));
  const times: number[] = [];
  for (let r = 0; r < 5; r++) {
    const started = performance.now();
    computeIndex(units, DEFAULT_WEIGHTS);
    times.push(performance.now() - started);
  }
  return median(times);
}

/** The planner for `n` communes × 3 levers with a budget: median of 3 runs, in ms. */
export function benchPlanner(n = 300, budget = 300_000): number {
  const random = seeded(11);
  const units: PlannerUnit[] = Array.from({ length: n }, (_, i) => ({ code: String(i), name: `Commune ${i}`, population: Math.round(200 + random() * 8000), fragility: 1 + 9 * random(), hasPlace: random() < 0.4 }));
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const started = performance.now();
    planAllocation(units, { ...DEFAULT_PARAMS, budget });
    times.push(performance.now() - started);
  }
  return median(times);
}

/** Builds a 300-commune territory on a throw-away PostgreSQL server and times the observatory page and map. */
export async function benchObservatory({ communeCount = 300, requests = 20, log = console.log }: { communeCount?: number; requests?: number; log?: (line: string) => void } = {}): Promise<{ rows: Row[]; notes: string[] }> {
  const loadBefore = os.loadavg()[0]!.toFixed(1);
  const random = seeded(3);
  const server = await startPgServer();
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query("create database bench_observatory");
    await admin.end();
    const database = await openDatabase({ databaseUrl: server.url.replace(/\/postgres$/, "/bench_observatory") });
    try {
      await migrateDatabase(database);
      const db = database.db;
      const now = new Date();
      const geo = Array.from({ length: communeCount }, (_, i) => ({ insee: `98${String(i).padStart(3, "0")}`, name: `Commune ${i + 1}`, departement: "98", population: Math.round(150 + random() * 6000), postcodes: [] as string[] }));
      const territory = await db.transaction((tx) => createTerritory(tx, { geo: { kind: "epci", code: "988888888", name: "Territoire du banc d'essai", communes: geo }, actor: cliActor(now) }));
      const side = Math.ceil(Math.sqrt(communeCount));
      for (const [i, c] of geo.entries()) {
        const lon = -0.6 + (i % side) * 0.035;
        const lat = 46.3 + Math.floor(i / side) * 0.024;
        await db.update(communes).set({ contour: outline(lon, lat, 120, random), centroidLat: lat, centroidLon: lon, contourSource: "synthétique" }).where(sql`${communes.territoryId} = ${territory.id} and ${communes.insee} = ${c.insee}`);
      }
      const quarters = ["2024-06-30", "2024-09-30", "2024-12-31", "2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31", "2026-03-31"];
      const techno = [TECHNO_HEADER, ...geo.flatMap((c) => quarters.map((q, k) => `${c.insee};${c.name};98;75;${c.population};all;${Math.floor(c.population * Math.min(1, 0.3 + 0.08 * k * random()))};0;0;0;0;0;0;${q}`))].join("\n");
      const actor = cliActor(now);
      await importConnectivityFile(db, { territoryId: territory.id, bytes: Buffer.from(techno), skipInvalid: false, actor });
      const census = ["CODGEO;P22_POP;P22_POP65P;C21_MEN;C21_MENPSEUL", ...geo.map((c) => `${c.insee};${c.population};${Math.round(c.population * (0.15 + 0.2 * random()))};${Math.round(c.population / 2.2)};${Math.round((c.population / 2.2) * (0.2 + 0.2 * random()))}`)].join("\n");
      await importIndicatorsFile(db, { territoryId: territory.id, territoryCode: territory.code, bytes: Buffer.from(census), skipInvalid: false, actor });
      for (let p = 0; p < 60; p++) {
        const c = geo[(p * 7) % communeCount]!;
        await db.insert(places).values({ territoryId: territory.id, ...searchColumns(lieuRecord({ code_insee: c.insee, latitude: 46.3 + random() * 0.4, longitude: -0.6 + random() * 0.6 })), published: true });
      }
      await db.insert(activities).values(Array.from({ length: 5000 }, (_, k) => ({ territoryId: territory.id, kind: "individuel" as const, day: `2026-0${1 + (k % 9)}-1${k % 9}`, durationMinutes: 30, locationKind: "lieu", thematiques: ["E-mail"], communeInsee: geo[k % communeCount]!.insee })));
      const userId = await ensureUser(db, { email: "coordination@banc-observatoire.invalid" });
      await db.insert(memberships).values({ territoryId: territory.id, userId, roles: ["coordinator"] });
      const sid = await createSession(db, { userId, now, days: 1 });
      const app = await buildApp({ config: { ...loadConfig({}), production: true, worker: false }, database, clock: systemClock, linkSecret: await linkSecret(database.db) });
      await app.listen({ host: "127.0.0.1", port: 0 });
      try {
        const address = app.server.address();
        const origin = typeof address === "object" && address ? `http://127.0.0.1:${address.port}` : "";
        const cookie = `maillage_session=${sid}`;
        const table = await timePage(`${origin}/t/${territory.code}/observatoire`, cookie, requests);
        const map = await timePage(`${origin}/t/${territory.code}/observatoire/carte?indicateur=part_locaux_ftth`, cookie, requests);
        const indexMs = benchIndex();
        const plannerMs = benchPlanner();
        const plannerSmallMs = benchPlanner(38, 150_000);
        const rows: Row[] = [
          { what: `observatory page, ${communeCount} communes (median / p95 of ${requests})`, figure: `${table.medianMs.toFixed(0)} / ${table.p95Ms.toFixed(0)} ms (${Math.round(table.bytes / 1024)} kB)`, target: "≤ 300 ms", ok: table.p95Ms <= 300 },
          { what: `map, ${communeCount} communes of 120 vertices (median / p95 of ${requests})`, figure: `${map.medianMs.toFixed(0)} / ${map.p95Ms.toFixed(0)} ms (${Math.round(map.bytes / 1024)} kB)`, target: "≤ 300 ms", ok: map.p95Ms <= 300 },
          { what: "fragility index, 35,000 communes × 5 criteria (median of 5)", figure: `${indexMs.toFixed(0)} ms`, target: "≤ 2 s", ok: indexMs <= 2000 },
          { what: "planner, 300 communes × 3 levers, 300,000 € in 500 € blocks, three strategies (median of 3)", figure: `${plannerMs.toFixed(0)} ms`, target: "≤ 1 s", ok: plannerMs <= 1000 },
          { what: "planner, 38 communes, 150,000 € (the demo territory)", figure: `${plannerSmallMs.toFixed(0)} ms`, target: "—", ok: true },
        ];
        for (const row of rows) log(`${row.what}: ${row.figure} (target ${row.target})${row.ok ? "" : " — TARGET MISSED"}`);
        return {
          rows,
          notes: [
            `Load average of the machine during the run: ${loadBefore} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end, on ${os.cpus().length} CPUs.`,
            `Data set: ${communeCount} communes with synthetic outlines of 120 vertices, 8 quarters of connectivity, 2 census files, 60 places, 5,000 accompaniments; pages requested one after the other over HTTP (loopback), signed in as a coordinator. Index and planner are timed in-process (pure functions).`,
          ],
        };
      } finally {
        await app.close();
      }
    } finally {
      await database.close();
    }
  } finally {
    server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const figures = await benchObservatory();
  process.exitCode = figures.rows.every((r) => r.ok) ? 0 : 1;
}
