// Census indicators, the catalogue and the fragility index (versions, breakdown, comparison), on both engines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../src/db/tenant.js";
import { cliActor } from "../../src/modules/audit/audit.commands.js";
import { FILAIRE_HEADER } from "../../src/modules/connectivity/connectivity.fixtures.js";
import { importConnectivityFile } from "../../src/modules/connectivity/connectivity-import.js";
import { loadIndex } from "../../src/modules/observatory/index.queries.js";
import { importIndicatorsFile } from "../../src/modules/observatory/indicators-import.js";
import { createTestApp, makeUser, TestClient, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";
import { territoryWithCommunes } from "../support/observatory.js";

const CODES = ["79001", "79002", "79003", "79004"];
const POP = ["CODGEO;P22_POP;P22_POP65P", "79001;1000;400", "79002;1000;300", "79003;1000;200", "79004;1000;100"].join("\n");
const MEN = ["CODGEO;C21_MEN;C21_MENPSEUL", "79001;500;100", "79002;500;150", "79003;500;200", "79004;500;250"].join("\n");
const FILO = (siren: string) => ["CODGEO;NBMENFISC21;TP6021", "79001;s;s", "79002;nd;nd", "79003;1200;15,5", "79004;1300;9,5", `${siren};9000;12,1`].join("\n");
const FILAIRE = [FILAIRE_HEADER, ...CODES.map((c, i) => `${c};x;79;75;100;all;0;100;100;100;${90 - i * 20};50;10;2026-03-31`)].join("\n");

describe.each(engines)("observatory index on %s", (engine) => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof territoryWithCommunes>>;
  let client: TestClient;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    territory = await territoryWithCommunes(t.database, CODES.map((insee, i) => ({ insee, name: `Commune ${i + 1}` })));
    const userId = await makeUser(t.database, { email: `coord-indice-${engine}@exemple.fr`, territoryId: territory.id, roles: ["coordinator"] });
    client = await new TestClient(t.app).signInAs(t, userId);
    base = `/t/${territory.code}/observatoire`;
    const common = { territoryId: territory.id, territoryCode: territory.code, skipInvalid: false, actor: cliActor(t.clock()) };
    for (const text of [POP, MEN, FILO(territory.code)]) expect((await importIndicatorsFile(t.database.db, { ...common, bytes: Buffer.from(text) })).errors).toEqual([]);
    expect((await importConnectivityFile(t.database.db, { ...common, bytes: Buffer.from(FILAIRE) })).imported).toBe(4);
  });
  afterAll(() => t.close());

  it("scores the default index with the intercommunality's poverty rate where the commune's is secret, flagged", async () => {
    const index = (await withTenant(t.database.db, territory.id, (tx) => loadIndex(tx, { territoryId: territory.id, territoryCode: territory.code, versionId: null })))!;
    const first = index.communes.find((c) => c.commune.insee === "79001")!;
    expect(first.values.taux_pauvrete).toBeCloseTo(0.121, 12);
    expect(first.fallbacks).toEqual(["taux_pauvrete"]);
    // Missing: the diploma criterion (not imported), weights renormalised over the four others.
    expect(first.score.missing).toEqual(["part_peu_diplomes"]);
    expect(first.score.contributions.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1, 12);
    // 79004: lowest THD coverage (30 %), fewest 65+, most single-person households, lowest poverty (9.5 %).
    const last = index.communes.find((c) => c.commune.insee === "79004")!;
    expect(last.values.non_couverture_thd).toBeCloseTo(0.7, 12);
    const page = await client.get(`${base}/indice`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("taux de pauvreté de l'intercommunalité (valeur communale secrète)");
    const catalogue = await client.get(`${base}/indicateurs`);
    expect(catalogue.body).toContain("Insee, Filosofi 2021");
    expect(catalogue.body).toContain("2 communes au taux secret, taux de l'intercommunalité 12,1\u00a0%");
  });

  it("saves a new version only when the weights sum to 1, keeps what was typed, and compares two versions", async () => {
    const form = await client.get(`${base}/indice/nouvelle-version`);
    expect(form.body).toContain('name="poids_part_65_plus" type="text" value="0,2"');
    const weights = { poids_part_65_plus: "0,5", poids_taux_pauvrete: "0,4" };
    const wrong = await client.post(`${base}/indice/nouvelle-version`, { nom: "Âge et pauvreté", note: "", ...weights });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain("La somme des poids doit faire 1 (elle fait 0,9)");
    expect(wrong.body).toContain('value="0,4"');
    const saved = await client.post(`${base}/indice/nouvelle-version`, { nom: "Âge et pauvreté", note: "", poids_part_65_plus: "0,5", poids_taux_pauvrete: "0,5" });
    expect(saved.statusCode).toBe(303);
    const again = await client.post(`${base}/indice/nouvelle-version`, { nom: "Âge et pauvreté", note: "", poids_part_65_plus: "1" });
    expect(again.body).toContain("Une version porte déjà ce nom");
    const page = await client.get(`${base}/indice`);
    expect(page.body).toContain("Version : <strong>Âge et pauvreté</strong>");
    const compare = await client.get(`${base}/indice/comparer?a=defaut`);
    expect(compare.statusCode).toBe(200);
    expect(compare.body).toMatch(/\d+ communes? changen?t? de rang/);
    expect(compare.body).toContain("gagne");
  });

  it("refuses the version form to an elected official but shows the index", async () => {
    const elected = await makeUser(t.database, { email: `elu-indice-${engine}@exemple.fr`, territoryId: territory.id, roles: ["elected"] });
    const asElected = await new TestClient(t.app).signInAs(t, elected);
    expect((await asElected.get(`${base}/indice`)).statusCode).toBe(200);
    expect((await asElected.get(`${base}/indice/nouvelle-version`)).statusCode).toBe(403);
  });
});
