// Benchmark of the schools module on a PostgreSQL server: a territory of 1,000 schools (6,000 classes) and
// 200,000 items imported through the CSV importer (target ≥ 5,000 rows/s), then the harmonisation view and the
// indicators page requested over HTTP through the app (median and p95; target ≤ 300 ms per page).
// Run alone with `npx tsx bench/schools.ts`, or through `npm run bench` (bench/run.ts calls benchSchools()).
import { linkSecret } from "../src/lib/signed-links.js";
import os from "node:os";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { migrateDatabase, openDatabase } from "../src/db/client.js";
import { memberships } from "../src/db/schema/index.js";
import { systemClock } from "../src/lib/clock.js";
import { createSession } from "../src/modules/accounts/sessions.js";
import { ensureUser } from "../src/modules/accounts/sign-in.commands.js";
import { cliActor } from "../src/modules/audit/audit.commands.js";
import { EQUIPMENT_CATEGORIES, ITEM_STATES } from "../src/modules/schools/domain/categories.js";
import { uaiCheckLetter } from "../src/modules/schools/domain/uai.js";
import { importSchoolsFile, type SchoolsImportKind } from "../src/modules/schools/schools-import.js";
import { createTerritory, saveCommuneGroup } from "../src/modules/territories/territories.commands.js";
import { listCommunes } from "../src/modules/territories/territories.queries.js";
import { startPgServer } from "../test/support/pg-server.js";

type Row = { what: string; figure: string; target: string; ok: boolean };

export type PageFigures = { medianMs: number; p95Ms: number; requests: number; bytes: number };

export type SchoolsBenchFigures = {
  schools: number;
  classes: number;
  items: number;
  import: { seconds: number; rowsPerSecond: number; checkSeconds: number; reimportSeconds: number };
  harmonisation: PageFigures;
  indicators: PageFigures;
  rows: Row[];
  notes: string[];
};

const LEVELS = ["CP", "CE1", "CE2", "CM1", "CM2", "GS"];
const uai = (i: number) => {
  const digits = `08${String(i).padStart(5, "0")}`;
  return `${digits}${uaiCheckLetter(digits)}`;
};

/** The three files of a synthetic territory: schools in 100 communes, 4 to 8 classes each, `itemsPerSchool` items each. */
export function schoolsBenchFiles(schools: number, itemsPerSchool: number) {
  const directory = ["Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Code_commune;Nombre_d_eleves;etat"];
  const classes = ["uai;classe;niveaux;eleves"];
  const items = ["uai;classe;categorie;numero_inventaire;modele;date_acquisition;cout_ttc;source_financement;fin_garantie;etat"];
  let n = 0;
  for (let s = 0; s < schools; s += 1) {
    const code = uai(s);
    const classCount = 4 + (s % 5);
    directory.push(`${code};École n° ${s};Ecole;99${String(1 + (s % 100)).padStart(3, "0")};${classCount * 24};OUVERT`);
    const names = Array.from({ length: classCount }, (_, c) => `${LEVELS[c % LEVELS.length]}-${Math.floor(c / LEVELS.length) + 1}`);
    for (const [c, name] of names.entries()) classes.push(`${code};${name};${LEVELS[c % LEVELS.length]};24`);
    for (let k = 0; k < itemsPerSchool; k += 1) {
      n += 1;
      // Per-class displays and teacher laptops first (some classes go without), then everything else school-wide.
      const perClass = k < classCount * 2 && (s + k) % 7 !== 0;
      const category = perClass ? (k % 2 === 0 ? "ecran_interactif" : "ordinateur_portable_enseignant") : EQUIPMENT_CATEGORIES[(k * 7 + s) % EQUIPMENT_CATEGORIES.length]!;
      const classe = perClass ? names[Math.floor(k / 2)]! : k % 5 === 0 ? names[k % classCount]! : "";
      const year = 2012 + ((s + k) % 15);
      const state = ITEM_STATES[(s * 31 + k) % 20 < 17 ? 0 : ((s + k) % 3) + 1]!;
      items.push(`${code};${classe};${category};BENCH-${n};Modèle ${k % 9};${year}-0${1 + (k % 9)}-15;${100 + (k % 900)},${String(k % 100).padStart(2, "0")};Budget communal;${year + 3}-01-01;${state}`);
    }
  }
  return { directory: directory.join("\n"), classes: classes.join("\n"), items: items.join("\n") };
}

/** Median and 95th percentile of sequential GET requests, after two warm-up requests. */
async function timePage(url: string, cookie: string, requests: number): Promise<PageFigures> {
  const durations: number[] = [];
  let bytes = 0;
  for (let i = 0; i < requests + 2; i += 1) {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    const body = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    bytes = body.length;
    if (i >= 2) durations.push(ms);
  }
  durations.sort((a, b) => a - b);
  const at = (q: number) => durations[Math.min(durations.length - 1, Math.ceil(q * durations.length) - 1)]!;
  return { medianMs: at(0.5), p95Ms: at(0.95), requests, bytes };
}

/** Builds the territory on a throw-away PostgreSQL server, imports it, times the pages; returns the figures. */
export async function benchSchools({ schools = 1000, itemsPerSchool = 200, requests = 30, log = console.log }: { schools?: number; itemsPerSchool?: number; requests?: number; log?: (line: string) => void } = {}): Promise<SchoolsBenchFigures> {
  const loadBefore = os.loadavg()[0]!.toFixed(1);
  const { directory, classes, items } = schoolsBenchFiles(schools, itemsPerSchool);
  const server = await startPgServer();
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query("create database bench_schools");
    await admin.end();
    const database = await openDatabase({ databaseUrl: server.url.replace(/\/postgres$/, "/bench_schools") });
    try {
      await migrateDatabase(database);
      const db = database.db;
      const communes = Array.from({ length: 100 }, (_, i) => ({ insee: `99${String(i + 1).padStart(3, "0")}`, name: `Commune ${i + 1}`, departement: "99", population: 2000, postcodes: [] as string[] }));
      const territory = await db.transaction((tx) => createTerritory(tx, { geo: { kind: "epci", code: "999999999", name: "Territoire du banc d'essai", communes }, actor: cliActor(new Date()) }));
      const communeRows = await listCommunes(db, { territoryId: territory.id });
      for (let g = 0; g < 4; g += 1) {
        const ids = communeRows.filter((_, i) => i % 4 === g).map((c) => c.id);
        await db.transaction((tx) => saveCommuneGroup(tx, { territoryId: territory.id, name: `Ancienne CC n° ${g + 1}`, communeIds: ids, actor: cliActor(new Date()) }));
      }
      const run = async (kind: SchoolsImportKind, text: string) => {
        const started = performance.now();
        let checked = started;
        const result = await importSchoolsFile(db, { territoryId: territory.id, kind, text, skipInvalid: false, actor: cliActor(new Date()), today: "2027-03-02", onChecked: () => void (checked = performance.now()) });
        if (result.errors.length > 0) throw new Error(`bench ${kind} import: ${result.errors.length} errors, first: ${JSON.stringify(result.errors[0])}`);
        return { result, seconds: (performance.now() - started) / 1000, checkSeconds: (checked - started) / 1000 };
      };
      await run("ecoles", directory);
      const classResult = await run("classes", classes);
      const first = await run("equipements", items);
      const again = await run("equipements", items);
      const itemCount = first.result.imported;

      const userId = await ensureUser(db, { email: "coordination@banc-essai.invalid" });
      await db.insert(memberships).values({ territoryId: territory.id, userId, roles: ["coordinator"] });
      const sid = await createSession(db, { userId, now: new Date(), days: 1 });
      const app = await buildApp({ config: { ...loadConfig({}), production: true, worker: false }, database, clock: systemClock, linkSecret: await linkSecret(database.db) });
      await app.listen({ host: "127.0.0.1", port: 0 });
      try {
        const address = app.server.address();
        const origin = typeof address === "object" && address ? `http://127.0.0.1:${address.port}` : "";
        const cookie = `maillage_session=${sid}`;
        const harmonisation = await timePage(`${origin}/t/${territory.code}/ecoles/harmonisation`, cookie, requests);
        const indicators = await timePage(`${origin}/t/${territory.code}/ecoles/indicateurs`, cookie, requests);
        const rowsPerSecond = itemCount / first.seconds;
        const figures: SchoolsBenchFigures = {
          schools,
          classes: classResult.result.imported,
          items: itemCount,
          import: { seconds: first.seconds, rowsPerSecond, checkSeconds: first.checkSeconds, reimportSeconds: again.seconds },
          harmonisation,
          indicators,
          rows: [
            { what: `import of ${itemCount.toLocaleString("en")} items (CSV, history written)`, figure: `${Math.round(rowsPerSecond)} rows/s (${first.seconds.toFixed(1)} s, of which ${first.checkSeconds.toFixed(1)} s checking)`, target: "≥ 5,000 rows/s", ok: rowsPerSecond >= 5000 },
            { what: "same file again (all unchanged)", figure: `${Math.round(itemCount / again.seconds)} rows/s`, target: "—", ok: true },
            { what: `harmonisation view, ${schools} schools (median / p95 of ${requests})`, figure: `${harmonisation.medianMs.toFixed(0)} / ${harmonisation.p95Ms.toFixed(0)} ms`, target: "≤ 300 ms", ok: harmonisation.p95Ms <= 300 },
            { what: `indicators page, ${schools} schools (median / p95 of ${requests})`, figure: `${indicators.medianMs.toFixed(0)} / ${indicators.p95Ms.toFixed(0)} ms`, target: "≤ 300 ms", ok: indicators.p95Ms <= 300 },
          ],
          notes: [
            `Load average of the machine during the run: ${loadBefore} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end, on ${os.cpus().length} CPUs (other work on the machine slows every figure).`,
            `Data set: ${schools} schools in 100 communes and 4 groups, ${classResult.result.imported} classes, ${itemCount.toLocaleString("en")} items; pages requested one after the other over HTTP (loopback), signed in as a coordinator. Pages list 100 schools per page (sorted over all); totals cover all.`,
          ],
        };
        for (const row of figures.rows) log(`${row.what}: ${row.figure} (target ${row.target})${row.ok ? "" : " — TARGET MISSED"}`);
        return figures;
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
  const figures = await benchSchools();
  process.exitCode = figures.rows.every((r) => r.ok) ? 0 : 1;
}
