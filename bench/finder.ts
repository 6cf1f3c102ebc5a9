// Benchmark of the public finder on a PostgreSQL server with a national-scale data set: 20,000 places over
// 5,000 real communes, 3,000 mediators with plages, 2 million appointments. Measures, at 50 concurrent
// keep-alive connections, residents' searches against static routes of the same server (throughput, p99, ratio),
// each search's own cost (no cache, every search new), and the next free slots of a place with 10 mediators and
// 500 appointments over 4 weeks.
// Run alone with `npx tsx bench/finder.ts`, or call benchFinder() from bench/run.ts.
import { spawn } from "node:child_process";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Frais, ModaliteAcces, PriseEnChargeSpecifique, Service } from "@gouvfr-anct/lieux-de-mediation-numerique";
import { sql } from "drizzle-orm";
import pg from "pg";
import { buildAssets } from "../src/ui/assets.js";
import { migrateDatabase, openDatabase, queryRows, type Database } from "../src/db/client.js";
import { withTenant } from "../src/db/tenant.js";
import { getMotif, nextFreeSlotsForPlace } from "../src/modules/booking/booking.queries.js";
import { allCommunes } from "../src/modules/finder/commune-index.js";
import { parisDateOf } from "../src/lib/paris-time.js";
import { nextSlotsForPlaces } from "../src/modules/finder/finder.slots.js";
import { createScheduleKeeper } from "../src/modules/finder/schedule-index.js";
import type { LieuRecord } from "../src/modules/places/import-export/lieu-record.js";
import { startCliServer } from "../test/support/cli.js";
import { startPgServer } from "../test/support/pg-server.js";

export type LoadFigures = { requests: number; errors: number; seconds: number; requestsPerSecond: number; p50Ms: number; p99Ms: number };

export type FinderFigures = {
  dataSet: { places: number; mediators: number; appointments: number; generationSeconds: number };
  /** Residents' searches (residentSearches) on a running server, its search cache warm: targets are judged on it. */
  finder: LoadFigures;
  /** Share of those searches the cache answered. */
  cacheHitShare: number;
  /** Every request a commune not searched before, the cache off: what each search costs the server. */
  finderUncached: LoadFigures;
  /** The same, sorted by first free slot. */
  finderUncachedBySlot: LoadFigures;
  staticCss: LoadFigures;
  health: LoadFigures;
  /** The same residents' searches and new searches on `maillage serve --workers 2` (same data, same run). */
  twoProcesses: { finder: LoadFigures; finderUncached: LoadFigures; staticCss: LoadFigures };
  /** Finder throughput divided by the static stylesheet's (target ≥ 0.3). */
  ratioToStatic: number;
  ratioToStaticUncached: number;
  nextSlots: {
    /** booking's nextFreeSlotsForPlace computing every free slot of the 4 weeks (the target's measure). */
    medianMs: number;
    /** booking's nextFreeSlotsForPlace: the next 20 slots (motif horizon), and every slot of the 4 weeks. */
    next20MedianMs: number;
    allFourWeeksMedianMs: number;
    /** The finder's way (finder.slots.ts: schedules in memory, busy times asked), every slot of the 4 weeks, for comparison. */
    finderLoaderAllFourWeeksMedianMs: number;
    slotsInFourWeeks: number;
    appointmentsInFourWeeks: number;
  };
  targets: { p99Ms: number; ratio: number; nextSlotsMs: number };
  meetsTargets: { p99: boolean; ratio: boolean; nextSlots: boolean };
};

const PLACES = 20_000;
const PLACES_PER_COMMUNE = 4;
const MEDIATORS = 3_000;
const APPOINTMENTS_PER_MEDIATOR = 667; // 3,000 × 667 ≈ 2 million
const CONCURRENCY = 50;
const REQUESTS = 20_000;
const WARM_UP = 5_000;
/** What browsers send (Firefox, Chrome, Safari): compressed answers are what residents get. */
const BROWSER_ACCEPT_ENCODING = "gzip, deflate, br";

const HORAIRES = ["Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00", "Mo,We,Fr 10:00-17:00; PH off", "Tu-Sa 13:30-19:00", "Mo-Fr 08:30-17:00", "Mo-Th 09:00-12:30"];
const SERVICES = Object.values(Service);
const SUPPORTS = Object.values(PriseEnChargeSpecifique);
/** The services of the two public motifs: every 20th place offers the second (it takes appointments), the special place the first. */
const SPECIAL_SERVICE = Service.AideAuxDemarchesAdministratives;
const BOOKABLE_SERVICE = Service.UtilisationSecuriseeDuNumerique;

/** A small deterministic pseudo-random number in [0, 1) from an integer (no commune coordinates are shipped). */
function noise(n: number): number {
  const x = Math.sin(n * 12.9898 + 78.233) * 43758.5453;
  return x - Math.floor(x);
}

type BenchPlace = { territory: number; record: LieuRecord };

/** 20,000 places over 5,000 current communes taken evenly from the official list, 4 per commune. */
function generatePlaces(): { places: BenchPlace[]; communes: { name: string; postcode: string; population: number }[] } {
  const current = allCommunes().filter((c) => /^\d{5}$/.test(c.insee) && !c.insee.startsWith("97") && c.postcodes.length > 0 && !c.name.includes("("));
  const step = Math.floor(current.length / (PLACES / PLACES_PER_COMMUNE));
  const chosen = current.filter((_, i) => i % step === 0).slice(0, PLACES / PLACES_PER_COMMUNE);
  const departements = [...new Set(chosen.map((c) => c.departement))];
  const places: BenchPlace[] = [];
  chosen.forEach((commune, ci) => {
    // Communes of one département around its own centre, as in reality: the nearest places share a territory.
    const d = departements.indexOf(commune.departement);
    const lat = 43.2 + noise(d) * 7.2 + (noise(ci) - 0.5) * 0.9;
    const lon = -3.7 + noise(d + 100_000) * 10.8 + (noise(ci + 100_000) - 0.5) * 1.3;
    for (let k = 0; k < PLACES_PER_COMMUNE; k++) {
      const i = places.length;
      places.push({
        territory: departements.indexOf(commune.departement),
        record: {
          id: `bench-${i}`,
          pivot: String(21_000_000_000_000 + i).slice(0, 14),
          nom: `${["Mairie", "Médiathèque", "France Services", "Espace numérique"][k]} de ${commune.name}`,
          commune: commune.name,
          code_postal: commune.postcodes[0]!,
          code_insee: commune.insee,
          adresse: `${1 + (i % 120)} rue de la Mairie`,
          latitude: lat + (noise(i + 7) - 0.5) / 50,
          longitude: lon + (noise(i + 13) - 0.5) / 50,
          telephone: `+335${String(10_000_000 + i).slice(-8)}`,
          horaires: HORAIRES[i % HORAIRES.length]!,
          date_maj: "2027-01-15",
          services: SERVICES.slice(i % 5, (i % 5) + 1 + (i % 3)),
          ...(i % 4 === 0 ? { prise_en_charge_specifique: [SUPPORTS[i % SUPPORTS.length]!] } : {}),
          frais_a_charge: [i % 5 === 0 ? Frais.Payant : Frais.Gratuit],
          modalites_acces: i % 2 === 0 ? [ModaliteAcces.SePresenter, ModaliteAcces.Telephoner] : [ModaliteAcces.PrendreRdvEnLigne],
        } as LieuRecord,
      });
    }
  });
  return { places, communes: chosen.map((c) => ({ name: c.name, postcode: c.postcodes[0]!, population: c.population })) };
}

/** Loads the data set with plain SQL as the superuser (foreign-key triggers off while loading: data built consistent). */
export async function generateDataSet(url: string, log: (line: string) => void) {
  const started = performance.now();
  const { places, communes } = generatePlaces();
  const territories = Math.max(...places.map((p) => p.territory)) + 1;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("set session_replication_role = replica");
    await client.query(`insert into territories (kind, code, name) select 'departement', 'B' || lpad(g::text, 3, '0'), 'Département de banc ' || g from generate_series(0, $1 - 1) g`, [territories]);
    const territoryIds = (await client.query<{ id: number }>("select id from territories order by code")).rows.map((r) => r.id);
    for (let from = 0; from < places.length; from += 2_000) {
      const batch = places.slice(from, from + 2_000).map(({ territory, record }) => ({ territory_id: territoryIds[territory], record }));
      await client.query(
        `insert into places (territory_id, standard_id, nom, commune, code_postal, code_insee, latitude, longitude, services, prise_en_charge_specifique, frais_a_charge, horaires, record)
         select b.territory_id, b.record->>'id', b.record->>'nom', b.record->>'commune', b.record->>'code_postal', b.record->>'code_insee',
                (b.record->>'latitude')::float8, (b.record->>'longitude')::float8,
                array(select jsonb_array_elements_text(b.record->'services')),
                array(select jsonb_array_elements_text(coalesce(b.record->'prise_en_charge_specifique', '[]'))),
                array(select jsonb_array_elements_text(coalesce(b.record->'frais_a_charge', '[]'))),
                b.record->>'horaires', b.record
         from jsonb_to_recordset($1::jsonb) as b(territory_id int, record jsonb)`,
        [JSON.stringify(batch)],
      );
    }
    log(`  ${places.length} places (${territories} territories) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    // Two public motifs per territory, each offered where its service is (motifs follow the places' services):
    // every 20th place offers the second; the special place the first. 2,990 mediators, 3 per place on every
    // 20th place; 10 on the special place.
    await client.query(
      `insert into motifs (territory_id, name, service)
       select t.id, m.name, m.service from territories t,
         (values ('Aide aux démarches en ligne', '${SPECIAL_SERVICE}'), ('Sécuriser ses comptes en ligne', '${BOOKABLE_SERVICE}')) as m(name, service)`,
    );
    await client.query(`create temp table bench_mediators (mediator_id int, place_id int, territory_id int, special bool)`);
    const special = (await client.query<{ id: number; territory_id: number }>("select id, territory_id from places order by id offset 10 limit 1")).rows[0]!;
    await client.query(
      `with wanted as (
         select p.id as place_id, p.territory_id, false as special, k from places p, generate_series(1, 3) k
         where p.id % 20 = 0 and p.id <> $1
         order by p.id, k limit $2
       ), all_wanted as (select * from wanted union all select $1, $3, true, k from generate_series(1, 10) k),
       made as (
         insert into mediators (territory_id, name) select territory_id, 'Médiatrice de banc ' || place_id || '-' || k from all_wanted returning id, name
       )
       insert into bench_mediators
       select m.id, w.place_id, w.territory_id, w.special from made m join all_wanted w on m.name = 'Médiatrice de banc ' || w.place_id || '-' || w.k`,
      [special.id, MEDIATORS - 10, special.territory_id],
    );
    await client.query(`insert into mediator_places (territory_id, mediator_id, place_id) select territory_id, mediator_id, place_id from bench_mediators`);
    await client.query(
      `insert into plages (territory_id, mediator_id, place_id, weekdays, start_time, end_time, valid_from)
       select territory_id, mediator_id, place_id, '{1,2,3,4,5}', t.s::time, t.e::time, current_date - 800
       from bench_mediators, (values ('09:00', '12:00'), ('14:00', '17:00')) as t(s, e)`,
    );
    // 2 million appointments, one a day per mediator (never overlapping), past and coming; the special place's
    // mediators only in the past, then 500 over the next 4 weeks inside their plages.
    // Bulk load: the appointment indexes and the exclusion constraint are dropped, then rebuilt from their own
    // definitions once the rows are in (building them is much faster than updating them row by row); rebuilding
    // the constraint checks every row again.
    const indexes = (await client.query<{ indexdef: string; indexname: string }>(
      `select indexname, indexdef from pg_indexes where tablename = 'appointments' and indexname not in ('appointments_pkey', 'appointments_no_overlap')`,
    )).rows;
    const exclusion = (await client.query<{ def: string }>(`select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'appointments_no_overlap'`)).rows[0]!.def;
    await client.query("alter table appointments drop constraint appointments_no_overlap");
    for (const index of indexes) await client.query(`drop index ${index.indexname}`);
    const appointmentColumns = "territory_id, place_id, mediator_id, motif_id, starts_at, ends_at, status, booked_by";
    for (let from = 0; from < MEDIATORS; from += 500) {
      await client.query(
        `insert into appointments (${appointmentColumns})
         select m.territory_id, m.place_id, m.mediator_id, mo.id, s.starts_at, s.starts_at + interval '30 minutes',
                case when s.starts_at < now() then 'honore' else 'a_venir' end, 'citizen'
         from (select *, row_number() over (order by mediator_id) - 1 as n from bench_mediators) m
         join motifs mo on mo.territory_id = m.territory_id and mo.service = case when m.special then '${SPECIAL_SERVICE}' else '${BOOKABLE_SERVICE}' end
         cross join lateral (
           select ((case when m.special then current_date - ${APPOINTMENTS_PER_MEDIATOR + 1} else current_date - 500 end + k)
                    + time '09:00' + ((k * 5 + m.mediator_id) % 6) * interval '30 minutes') at time zone 'Europe/Paris' as starts_at
           from generate_series(0, ${APPOINTMENTS_PER_MEDIATOR - 1} - case when m.special then 50 else 0 end) k
         ) s
         where m.n >= $1 and m.n < $2`,
        [from, from + 500],
      );
      log(`  appointments: mediators ${from}–${Math.min(from + 500, MEDIATORS)} done, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    await client.query(
      `insert into appointments (${appointmentColumns})
       select m.territory_id, m.place_id, m.mediator_id, mo.id, x.starts_at, x.starts_at + interval '30 minutes', 'a_venir', 'citizen'
       from bench_mediators m join motifs mo on mo.territory_id = m.territory_id and mo.service = '${SPECIAL_SERVICE}'
       cross join lateral (
         select ((current_date + d) + case when s < 6 then time '09:00' + s * interval '30 minutes' else time '14:00' + (s - 6) * interval '30 minutes' end)
                  at time zone 'Europe/Paris' as starts_at,
                row_number() over (order by d, s) as rn
         from generate_series(1, 28) d, generate_series(0, 11) s
         where extract(isodow from current_date + d) < 6 and (d * 12 + s + m.mediator_id) % 4 = 0
       ) x
       where m.special and x.rn <= 50`,
    );
    await client.query("set maintenance_work_mem = '512MB'");
    for (const index of indexes) await client.query(index.indexdef);
    await client.query(`alter table appointments add constraint appointments_no_overlap ${exclusion}`);
    log(`  indexes and exclusion constraint rebuilt, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await client.query("set session_replication_role = origin");
    // As a database in service is: vacuumed and analysed (else autovacuum's first pass over 2 million new rows
    // runs during the measures).
    await client.query("vacuum (analyze)");
    const [{ n }] = (await client.query<{ n: string }>("select count(*) as n from appointments")).rows as [{ n: string }];
    const generationSeconds = (performance.now() - started) / 1000;
    log(`  ${Number(n).toLocaleString("en")} appointments; data set ready in ${generationSeconds.toFixed(1)} s`);
    return { places: places.length, mediators: MEDIATORS, appointments: Number(n), generationSeconds, communes, special };
  } finally {
    await client.end();
  }
}

// The load generator: autocannon, in a child process so that it does not share the server's event loop (it
// still shares the machine's cores; in a worker thread autocannon reports raw histograms instead of results).
// Keep-alive connections, one request at a time on each, with the Accept-Encoding every browser sends.
const LOAD_PROCESS = `
const autocannon = require(process.env.AUTOCANNON);
const ACCEPT_ENCODING = process.env.ACCEPT_ENCODING;
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const { base, paths, total, connections } = JSON.parse(input);
  let next = 0;
  let first;
  let last;
  const instance = autocannon(
    { url: base, connections, amount: total, timeout: 30, headers: { "accept-encoding": ACCEPT_ENCODING }, requests: [{ setupRequest: (request) => ((first ??= performance.now()), { ...request, path: paths[next++ % paths.length] }) }] },
    (error, result) => {
      if (error) throw error;
      process.stdout.write(JSON.stringify({
        requests: result.requests.total, seconds: (last - first) / 1000, p50: result.latency.p50, p99: result.latency.p99,
        errors: result.errors + result.timeouts + result.non2xx,
      }));
    },
  );
  // autocannon's own duration counts whole seconds: the throughput is timed from the first request to the last answer.
  instance.on("response", () => (last = performance.now()));
});
`;

/** Sends `total` GET requests of `paths` (in turn) to `base` over `concurrency` keep-alive connections. */
export async function load(base: string, paths: string[], total: number, concurrency = CONCURRENCY): Promise<LoadFigures> {
  const child = spawn(process.execPath, ["-e", LOAD_PROCESS], { env: { ...process.env, AUTOCANNON: createRequire(import.meta.url).resolve("autocannon"), ACCEPT_ENCODING: BROWSER_ACCEPT_ENCODING }, stdio: ["pipe", "pipe", "inherit"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.once("close", resolve));
  child.stdin.end(JSON.stringify({ base, paths, total, connections: concurrency }));
  const code = await exited;
  if (code !== 0) throw new Error(`the load generator stopped (exit code ${code})`);
  const result = JSON.parse(output) as { requests: number; seconds: number; p50: number; p99: number; errors: number };
  const round = (x: number) => Math.round(x * 100) / 100;
  return { requests: result.requests, errors: result.errors, seconds: round(result.seconds), requestsPerSecond: Math.round(result.requests / result.seconds), p50Ms: round(result.p50), p99Ms: round(result.p99) };
}

/** A small deterministic generator of numbers in [0, 1) (the request mixes are the same on every run). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Searches as residents make them: each from a commune drawn in proportion to its population (official figures)
 * among the data set's communes; most by commune, nearest first, some with a need, some by first free slot, some
 * on their second page.
 */
export function residentSearches(communes: { name: string; postcode: string; population: number }[], count: number, seed: number): string[] {
  const random = seeded(seed);
  const cumulative: number[] = [];
  let sum = 0;
  for (const c of communes) cumulative.push((sum += Math.max(1, c.population)));
  const pick = () => {
    const r = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return communes[lo]!;
  };
  return Array.from({ length: count }, () => {
    const c = pick();
    const ou = encodeURIComponent(`${c.name} ${c.postcode}`);
    const kind = random();
    if (kind < 0.15) return `/lieux?ou=${ou}&besoin=${encodeURIComponent(SERVICES[Math.floor(random() * SERVICES.length)]!)}&tri=distance`;
    if (kind < 0.25) return `/lieux?ou=${ou}&tri=creneau`;
    if (kind < 0.3) return `/lieux?ou=${ou}&tri=distance&page=2`;
    return `/lieux?ou=${ou}&tri=distance`;
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]! * 1000) / 1000;
}

/** Times the next free slots of the special place (10 mediators, 500 appointments over the next 4 weeks). */
async function benchNextSlots(database: Database, special: { id: number; territory_id: number }, runs = 60): Promise<FinderFigures["nextSlots"]> {
  const territoryId = special.territory_id;
  const [motifRow] = await queryRows<{ id: number }>(database.db, sql`select id from motifs where territory_id = ${territoryId} and service = ${SPECIAL_SERVICE}`);
  const motif = (await withTenant(database.db, territoryId, (tx) => getMotif(tx, { territoryId, motifId: motifRow!.id })))!;
  const time = async (compute: () => Promise<number>) => {
    const timings: number[] = [];
    let count = 0;
    for (let i = 0; i < runs + 10; i++) {
      const started = performance.now();
      count = await compute();
      if (i >= 10) timings.push(performance.now() - started);
    }
    return { ms: median(timings), count };
  };
  const booking = (limit: number, days?: number) => () =>
    withTenant(database.db, territoryId, (tx) => nextFreeSlotsForPlace(tx, { territoryId, placeId: special.id, motif, now: new Date(), limit, ...(days ? { days } : {}) })).then((s) => s.length);
  const next20 = await time(booking(20));
  const all = await time(booking(100_000, 28));
  // The finder's way: the schedules held in memory (read once here), the mediators' busy times asked each time.
  const [place] = await queryRows<{ code_insee: string | null; services: string[] }>(database.db, sql`select code_insee, services from places where id = ${special.id}`);
  const schedules = createScheduleKeeper(database, { checkEveryMs: 60_000, today: () => parisDateOf(Date.now()) });
  const slotPlace = { id: special.id, territoryId, codeInsee: place!.code_insee, services: place!.services };
  const finderLoader = await time(() =>
    nextSlotsForPlaces(database, { schedules }, { places: [slotPlace], now: new Date(), days: 28, limit: 100_000 }).then((slots) => slots.get(special.id)?.[0]?.slots.length ?? 0),
  );
  schedules.close();
  const [booked] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from appointments where place_id = ${special.id} and starts_at >= now() and starts_at < now() + interval '29 days'`);
  return { medianMs: all.ms, next20MedianMs: next20.ms, allFourWeeksMedianMs: all.ms, finderLoaderAllFourWeeksMedianMs: finderLoader.ms, slotsInFourWeeks: all.count, appointmentsInFourWeeks: booked!.n };
}

/**
 * Starts a PostgreSQL server, generates the data set, serves the app on 127.0.0.1 as in production (the server
 * reached through its Unix socket, as on a one-machine install) and measures; returns the figures.
 */
export async function benchFinder({ log = console.log, requests = REQUESTS }: { log?: (line: string) => void; requests?: number } = {}): Promise<FinderFigures> {
  buildAssets();
  const server = await startPgServer();
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    // The roles of a production server (decision 0018): the owner migrates, the web app logs in as maillage_web.
    await admin.query("create role maillage_app nologin");
    await admin.query("create role maillage_owner login in role maillage_app");
    await admin.query("create role maillage_web login in role maillage_app");
    await admin.query("create database bench_finder owner maillage_owner");
    await admin.end();
    const url = server.url.replace(/\/postgres$/, "/bench_finder");
    const socketUrl = (role: string) => `postgres://${role}@/bench_finder?host=${encodeURIComponent(server.dir)}&port=${server.port}`;
    const database = await openDatabase({ databaseUrl: socketUrl("maillage_owner"), poolSize: 20 });
    try {
      await migrateDatabase(database);
      log("Finder benchmark: generating the data set…");
      const data = await generateDataSet(url, log);
      // The server as in production: `maillage serve` in its own process, started as `npm start` starts it, with
      // NODE_ENV=production (request log included, written to a pipe) and the default configuration; a second
      // one with the search cache off. The job worker runs elsewhere (MAILLAGE_WORKER=0, as startCliServer sets).
      const env = (extra: Record<string, string> = {}) => ({
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: socketUrl("maillage_web"),
        MIGRATION_DATABASE_URL: socketUrl("maillage_owner"),
        MAILLAGE_DATA_DIR: path.join(server.dir, "maillage"),
        ...extra,
      });
      const nodeArgs = ["--max-semi-space-size=64"];
      const [app, uncachedApp] = await Promise.all([startCliServer(env(), { nodeArgs }), startCliServer(env({ FINDER_CACHE_SECONDS: "0" }), { nodeArgs })]);
      try {
        const base = app.url;
        const uncachedBase = uncachedApp.url;
        const check = await fetch(`${base}/lieux?ou=${encodeURIComponent(`${data.communes[0]!.name} ${data.communes[0]!.postcode}`)}&tri=distance`);
        if (check.status !== 200 || !(await check.text()).includes("maillage-card-list")) throw new Error(`the finder did not answer with results (${check.status})`);
        const measure = async (label: string, at: string, paths: string[], total: number, warmUp = 500) => {
          if (warmUp > 0) await load(at, paths.slice(-warmUp), warmUp);
          const figures = await load(at, paths, total);
          log(`  ${label}: ${figures.requestsPerSecond} requests/s, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, ${figures.errors} errors`);
          return figures;
        };
        log(`  measuring at ${CONCURRENCY} concurrent connections…`);
        const staticCss = await measure("static stylesheet", base, ["/assets/maillage.css"], requests);
        const health = await measure("/sante", base, ["/sante"], requests);
        // Residents' searches: a first stretch warms the server up as if it had been running, then the measure.
        const searches = residentSearches(data.communes, WARM_UP + requests, 2027);
        await load(base, searches.slice(0, WARM_UP), WARM_UP);
        const measured = searches.slice(WARM_UP);
        const seen = new Set(searches.slice(0, WARM_UP));
        const misses = measured.filter((p) => !seen.has(p) && (seen.add(p), true)).length;
        const finder = await measure("finder, residents' searches", base, measured, requests, 0);
        // Every request a commune not searched before, on the server without the cache.
        const distinct = (sort: string) => data.communes.map((c) => `/lieux?ou=${encodeURIComponent(`${c.name} ${c.postcode}`)}&tri=${sort}`);
        const finderUncached = await measure("finder, each search new, no cache", uncachedBase, distinct("distance"), data.communes.length);
        const finderUncachedBySlot = await measure("finder by first free slot, each search new, no cache", uncachedBase, distinct("creneau"), data.communes.length);
        // Two processes on one port, same data, same searches (a warm-up first, as for one process).
        await Promise.all([app.stop(), uncachedApp.stop()]);
        const [app2, uncachedApp2] = await Promise.all([startCliServer(env(), { nodeArgs, args: ["--workers", "2"] }), startCliServer(env({ FINDER_CACHE_SECONDS: "0" }), { nodeArgs, args: ["--workers", "2"] })]);
        let twoProcesses: FinderFigures["twoProcesses"];
        try {
          const staticCss2 = await measure("2 processes: static stylesheet", app2.url, ["/assets/maillage.css"], requests);
          await load(app2.url, searches.slice(0, WARM_UP), WARM_UP);
          const finder2 = await measure("2 processes: finder, residents' searches", app2.url, measured, requests, 0);
          const finderUncached2 = await measure("2 processes: finder, each search new, no cache", uncachedApp2.url, distinct("distance"), data.communes.length);
          twoProcesses = { finder: finder2, finderUncached: finderUncached2, staticCss: staticCss2 };
        } finally {
          await Promise.all([app2.stop(), uncachedApp2.stop()]);
        }
        const nextSlots = await benchNextSlots(database, data.special);
        const targets = { p99Ms: 50, ratio: 0.3, nextSlotsMs: 5 };
        const ratio = (f: LoadFigures) => Math.round((f.requestsPerSecond / staticCss.requestsPerSecond) * 100) / 100;
        const figures: FinderFigures = {
          dataSet: { places: data.places, mediators: data.mediators, appointments: data.appointments, generationSeconds: Math.round(data.generationSeconds) },
          finder,
          // Upper bound: a path first seen during the measure is computed once (more if its entry expires meanwhile).
          cacheHitShare: Math.round((1 - misses / measured.length) * 100) / 100,
          finderUncached,
          finderUncachedBySlot,
          staticCss,
          health,
          twoProcesses,
          ratioToStatic: ratio(finder),
          ratioToStaticUncached: ratio(finderUncached),
          nextSlots,
          targets,
          meetsTargets: { p99: finder.p99Ms <= targets.p99Ms, ratio: ratio(finder) >= targets.ratio, nextSlots: nextSlots.medianMs <= targets.nextSlotsMs },
        };
        log(JSON.stringify(figures, null, 2));
        return figures;
      } finally {
        await Promise.all([app.stop(), uncachedApp.stop()]);
      }
    } finally {
      await database.close();
    }
  } finally {
    server.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchFinder().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
