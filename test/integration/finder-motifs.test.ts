// Motifs follow what a place offers: a card's next free slot is for the need searched, a place lists only the
// motifs of the services it offers, and every step names the motif.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, makeTerritory, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";
import { lieuRecord, makeMediator, makeMotif, makePlace, makePlage } from "../support/inclusion.js";
import type { LieuRecord } from "../../src/modules/places/import-export/lieu-record.js";

const DEMARCHES = "Aide aux démarches administratives";
const OUTILS = "Maîtrise des outils numériques du quotidien";

describe.each(engines)("motifs and the places' services on %s", (engine) => {
  let t: TestApp;
  let both = 0;
  let toolsOnly = 0;
  let demarche = 0;
  let phone = 0;

  beforeAll(async () => {
    // Tuesday 2 March 2027, 10:00 in Paris.
    t = await createTestApp(engine, { now: new Date("2027-03-02T09:00:00Z") });
    const territory = await makeTerritory(t.database);
    const place = async (nom: string, services: string[]) =>
      (await makePlace(t.database, { territoryId: territory.id, record: lieuRecord({ nom, commune: "Parthenay", code_postal: "79200", code_insee: "79202", latitude: 46.6486, longitude: -0.2471, services: services as LieuRecord["services"] }) })).id;
    both = await place("France Services de Parthenay", [DEMARCHES, OUTILS]);
    toolsOnly = await place("Médiathèque de Parthenay", [OUTILS]);
    const mediator = await makeMediator(t.database, { territoryId: territory.id, placeIds: [both, toolsOnly] });
    // The phone motif's slots come first in the morning (its plage starts earlier); the need searched still wins.
    await makePlage(t.database, { territoryId: territory.id, mediatorId: mediator.id, placeId: both, weekdays: [3], startTime: "09:00", endTime: "12:00" });
    await makePlage(t.database, { territoryId: territory.id, mediatorId: mediator.id, placeId: toolsOnly, weekdays: [4], startTime: "14:00", endTime: "17:00" });
    phone = (await makeMotif(t.database, { territoryId: territory.id, name: "Apprendre à me servir de mon téléphone", service: OUTILS, durationMinutes: 30 })).id;
    demarche = (await makeMotif(t.database, { territoryId: territory.id, name: "Faire une démarche en ligne", service: DEMARCHES, durationMinutes: 90 })).id;
  });
  afterAll(() => t.close());

  const search = async (query: string) => (await t.app.inject({ method: "GET", url: `/lieux?ou=Parthenay${query}` })).body;
  const cardOf = (html: string, id: number) => html.slice(html.indexOf(`href="/lieux/${id}"`), html.indexOf("</li>", html.indexOf(`href="/lieux/${id}"`)));

  it("offers on a card the next free slot of the motif answering the need searched, and names it", async () => {
    const card = cardOf(await search(`&besoin=${encodeURIComponent(DEMARCHES)}`), both);
    expect(card).toContain(`motif=${demarche}`);
    expect(card).not.toContain(`motif=${phone}`);
    expect(card).toContain("pour «\u00a0Faire une démarche en ligne\u00a0»");
    const tools = cardOf(await search(`&besoin=${encodeURIComponent(OUTILS)}`), both);
    expect(tools).toContain(`motif=${phone}`);
    expect(tools).toContain("pour «\u00a0Apprendre à me servir de mon téléphone\u00a0»");
  });

  it("never offers a motif at a place that does not offer its service", async () => {
    const card = cardOf(await search(""), toolsOnly);
    expect(card).toContain(`motif=${phone}`);
    expect(card).not.toContain(`motif=${demarche}`);
    // With a single motif left, the booking flow goes straight to its slots.
    const start = await t.app.inject({ method: "GET", url: `/lieux/${toolsOnly}/rendez-vous` });
    expect(start.statusCode).toBe(303);
    expect(start.headers.location).toBe(`/lieux/${toolsOnly}/rendez-vous/creneau?motif=${phone}`);
    const refused = await t.app.inject({ method: "GET", url: `/lieux/${toolsOnly}/rendez-vous/creneau?motif=${demarche}` });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).not.toContain("Faire une démarche en ligne");
    const choice = await t.app.inject({ method: "GET", url: `/lieux/${both}/rendez-vous` });
    expect(choice.body).toContain("Faire une démarche en ligne");
    expect(choice.body).toContain("Apprendre à me servir de mon téléphone");
  });

  it("names the motif on the slot step", async () => {
    const slots = await t.app.inject({ method: "GET", url: `/lieux/${both}/rendez-vous/creneau?motif=${demarche}` });
    expect(slots.statusCode).toBe(200);
    expect(slots.body).toContain("Faire une démarche en ligne, 90 minutes.");
  });
});
