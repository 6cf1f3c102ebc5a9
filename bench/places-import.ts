// Benchmark: import of 20,000 places in the standard's CSV on a PostgreSQL server (target ≥ 5,000 rows/s).
// Run alone with `npx tsx bench/places-import.ts`, or call benchPlacesImport() from bench/run.ts.
import { pathToFileURL } from "node:url";
import {
  Frais,
  ModaliteAcces,
  ModaliteAccompagnement,
  PriseEnChargeSpecifique,
  Service,
  Typologie,
} from "@gouvfr-anct/lieux-de-mediation-numerique";
import pg from "pg";
import { migrateDatabase, openDatabase } from "../src/db/client.js";
import { cliActor } from "../src/modules/audit/audit.commands.js";
import type { LieuRecord } from "../src/modules/places/import-export/lieu-record.js";
import { toStandardCsv } from "../src/modules/places/import-export/lieux-csv.js";
import { importLieux } from "../src/modules/places/places-import.js";
import { createTerritory } from "../src/modules/territories/territories.commands.js";
import { startPgServer } from "../test/support/pg-server.js";

export type PlacesImportFigures = {
  rows: number;
  fileBytes: number;
  /** First import: every place is new. */
  seconds: number;
  rowsPerSecond: number;
  /** Of which: reading and validating every row, then writing the places. */
  checkSeconds: number;
  writeSeconds: number;
  /** Same file again: every place is checked and found unchanged. */
  reimportSeconds: number;
  reimportRowsPerSecond: number;
  target: number;
  meetsTarget: boolean;
};

const HORAIRES = ["Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00", "Mo,We,Fr 10:00-17:00; PH off", "Tu-Sa 13:30-19:00", "Mo-Fr 08:30-17:00"];
const SERVICES = Object.values(Service);
const TYPOLOGIES = [Typologie.MUNI, Typologie.RFS, Typologie.BIB, Typologie.EPN, Typologie.CCAS, Typologie.TIERS_LIEUX, Typologie.ASSO];

/** A varied, valid place of the standard, as a national-scale file would hold. */
export function benchRecord(i: number): LieuRecord {
  const departement = String(1 + (i % 95)).padStart(2, "0").replace(/^20$/, "21");
  const commune = `${departement}${String(i % 1000).padStart(3, "0")}`;
  return {
    id: `bench-${i}`,
    pivot: String(21_000_000_000_000 + i).slice(0, 14),
    nom: `Espace numérique n° ${i}`,
    commune: `Commune ${i % 5000}`,
    code_postal: `${departement}${String(i % 1000).padStart(3, "0")}`,
    code_insee: commune,
    adresse: `${1 + (i % 120)} rue de la Mairie`,
    latitude: 43 + (i % 700) / 100,
    longitude: -1 + (i % 800) / 100,
    typologie: [TYPOLOGIES[i % TYPOLOGIES.length]!],
    telephone: `+335${String(10_000_000 + i).slice(-8)}`,
    courriels: [`contact${i}@mairie.fr`],
    site_web: ["https://www.example.fr/"],
    horaires: HORAIRES[i % HORAIRES.length]!,
    presentation_resume: "Aide aux démarches en ligne et ateliers pour débuter.",
    date_maj: "2027-01-15",
    services: SERVICES.slice(i % 4, (i % 4) + 2 + (i % 3)),
    prise_en_charge_specifique: i % 3 === 0 ? [PriseEnChargeSpecifique.Surdite] : undefined,
    frais_a_charge: [i % 5 === 0 ? Frais.GratuitSousCondition : Frais.Gratuit],
    modalites_acces: [ModaliteAcces.SePresenter, ModaliteAcces.Telephoner],
    modalites_accompagnement: [ModaliteAccompagnement.AccompagnementIndividuel],
  } as LieuRecord;
}

/** Generates the file, imports it twice into a fresh database of a throw-away PostgreSQL server, returns the figures. */
export async function benchPlacesImport({ rows = 20_000, log = console.log }: { rows?: number; log?: (line: string) => void } = {}): Promise<PlacesImportFigures> {
  let text = "";
  for await (const chunk of toStandardCsv(Array.from({ length: rows }, (_, i) => benchRecord(i)))) text += chunk;
  const server = await startPgServer();
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query("create database bench_places");
    await admin.end();
    const database = await openDatabase({ databaseUrl: server.url.replace(/\/postgres$/, "/bench_places") });
    try {
      await migrateDatabase(database);
      const geo = { kind: "departement" as const, code: "99", name: "Territoire du banc d'essai", communes: [{ insee: "99001", name: "Commune d'essai", departement: "99", population: 1000, postcodes: ["99001"] }] };
      const territory = await database.db.transaction((tx) => createTerritory(tx, { geo, actor: cliActor(new Date()) }));
      const run = async () => {
        const started = performance.now();
        let checked = started;
        const result = await importLieux(database.db, {
          actor: cliActor(new Date()),
          territoryId: territory.id,
          text,
          format: "csv",
          skipInvalid: false,
          onChecked: () => {
            checked = performance.now();
          },
        });
        const ended = performance.now();
        if (result.errors.length > 0 || result.imported !== rows) throw new Error(`bench import failed: ${result.errors.length} errors, ${result.imported} imported`);
        return { seconds: (ended - started) / 1000, checkSeconds: (checked - started) / 1000 };
      };
      const first = await run();
      const again = await run();
      const [seconds, reimportSeconds] = [first.seconds, again.seconds];
      const figures: PlacesImportFigures = {
        rows,
        fileBytes: Buffer.byteLength(text),
        seconds,
        rowsPerSecond: Math.round(rows / seconds),
        checkSeconds: first.checkSeconds,
        writeSeconds: first.seconds - first.checkSeconds,
        reimportSeconds,
        reimportRowsPerSecond: Math.round(rows / reimportSeconds),
        target: 5000,
        meetsTarget: rows / seconds >= 5000,
      };
      log(`Import de ${rows} lieux (CSV du standard, ${(figures.fileBytes / 1_048_576).toFixed(1)} Mo) sur PostgreSQL :`);
      log(`  premier import   ${seconds.toFixed(2)} s, ${figures.rowsPerSecond} lignes/s (objectif ≥ 5 000)${figures.meetsTarget ? "" : " — OBJECTIF NON ATTEINT"}`);
      log(`    dont lecture et validation ${figures.checkSeconds.toFixed(2)} s, écriture ${figures.writeSeconds.toFixed(2)} s`);
      log(`  import identique ${reimportSeconds.toFixed(2)} s, ${figures.reimportRowsPerSecond} lignes/s (rien ne change)`);
      return figures;
    } finally {
      await database.close();
    }
  } finally {
    server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const figures = await benchPlacesImport();
  process.exitCode = figures.meetsTarget ? 0 : 1;
}
