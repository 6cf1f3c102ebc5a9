// Benchmark of the network between territories (issue 11): French search over 20,000 experience sheets of 500
// member territories, as a member territory's context sees them (row-level security on), p95 of 300 searches
// (target ≤ 50 ms); the vote tally of a motion with 50 proposals voted by 500 territories (the motion page's reads
// and counts, and the adoption that freezes it). On a PostgreSQL server started for the run.
// Run alone with `npx tsx bench/network.ts`, or through `npm run bench -- network`.
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import pg from "pg";
import { migrateDatabase, openDatabase, queryRows } from "../src/db/client.js";
import { experienceSheets, motionSections, motionVotes, motions, networkMembers, territories } from "../src/db/schema/index.js";
import { withNetwork, withTenant } from "../src/db/tenant.js";
import { cliActor } from "../src/modules/audit/audit.commands.js";
import { adoptMotion } from "../src/modules/network/motions.commands.js";
import { getMotion } from "../src/modules/network/motions.queries.js";
import { motionText } from "../src/modules/network/network.queries.js";
import { searchSheets } from "../src/modules/network/sheets.queries.js";
import { startPgServer } from "../test/support/pg-server.js";

type Row = { what: string; figure: string; target: string; ok: boolean };

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

const SUBJECTS = ["écoles numériques", "médiation numérique", "conseillers numériques", "tiers-lieu", "fablab", "classes mobiles", "tablettes", "espace numérique de travail", "fibre optique", "zones blanches", "pass numériques", "France services", "bus itinérant", "ateliers parents", "personnes âgées", "démarches en ligne", "formation des enseignants", "cybersécurité", "données ouvertes", "budget participatif"];
const PLACES = ["en milieu rural", "dans les quartiers prioritaires", "en centre-bourg", "dans les mairies", "au collège", "à la médiathèque", "en zone de montagne", "dans les écoles élémentaires"];
const VERBS = ["Déployer", "Accompagner", "Former", "Équiper", "Mutualiser", "Cartographier", "Financer", "Animer"];
const FILLER = "Le projet associe les communes, les associations et les services de l'État. Les habitants ont été consultés lors de réunions publiques. Un comité de suivi se réunit chaque trimestre pour mesurer les résultats et ajuster les actions.";
const QUERIES = ["école numérique rurale", "ecole numerique", "conseiller numérique", "tiers-lieux", "fibre zones blanches", "ateliers parents", "personne âgée démarches", "formation enseignants", "médiation quartiers", "bus itinerant", "tablettes collège", "pass numérique", "cybersecurite", "données ouvertes", "France services mairie"];

export async function benchNetwork(): Promise<{ rows: Row[]; notes: string[] }> {
  const random = seeded(11);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const server = await startPgServer();
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query("create database bench_network");
    await admin.end();
    const database = await openDatabase({ databaseUrl: server.url.replace(/\/postgres$/, "/bench_network"), poolSize: 4 });
    try {
      await migrateDatabase(database);
      const db = database.db;
      const now = new Date();
      const started = performance.now();
      const territoryIds: number[] = [];
      for (let i = 0; i < 500; i += 100) {
        const rows = await db
          .insert(territories)
          .values(Array.from({ length: 100 }, (_, k) => ({ kind: pick(["epci", "commune", "departement"] as const), code: `B${String(i + k).padStart(6, "0")}`, name: `Territoire ${i + k + 1}` })))
          .returning({ id: territories.id });
        territoryIds.push(...rows.map((r) => r.id));
      }
      await db.insert(networkMembers).values(territoryIds.map((territoryId) => ({ territoryId, population: Math.round(800 + random() * 300_000), departement: String(1 + Math.floor(random() * 95)).padStart(2, "0") })));
      const themes = ["education", "mediation", "services-publics", "solidarites", "innovation", "connectivite"];
      for (let i = 0; i < 20_000; i += 1_000) {
        await db.insert(experienceSheets).values(
          Array.from({ length: 1_000 }, () => {
            const subject = pick(SUBJECTS);
            return {
              territoryId: pick(territoryIds),
              title: `${pick(VERBS)} ${subject} ${pick(PLACES)}`,
              summary: `${pick(VERBS)} ${pick(SUBJECTS)} et ${pick(SUBJECTS)} ${pick(PLACES)}.`,
              body: `${FILLER} ${pick(VERBS)} ${pick(SUBJECTS)} ${pick(PLACES)}. ${FILLER}`,
              results: `${Math.round(random() * 500)} personnes accompagnées, ${Math.round(random() * 40)} ${pick(SUBJECTS)}.`,
              themes: [pick(themes)],
              year: 2018 + Math.floor(random() * 9),
              visibility: pick(["reseau", "reseau", "public", "brouillon"] as const),
              createdAt: now,
              updatedAt: new Date(now.getTime() - Math.floor(random() * 3e10)),
            };
          }),
        );
      }
      await db.execute(sql`vacuum analyze experience_sheets`);
      const generation = (performance.now() - started) / 1000;

      // Searches as a member territory, each in its own tenant transaction (what a page does).
      const member = territoryIds[0]!;
      const times: number[] = [];
      let found = 0;
      for (let r = 0; r < 320; r++) {
        const q = QUERIES[r % QUERIES.length]!;
        const filters = r % 3 === 0 ? { q, theme: pick(themes) } : r % 5 === 0 ? { q, band: "5000-20000" as const } : { q };
        const t0 = performance.now();
        const result = await withTenant(db, member, (tx) => searchSheets(tx, filters, { limit: 10, offset: 0 }));
        if (r >= 20) times.push(performance.now() - t0);
        found += result.total;
      }
      const browse: number[] = [];
      for (let r = 0; r < 50; r++) {
        const t0 = performance.now();
        await withTenant(db, member, (tx) => searchSheets(tx, { theme: pick(themes) }, { limit: 10, offset: 10 * (r % 5) }));
        browse.push(performance.now() - t0);
      }

      // A motion of 50 proposals voted by the 500 territories, on each proposal and on the whole text.
      const facilitator = (await queryRows<{ id: number }>(db, sql`insert into users (email, is_facilitator) values ('animation@bench.invalid', true) returning id`))[0]!.id;
      const [motion] = await db.insert(motions).values({ title: "Motion du banc d'essai", year: 2027, phase: "vote" }).returning({ id: motions.id });
      const sections = await db
        .insert(motionSections)
        .values(Array.from({ length: 50 }, (_, i) => ({ motionId: motion!.id, kind: "proposition" as const, position: i + 1, body: `Proposition ${i + 1} : ${pick(VERBS)} ${pick(SUBJECTS)} ${pick(PLACES)}.` })))
        .returning({ id: motionSections.id });
      const choices = ["pour", "pour", "pour", "contre", "abstention"] as const;
      const targets = [null, ...sections.map((s) => s.id)];
      for (const sectionId of targets) await db.insert(motionVotes).values(territoryIds.map((territoryId) => ({ motionId: motion!.id, sectionId, territoryId, choice: pick(choices), castAt: now })));
      await db.execute(sql`vacuum analyze motion_votes`);
      const tallyTimes: number[] = [];
      for (let r = 0; r < 12; r++) {
        const t0 = performance.now();
        await withTenant(db, member, async (tx) => motionText(tx, (await getMotion(tx, { id: motion!.id }))!));
        if (r >= 2) tallyTimes.push(performance.now() - t0);
      }
      const t0 = performance.now();
      await withNetwork(db, { role: "facilitator", userId: facilitator }, (tx) => adoptMotion(tx, { motionId: motion!.id, actor: cliActor(now) }));
      const adoption = performance.now() - t0;

      const p95 = percentile(times, 95);
      const tallyP95 = percentile(tallyTimes, 95);
      return {
        notes: [`Data set: 500 member territories, 20,000 experience sheets (generated in ${generation.toFixed(0)} s), a motion of 50 proposals with ${(targets.length * territoryIds.length).toLocaleString("en")} votes. Searches run in a member territory's context (row-level security on), ${times.length} measured after 20 to warm up; ${Math.round(found / 320)} matches per search on average.`],
        rows: [
          { what: "French search over 20,000 sheets (ranked, excerpts, filters): p95", figure: `${p95.toFixed(1)} ms (p50 ${percentile(times, 50).toFixed(1)} ms)`, target: "≤ 50 ms", ok: p95 <= 50 },
          { what: "browsing sheets by theme, newest first (no query): p95", figure: `${percentile(browse, 95).toFixed(1)} ms`, target: "—", ok: true },
          { what: "motion page's reads and tallies, 500 territories × 50 proposals: p95", figure: `${tallyP95.toFixed(1)} ms`, target: "≤ 200 ms", ok: tallyP95 <= 200 },
          { what: "adoption (tally, frozen version and its hash) of that motion", figure: `${adoption.toFixed(0)} ms`, target: "≤ 1,000 ms", ok: adoption <= 1_000 },
        ],
      };
    } finally {
      await database.close();
    }
  } finally {
    server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const result = await benchNetwork();
  console.table(result.rows);
}
