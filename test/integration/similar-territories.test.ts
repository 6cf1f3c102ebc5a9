// Similar territories: a territory shares chosen figures explicitly and sees the closest territories among
// those that share; nothing unshared crosses, on both engines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "../../src/modules/audit/audit.commands.js";
import { importIndicatorsFile } from "../../src/modules/observatory/indicators-import.js";
import { createTestApp, makeUser, TestClient, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";
import { territoryWithCommunes } from "../support/observatory.js";

describe.each(engines)("similar territories on %s", (engine) => {
  let t: TestApp;
  const clients: TestClient[] = [];
  const codes: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(engine);
    // Three territories of about 3,000 inhabitants with different shares of people aged 65 or more.
    for (const [i, old] of [300, 320, 900].entries()) {
      const insee = `7700${i}`;
      const territory = await territoryWithCommunes(t.database, [{ insee, name: `Commune ${i}`, population: 3000 }]);
      await importIndicatorsFile(t.database.db, { territoryId: territory.id, territoryCode: territory.code, bytes: Buffer.from(`CODGEO;P22_POP;P22_POP65P\n${insee};3000;${old}`), skipInvalid: false, actor: cliActor(t.clock()) });
      const userId = await makeUser(t.database, { email: `coord-similaires-${i}-${engine}@exemple.fr`, territoryId: territory.id, roles: ["coordinator"] });
      clients.push(await new TestClient(t.app).signInAs(t, userId));
      codes.push(territory.code);
    }
  });
  afterAll(() => t.close());

  const page = (i: number) => `/t/${codes[i]}/observatoire/territoires-similaires`;

  it("compares only with territories that chose to share, closest first, with what weighs in the distance", async () => {
    expect((await clients[0]!.get(page(0))).body).toContain("Partagez au moins un chiffre");
    expect((await clients[0]!.post(page(0), { partage: ["population", "part_65_plus"] })).statusCode).toBe(303);
    expect((await clients[0]!.get(page(0))).body).toContain("Aucun territoire comparable ne partage encore");
    await clients[1]!.post(page(1), { partage: ["population", "part_65_plus"] });
    await clients[2]!.post(page(2), { partage: ["part_65_plus"] });
    const full = (await clients[0]!.get(page(0))).body;
    const body = full.slice(full.indexOf("Territoires similaires, du plus proche"));
    const names = [...body.matchAll(/Territoire observatoire \d+/g)].map((m) => m[0]);
    expect(names.length).toBe(2);
    expect(body.indexOf(names[0]!)).toBeLessThan(body.indexOf(names[1]!));
    expect(body).toContain("Part des 65 ans et plus : 10,0\u00a0% / 10,7\u00a0%");
    // Stopping sharing removes the territory from the others' comparisons.
    await clients[1]!.post(page(1), {});
    expect((await clients[0]!.get(page(0))).body).not.toContain("10,7\u00a0%");
  });
});
