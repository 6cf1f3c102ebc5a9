// Commune outlines: imported all or nothing and matched by INSEE code, stored with their centre and credit, and
// used by the public finder, whose distances then start from the searched commune's centre.
import fs from "node:fs";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, communes } from "../../src/db/schema/index.js";
import { withTenant } from "../../src/db/tenant.js";
import { importContours } from "../../src/modules/territories/contours.commands.js";
import { findEpci } from "../../src/modules/territories/geography.js";
import { createTerritory } from "../../src/modules/territories/territories.commands.js";
import { createTestApp, makeUser, testActor, TestClient, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";
import { lieuRecord, makePlace } from "../support/inclusion.js";

const DEMO_FILE = new URL("../../src/modules/demo/data/contours-parthenay-gatine.geojson", import.meta.url);
const demo = JSON.parse(fs.readFileSync(DEMO_FILE, "utf8")) as { type: string; features: unknown[] };
/** Bressuire: a real commune of the département, outside the territory. */
const bressuire = {
  type: "Feature",
  properties: { code: "79049", nom: "Bressuire" },
  geometry: { type: "Polygon", coordinates: [[[-0.5, 46.8], [-0.4, 46.8], [-0.4, 46.9], [-0.5, 46.8]]] },
};
const withOutside = JSON.stringify({ ...demo, features: [...demo.features, bressuire] });
const withInvalid = JSON.stringify({ ...demo, features: [...demo.features, bressuire, { type: "Feature", properties: { code: "79191" }, geometry: { type: "Point", coordinates: [-0.46, 46.32] } }] });

/** Names of the result cards and what each says about distance, in order. */
function cards(html: string): [string, string | undefined][] {
  const list = /<ol class="maillage-card-list"[^>]*>([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? "";
  return list.split("<li").slice(1).map((card) => [/href="\/lieux\/\d+">([^<]+)</.exec(card)![1]!, /<strong>([^<]+)<\/strong>/.exec(card)?.[1]?.replace(/\u00a0/g, " ")]);
}

describe.each(engines)("commune contours on %s", (engine) => {
  let t: TestApp;
  let territoryId: number;
  let coordinator: TestClient;

  beforeAll(async () => {
    t = await createTestApp(engine);
    territoryId = (await t.database.db.transaction((tx) => createTerritory(tx, { geo: findEpci("200041333")!, actor: testActor }))).id;
    const place = (nom: string, fields: Parameters<typeof lieuRecord>[0]) => makePlace(t.database, { territoryId, record: lieuRecord({ nom, ...fields }) });
    await place("France Services de Parthenay", { commune: "Parthenay", code_postal: "79200", code_insee: "79202", latitude: 46.6486, longitude: -0.2478 });
    await place("Mairie de Secondigny", { commune: "Secondigny", code_postal: "79130", code_insee: "79311", latitude: 46.6106, longitude: -0.4142 });
    await place("Mairie de Thénezay", { commune: "Thénezay", code_postal: "79390", code_insee: "79326", latitude: 46.7186, longitude: -0.0283 });
    const userId = await makeUser(t.database, { email: "coordination@contours.test", territoryId, roles: ["coordinator"] });
    coordinator = await new TestClient(t.app).signInAs(t, userId);
  });
  afterAll(() => t.close());

  const run = (text: string, skipInvalid = false) =>
    withTenant(t.database.db, territoryId, (tx) => importContours(tx, { territoryId, text, source: "IGN – GEOFLA 2016", skipInvalid, actor: testActor }));
  const stored = () => t.database.db.select().from(communes).where(eq(communes.territoryId, territoryId));
  const search = (ou: string) => t.app.inject({ method: "GET", url: `/lieux?${new URLSearchParams({ ou, tri: "distance" })}` });

  it("lists places alphabetically, without distances, from a commune that has no place and no contour", async () => {
    const page = await search("Saint-Aubin-le-Cloud");
    expect(page.body).toContain("Nous ne connaissons pas la position de Saint-Aubin-le-Cloud (79)");
    expect(cards(page.body).map(([, where]) => where)).toEqual([undefined, undefined, undefined]);
  });

  it("imports nothing from a file with an invalid feature and reports it, with the communes outside the territory", async () => {
    const result = await run(withInvalid);
    expect(result.imported).toBe(0);
    expect(result.errors).toEqual([{ feature: 40, code: "79191", field: "geometry", reason: "type « Point » : le contour d'une commune est un Polygon ou un MultiPolygon" }]);
    expect(result.unmatched).toEqual([{ feature: 39, code: "79049", name: "Bressuire" }]);
    expect((await stored()).filter((c) => c.contour !== null)).toEqual([]);
  });

  it("stores each commune's outline, centre and credit, and a second run changes nothing", async () => {
    const first = await run(withOutside);
    expect(first).toMatchObject({ fatal: undefined, errors: [], imported: 38, created: 38, updated: 0, missing: [] });
    expect(first.unmatched.map((u) => u.code)).toEqual(["79049"]);
    const rows = await stored();
    expect(rows).toHaveLength(38);
    for (const row of rows) {
      expect(row.contour?.type, row.insee).toBe("Polygon");
      expect(row.contourSource).toBe("IGN – GEOFLA 2016");
      expect(row.centroidLat, row.insee).toBeGreaterThan(46.3);
      expect(row.centroidLat, row.insee).toBeLessThan(46.9);
      expect(row.centroidLon, row.insee).toBeGreaterThan(-0.6);
      expect(row.centroidLon, row.insee).toBeLessThan(0.1);
    }
    const audits = () => t.database.db.select().from(auditEvents).where(eq(auditEvents.action, "communes.contours.import"));
    expect(await audits()).toHaveLength(1);
    const again = await run(withOutside);
    expect(again).toMatchObject({ imported: 38, created: 0, updated: 0 });
    expect(await audits()).toHaveLength(1);
  });

  it("measures distances from the centre of a commune that has no place, nearest first", async () => {
    const page = await search("Saint-Aubin-le-Cloud");
    expect(page.body).toContain("Les distances sont à vol d'oiseau, depuis le centre de Saint-Aubin-le-Cloud (79), pas depuis votre adresse.");
    const found = cards(page.body);
    // Saint-Aubin-le-Cloud lies between Parthenay (east) and Secondigny (west), about 7.4 and 7.5 km from its
    // centre, and far from Thénezay.
    expect(found.map(([name]) => name)).toEqual(["France Services de Parthenay", "Mairie de Secondigny", "Mairie de Thénezay"]);
    expect(found.map(([, where]) => where)).toEqual(["À 7,4 km", "À 7,5 km", expect.stringMatching(/^À \d+ km$/)]);
    const km = found.map(([, where]) => Number(/À ([\d,]+) km/.exec(where ?? "")?.[1]?.replace(",", ".")));
    expect(km.every((d) => d > 0 && d < 40)).toBe(true);
    expect(km).toEqual([...km].sort((a, b) => a - b));
  });

  it("also starts from the centre in a commune that has places, and for a postcode", async () => {
    const parthenay = await search("Parthenay");
    expect(parthenay.body).toContain("depuis le centre de Parthenay (79)");
    expect(cards(parthenay.body)[0]![0]).toBe("France Services de Parthenay");
    const postcode = await search("79130");
    expect(postcode.body).toContain("depuis le centre du code postal 79130");
  });

  it("shows on the communes page which communes have an outline, and its credit", async () => {
    await t.database.db.update(communes).set({ contour: null, centroidLat: null, centroidLon: null, contourSource: null }).where(sql`${communes.territoryId} = ${territoryId} and ${communes.insee} = '79239'`);
    const page = await coordinator.get("/t/200041333/communes");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Contours des communes\u00a0: IGN – GEOFLA 2016.");
    expect(page.body).toContain("Une commune n'a pas de contour");
    expect(page.body.match(/<td class="govuk-table__cell">Oui<\/td>/g)).toHaveLength(37);
  });
});
