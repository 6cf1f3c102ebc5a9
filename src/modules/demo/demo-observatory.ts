// Demonstration data of the observatory for the demo territory's 38 real communes, written in the real file
// formats and imported through the real importers: eight quarters of "Ma connexion internet" (technologies),
// the wired speeds of the last quarter, INSEE census and Filosofi files (secret below 2,000 inhabitants, the
// intercommunality's own row), a saved index version and two planner scenarios. The VALUES ARE INVENTED for
// demonstration (derived from each commune's code and population), and labelled so.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { communeIndicators } from "../../db/schema/index.js";
import { withTenant } from "../../db/tenant.js";
import { cliActor } from "../audit/audit.commands.js";
import { FILAIRE_HEADER, TECHNO_HEADER } from "../connectivity/connectivity.fixtures.js";
import { importConnectivityFile } from "../connectivity/connectivity-import.js";
import { DEFAULT_PARAMS, type PlannerParams } from "../observatory/domain/planner.js";
import { saveIndexVersion } from "../observatory/index.commands.js";
import { importIndicatorsFile } from "../observatory/indicators-import.js";
import { saveScenario } from "../observatory/planner.commands.js";
import { listCommunes } from "../territories/territories.queries.js";

export const DEMO_LABEL = "valeurs de démonstration";
const QUARTERS = ["2024-06-30", "2024-09-30", "2024-12-31", "2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31", "2026-03-31"];

/** A stable number in [0, 1) from a commune code and a salt (demo values only). */
function unit(code: string, salt: number): number {
  let h = 2166136261 ^ salt;
  for (const ch of code) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

type DemoCommune = { insee: string; name: string; population: number };

/** The demo files, in the real formats (exported for tests). */
export function demoFiles(communes: readonly DemoCommune[], epci: string) {
  const premises = (c: DemoCommune) => Math.max(40, Math.round(c.population * 0.56));
  const techno = [
    TECHNO_HEADER,
    ...communes.flatMap((c) => {
      const n = premises(c);
      // Start between 25 % and 85 %, gain 0 to 6 points a quarter; a few communes stall.
      const start = 0.25 + 0.6 * unit(c.insee, 1);
      const pace = unit(c.insee, 2) < 0.2 ? 0.002 : 0.06 * unit(c.insee, 3);
      return QUARTERS.map((q, i) => {
        const ftth = Math.min(n, Math.floor(n * Math.min(1, start + pace * i)));
        return `${c.insee};${c.name};79;75;${n};all;${ftth};0;${n};0;${n};0;${n};${q}`;
      });
    }),
  ].join("\n");
  const last = QUARTERS.at(-1)!;
  const filaire = [
    FILAIRE_HEADER,
    ...communes.map((c) => {
      const n = premises(c);
      const thd30 = Math.floor(n * (0.35 + 0.6 * unit(c.insee, 4)));
      const hd3 = Math.max(thd30, Math.floor(n * 0.97));
      return `${c.insee};${c.name};79;75;${n};all;${n - Math.floor(n * 0.99)};${Math.floor(n * 0.99)};${hd3};${hd3};${thd30};${Math.floor(thd30 * 0.9)};${Math.floor(thd30 * 0.8)};${last}`;
    }),
  ].join("\n");
  const pop = ["CODGEO;P22_POP;P22_POP0014;P22_POP65P", ...communes.map((c) => `${c.insee};${c.population};${Math.round(c.population * 0.17)};${(c.population * (0.18 + 0.2 * unit(c.insee, 5))).toFixed(2).replace(".", ",")}`)].join("\n");
  const diplomas = [
    "CODGEO;P21_NSCOL15P;P21_NSCOL15P_DIPLMIN;P21_NSCOL15P_BEPC;P21_NSCOL15P_CAPBEP;P21_NSCOL15P_BAC;P21_NSCOL15P_SUP2",
    ...communes.map((c) => {
      const base = Math.round(c.population * 0.78);
      const low = 0.15 + 0.15 * unit(c.insee, 6);
      return `${c.insee};${base};${Math.round(base * low)};${Math.round(base * 0.05)};${Math.round(base * (0.2 + 0.1 * unit(c.insee, 7)))};${Math.round(base * 0.18)};${Math.round(base * 0.2)}`;
    }),
  ].join("\n");
  const households = [
    "CODGEO;C21_MEN;C21_MENPSEUL;C21_FAM;C21_FAMMONO",
    ...communes.map((c) => {
      const men = Math.round(c.population / 2.2);
      const fam = Math.round(men * 0.65);
      return `${c.insee};${men};${Math.round(men * (0.25 + 0.15 * unit(c.insee, 8)))};${fam};${Math.round(fam * (0.08 + 0.08 * unit(c.insee, 9)))}`;
    }),
  ].join("\n");
  const employment = ["CODGEO;P21_ACT1564;P21_CHOM1564", ...communes.map((c) => `${c.insee};${Math.round(c.population * 0.46)};${Math.round(c.population * 0.46 * (0.05 + 0.06 * unit(c.insee, 10)))}`)].join("\n");
  // Filosofi: secret ("s") below 2,000 inhabitants, as INSEE publishes it; the intercommunality's own row.
  const poverty = [
    "CODGEO;NBMENFISC21;TP6021",
    ...communes.map((c) => (c.population < 2000 ? `${c.insee};s;s` : `${c.insee};${Math.round(c.population / 2.2)};${(10 + 8 * unit(c.insee, 11)).toFixed(1).replace(".", ",")}`)),
    `${epci};${Math.round(communes.reduce((s, c) => s + c.population, 0) / 2.2)};12,4`,
  ].join("\n");
  return { techno, filaire, census: [pop, diplomas, households, employment, poverty] };
}

/** The two demo scenarios. */
export const DEMO_SCENARIOS: { name: string; params: PlannerParams }[] = [
  { name: "Démo — 150 000 € sur un an", params: { ...DEFAULT_PARAMS, budget: 150_000 } },
  { name: "Démo — 300 000 €, équité renforcée", params: { ...DEFAULT_PARAMS, budget: 300_000, equityAlpha: 2 } },
];

/** Imports the demo observatory data (idempotent: the same figures again change nothing). */
export async function seedDemoObservatory(db: Db, { territoryId, code, now }: { territoryId: number; code: string; now: Date }): Promise<void> {
  const actor = { ...cliActor(now), label: "données de démonstration" };
  const communes = await withTenant(db, territoryId, (tx) => listCommunes(tx, { territoryId }));
  const files = demoFiles(communes.map((c) => ({ insee: c.insee, name: c.name, population: c.population ?? 0 })), code);
  for (const [name, text] of [["commune_techno-demo.csv", files.techno], ["commune_debit_filaire-demo.csv", files.filaire]] as const) {
    await importConnectivityFile(db, { territoryId, bytes: Buffer.from(text), skipInvalid: false, actor, filename: name });
  }
  for (const text of files.census) await importIndicatorsFile(db, { territoryId, territoryCode: code, bytes: Buffer.from(text), skipInvalid: false, actor, filename: "insee-demo.csv" });
  await withTenant(db, territoryId, async (tx) => {
    // The vintage says these are demonstration values wherever it is shown (catalogue, commune pages); a saved
    // version or scenario is left as it is when the demo is seeded again (their names are taken).
    const rows = await tx.select({ id: communeIndicators.id, vintage: communeIndicators.vintage }).from(communeIndicators).where(eq(communeIndicators.territoryId, territoryId));
    for (const r of rows) {
      if (!r.vintage.includes(DEMO_LABEL)) await tx.update(communeIndicators).set({ vintage: `${r.vintage} (${DEMO_LABEL})` }).where(eq(communeIndicators.id, r.id));
    }
    await saveIndexVersion(tx, {
      territoryId,
      name: "Démo — couverture filaire renforcée",
      weights: { non_couverture_thd: 0.3, part_65_plus: 0.2, part_peu_diplomes: 0.2, taux_pauvrete: 0.15, part_menages_1_personne: 0.15 },
      note: "Version de démonstration : la couverture filaire compte davantage.",
      actor,
      demo: true,
    });
    for (const s of DEMO_SCENARIOS) await saveScenario(tx, { territoryId, name: s.name, params: s.params, actor, demo: true });
  });
}
