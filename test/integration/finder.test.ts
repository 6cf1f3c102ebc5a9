// The public finder: search by commune (with or without accents), postcode, need, specific support, free only;
// order by distance or next free slot; the place page; unpublished places never shown.
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appointments } from "../../src/db/schema/index.js";
import { createTestApp, makeTerritory, makeUser, TestClient, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";
import { lieuRecord, makeMediator, makeMotif, makePlace, makePlage } from "../support/inclusion.js";
import type { LieuRecord } from "../../src/modules/places/import-export/lieu-record.js";

type Fields = Partial<LieuRecord>;

const parthenay: Fields = { commune: "Parthenay", code_postal: "79200", code_insee: "79202", latitude: 46.6486, longitude: -0.2471 };
const chatillon: Fields = { commune: "Châtillon-sur-Thouet", code_postal: "79200", code_insee: "79080", latitude: 46.6625, longitude: -0.2369 };
const pompaire: Fields = { commune: "Pompaire", code_postal: "79200", code_insee: "79213", latitude: 46.6069, longitude: -0.2361 };
const niort: Fields = { commune: "Niort", code_postal: "79000", code_insee: "79191", latitude: 46.3237, longitude: -0.4588 };
const marseille: Fields = { commune: "Marseille", code_postal: "13001", code_insee: "13055", latitude: 43.2965, longitude: 5.3698 };
const lyon: Fields = { commune: "Lyon", code_postal: "69001", code_insee: "69123", latitude: 45.7676, longitude: 4.8344 };

/** Names of the result cards, in order. */
function resultNames(html: string): string[] {
  const list = /<ol class="maillage-card-list"[^>]*>([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? "";
  return [...list.matchAll(/<h3[^>]*><a class="govuk-link" href="\/lieux\/\d+">([^<]+)<\/a><\/h3>/g)].map((m) => m[1]!.replace(/&#39;|&apos;/g, "'"));
}

/** Every visible form field has a label pointing at it. */
function unlabelledFields(html: string): string[] {
  const ids = [...html.matchAll(/<(?:input|select|textarea)\b([^>]*)>/g)]
    .filter((m) => !/type="hidden"/.test(m[1]!))
    .map((m) => /\bid="([^"]+)"/.exec(m[1]!)?.[1] ?? "(no id)");
  return ids.filter((id) => !html.includes(`for="${id}"`));
}

/** Ids used more than once in a page (labels and hints would point at the wrong element). */
function duplicateIds(html: string): string[] {
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
}

describe.each(engines)("public finder on %s", (engine) => {
  let t: TestApp;
  const ids: Record<string, number> = {};
  let motifA = 0;
  let booking = { territoryId: 0, mediatorId: 0 };

  beforeAll(async () => {
    // Tuesday 2 March 2027, 10:00 in Paris.
    t = await createTestApp(engine, { now: new Date("2027-03-02T09:00:00Z") });
    const a = await makeTerritory(t.database, { name: "Gâtine d'essai" });
    const b = await makeTerritory(t.database, { name: "Autre territoire d'essai" });
    const place = async (key: string, territoryId: number, fields: Fields, published = true) => {
      const row = await makePlace(t.database, { territoryId, published, record: lieuRecord({ nom: key, ...fields }) });
      ids[key] = row.id;
      return row;
    };
    await place("Médiathèque de Parthenay", a.id, { ...parthenay, services: ["Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"], frais_a_charge: ["Gratuit"], prise_en_charge_specifique: ["Surdité"], modalites_acces: ["Se présenter"], telephone: "+33549000000" } as Fields);
    await place("France Services de Châtillon", a.id, { ...chatillon, services: ["Aide aux démarches administratives"], frais_a_charge: ["Payant"], prise_en_charge_specifique: ["Illettrisme"] } as Fields);
    await place("Mairie de Pompaire", a.id, { ...pompaire, services: ["Insertion professionnelle via le numérique", "Aide aux démarches administratives"], frais_a_charge: ["Gratuit"], horaires: "Mo-Fr 09:00-12:00" } as Fields);
    await place("Lieu caché de Parthenay", a.id, { ...parthenay, frais_a_charge: ["Gratuit"] } as Fields, false);
    await place("Espace numérique de Niort", b.id, { ...niort, frais_a_charge: ["Gratuit"] } as Fields);
    await place("Tiers-lieu de Lyon", b.id, { ...lyon, frais_a_charge: ["Gratuit"] } as Fields);
    // Far away from everything else, enough for two pages.
    for (let i = 1; i <= 12; i++) {
      await place(`Point numérique ${String(i).padStart(2, "0")} de Marseille`, b.id, { ...marseille, latitude: 43.2965 + i / 1000, frais_a_charge: ["Gratuit"] } as Fields);
    }
    // Online appointments: Pompaire from Wednesday 9:00, Niort from today 14:00.
    motifA = (await makeMotif(t.database, { territoryId: a.id, name: "Aide aux démarches en ligne" })).id;
    const mediatorA = await makeMediator(t.database, { territoryId: a.id, placeIds: [ids["Mairie de Pompaire"]!] });
    await makePlage(t.database, { territoryId: a.id, mediatorId: mediatorA.id, placeId: ids["Mairie de Pompaire"]!, weekdays: [3, 4, 5] });
    booking = { territoryId: a.id, mediatorId: mediatorA.id };
    await makeMotif(t.database, { territoryId: b.id, name: "Premier pas sur internet" });
    const mediatorB = await makeMediator(t.database, { territoryId: b.id, placeIds: [ids["Espace numérique de Niort"]!] });
    await makePlage(t.database, { territoryId: b.id, mediatorId: mediatorB.id, placeId: ids["Espace numérique de Niort"]!, weekdays: [2], startTime: "14:00", endTime: "17:00" });
  });
  afterAll(() => t.close());

  const get = (url: string) => t.app.inject({ method: "GET", url });
  const search = async (params: Record<string, string | string[]>) => {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) for (const item of ([] as string[]).concat(v)) query.append(k, item);
    const response = await get(`/lieux?${query.toString()}`);
    expect(response.statusCode).toBe(200);
    return response.body;
  };

  it("shows the search form to a person who just arrives, in French, with one h1 and a label for every field", async () => {
    const response = await get("/lieux");
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<html lang="fr"');
    expect(response.body.match(/<h1\b/g)).toHaveLength(1);
    expect(response.body).toContain('<form method="get" action="/lieux"');
    expect(unlabelledFields(response.body)).toEqual([]);
    // Each choice with a name of its own is its own field.
    expect(response.body).toContain('<input class="govuk-checkboxes__input" id="champ-ouvert" name="ouvert" type="checkbox" value="oui"');
    for (const text of ["Où\u00a0?", "Pour quoi\u00a0?", "Besoin d'un accompagnement particulier\u00a0?", "Gratuit uniquement", "Ouvert maintenant"]) {
      expect(response.body).toContain(text);
    }
    expect(duplicateIds(response.body)).toEqual([]);
  });

  it("finds places by commune name, nearest first, with their distance, and never an unpublished place", async () => {
    const html = await search({ ou: "Parthenay" });
    expect(resultNames(html).slice(0, 5)).toEqual(["Médiathèque de Parthenay", "France Services de Châtillon", "Mairie de Pompaire", "Espace numérique de Niort", "Tiers-lieu de Lyon"]);
    expect(html).not.toContain("Lieu caché");
    expect(html).toMatch(/À 1,\d\u00a0km/);
    expect(html.match(/<h1\b/g)).toHaveLength(1);
    expect(unlabelledFields(html)).toEqual([]);
  });

  it("matches a commune without its accents: « Chatillon » offers Châtillon-sur-Thouet first, and the choice gives its places", async () => {
    const choose = await search({ ou: "Chatillon" });
    expect(choose).toContain("Plusieurs communes correspondent");
    const firstChoice = /<input class="govuk-radios__input" id="champ-commune" name="commune" type="radio" value="(\w+)"/.exec(choose)?.[1];
    expect(firstChoice).toBe("79080");
    expect(unlabelledFields(choose)).toEqual([]);
    expect(duplicateIds(choose)).toEqual([]);
    const chosen = await search({ ou: "Chatillon", commune: "79080" });
    expect(resultNames(chosen)[0]).toBe("France Services de Châtillon");
    const direct = await search({ ou: "chatillon sur thouet" });
    expect(resultNames(direct)[0]).toBe("France Services de Châtillon");
  });

  it("finds places by postcode", async () => {
    const names = resultNames(await search({ ou: "79200" }));
    expect(names.slice(0, 3).sort()).toEqual(["France Services de Châtillon", "Mairie de Pompaire", "Médiathèque de Parthenay"]);
    expect(names).not.toContain("Lieu caché de Parthenay");
  });

  it("suggests communes as JSON for the optional script, accents or not", async () => {
    const response = await get("/lieux/suggestions?q=chatillon%20sur%20th");
    expect(response.statusCode).toBe(200);
    const { suggestions } = response.json() as { suggestions: { label: string; value: string }[] };
    expect(suggestions[0]).toEqual({ label: "Châtillon-sur-Thouet (79)", value: "Châtillon-sur-Thouet 79200" });
    expect((await get("/lieux/suggestions?q=c")).json()).toEqual({ suggestions: [] });
  });

  it("suggests the communes where places are before the rest of France, and near spellings when nothing starts alike", async () => {
    const labels = async (q: string) => ((await get(`/lieux/suggestions?q=${encodeURIComponent(q)}`)).json() as { suggestions: { label: string }[] }).suggestions.map((s) => s.label);
    expect((await labels("Par"))[0]).toBe("Parthenay (79)");
    expect(await labels("Par")).toContain("Paris (75)");
    expect((await labels("Partenay"))[0]).toBe("Parthenay (79)");
  });

  it("offers the right commune for a misspelt one: « Partenay », « Parthenai » → Parthenay, whose places are then listed", async () => {
    for (const typed of ["Partenay", "Parthenai"]) {
      const html = await search({ ou: typed });
      expect(html).toContain("Vouliez-vous dire l'une de celles-ci");
      const firstChoice = /<input class="govuk-radios__input" id="champ-commune" name="commune" type="radio" value="(\w+)"/.exec(html)?.[1];
      expect({ typed, firstChoice }).toEqual({ typed, firstChoice: "79202" });
    }
    expect(resultNames(await search({ ou: "Parthenay", commune: "79202" }))[0]).toBe("Médiathèque de Parthenay");
  });

  it("says plainly when no commune matches", async () => {
    const html = await search({ ou: "Zzyzxville" });
    expect(html).toContain("Nous ne trouvons pas de commune");
    expect(html).toContain("govuk-error-summary");
    expect(resultNames(html)).toEqual([]);
  });

  it("filters by need, by specific support and free of charge", async () => {
    expect(resultNames(await search({ ou: "Parthenay", besoin: "Insertion professionnelle via le numérique" }))).toEqual(["Mairie de Pompaire"]);
    expect(resultNames(await search({ ou: "Parthenay", accompagnement: "Surdité" }))).toEqual(["Médiathèque de Parthenay"]);
    const free = resultNames(await search({ ou: "Parthenay", gratuit: "oui" }));
    expect(free).toContain("Médiathèque de Parthenay");
    expect(free).not.toContain("France Services de Châtillon");
    expect(free).not.toContain("Lieu caché de Parthenay");
  });

  it("keeps only places open now when asked", async () => {
    // Tuesday 10:00: the default hours (Mo-Fr 9-12, 14-17:30) and Pompaire's are open.
    const open = resultNames(await search({ ou: "Parthenay", ouvert: "oui" }));
    expect(open).toContain("Mairie de Pompaire");
    t.clock.set(new Date("2027-03-06T15:00:00Z")); // Saturday
    try {
      expect(resultNames(await search({ ou: "Parthenay", ouvert: "oui" }))).toEqual([]);
    } finally {
      t.clock.set(new Date("2027-03-02T09:00:00Z"));
    }
  });

  it("orders by next free slot when asked: today's slot in Niort before Wednesday's in Pompaire, then the others by distance", async () => {
    const html = await search({ ou: "Parthenay", tri: "creneau" });
    expect(resultNames(html).slice(0, 5)).toEqual(["Espace numérique de Niort", "Mairie de Pompaire", "Médiathèque de Parthenay", "France Services de Châtillon", "Tiers-lieu de Lyon"]);
    expect(html).toContain("mardi 2 mars à 14\u00a0h");
    expect(html).toContain(`/lieux/${ids["Mairie de Pompaire"]}/rendez-vous?motif=${motifA}&amp;debut=2027-03-03T08%3A00%3A00.000Z`);
  });

  it("pages the results ten by ten, with links that keep the search", async () => {
    const first = await search({ ou: "Marseille", gratuit: "oui" });
    expect(resultNames(first)).toHaveLength(10);
    expect(resultNames(first)[0]).toMatch(/de Marseille$/);
    expect(first).toContain('<nav class="govuk-pagination" aria-label="Pages de résultats">');
    expect(first).toContain('href="/lieux?ou=Marseille&amp;gratuit=oui&amp;tri=distance&amp;page=2"');
    const second = await search({ ou: "Marseille", gratuit: "oui", page: "2" });
    expect(resultNames(second)).toHaveLength(6);
    expect(second).toContain("page 2 sur 2");
    expect(second).toContain('<ol class="maillage-card-list" start="11"');
    expect(resultNames(await search({ ou: "Marseille", gratuit: "oui", page: "99" }))).toEqual(resultNames(second));
  });

  it("shows a place page with hours, how to get there, contact, services and the next free slots", async () => {
    const response = await get(`/lieux/${ids["Mairie de Pompaire"]}`);
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html.match(/<h1\b/g)).toHaveLength(1);
    expect(html).toContain("Mairie de Pompaire");
    expect(html).toMatch(/class="govuk-tag[^"]*">Ouvert<\/strong> (jusqu|24)/);
    expect(html).toMatch(/Mercredi[\s\S]*?9\u00a0h – 12\u00a0h/);
    expect(html).toContain("https://www.openstreetmap.org/directions?route=%3B46.606900%2C-0.236100");
    expect(html).toContain("Trouver un emploi avec internet");
    const slotLinks = [...html.matchAll(new RegExp(`/lieux/${ids["Mairie de Pompaire"]}/rendez-vous\\?motif=${motifA}&amp;debut=([^"]+)"`, "g"))].map((m) => decodeURIComponent(m[1]!));
    expect(slotLinks).toEqual(["2027-03-03T08:00:00.000Z", "2027-03-03T08:30:00.000Z", "2027-03-03T09:00:00.000Z", "2027-03-03T09:30:00.000Z", "2027-03-03T10:00:00.000Z", "2027-03-03T10:30:00.000Z"]);
    expect(html).toContain("mercredi 3 mars à 9\u00a0h");
    expect(html).toContain(`href="/lieux/${ids["Mairie de Pompaire"]}/rendez-vous"`);
    expect(html).toContain("Données issues du standard des lieux de médiation numérique, mises à jour le 15 janvier 2027");
  });

  it("shows the phone as a tel: link and no booking button where nobody takes appointments", async () => {
    const html = (await get(`/lieux/${ids["Médiathèque de Parthenay"]}`)).body;
    expect(html).toContain('href="tel:+33549000000"');
    expect(html).toContain("05\u00a049\u00a000\u00a000\u00a000");
    expect(html).toContain("Surdité ou malentendance");
    expect(html).not.toContain("Prendre rendez-vous</a>");
  });

  it("never offers a slot already booked", async () => {
    await t.database.db.insert(appointments).values({
      territoryId: booking.territoryId,
      placeId: ids["Mairie de Pompaire"]!,
      mediatorId: booking.mediatorId,
      motifId: motifA,
      startsAt: new Date("2027-03-03T08:00:00Z"),
      endsAt: new Date("2027-03-03T08:30:00Z"),
      bookedBy: "agent",
    });
    const html = (await get(`/lieux/${ids["Mairie de Pompaire"]}`)).body;
    expect(html).not.toContain("debut=2027-03-03T08%3A00%3A00.000Z");
    expect(html).toContain("debut=2027-03-03T08%3A30%3A00.000Z");
    const list = await search({ ou: "Pompaire", tri: "creneau" });
    expect(list).toContain("mercredi 3 mars à 9\u00a0h\u00a030");
  });

  it("answers 404 for an unpublished place or an unknown id", async () => {
    expect((await get(`/lieux/${ids["Lieu caché de Parthenay"]}`)).statusCode).toBe(404);
    expect((await get("/lieux/999999")).statusCode).toBe(404);
    expect((await get("/lieux/abc")).statusCode).toBe(404);
  });
});

describe.each(engines)("finder cache on %s", (engine) => {
  let t: TestApp;
  let territoryId = 0;
  beforeAll(async () => {
    t = await createTestApp(engine, { config: { finderCacheSeconds: 30 } });
    territoryId = (await makeTerritory(t.database)).id;
    await makePlace(t.database, { territoryId, record: lieuRecord({ nom: "Médiathèque de Parthenay", ...parthenay }) });
  });
  afterAll(() => t.close());

  const names = async () => {
    const response = await t.app.inject({ method: "GET", url: "/lieux?ou=Parthenay&tri=distance" });
    expect(response.statusCode).toBe(200);
    return resultNames(response.body);
  };

  it("serves a repeated search from memory for 30 seconds at most", async () => {
    expect(await names()).toEqual(["Médiathèque de Parthenay"]);
    // Published by another process (an import from the command line): this one cannot know before the entry expires.
    await makePlace(t.database, { territoryId, record: lieuRecord({ nom: "France Services de Parthenay", ...parthenay }) });
    expect(await names()).toEqual(["Médiathèque de Parthenay"]);
    t.clock.set(new Date(t.clock().getTime() + 29_000));
    expect(await names()).toEqual(["Médiathèque de Parthenay"]);
    t.clock.set(new Date(t.clock().getTime() + 1_000));
    expect((await names()).sort()).toEqual(["France Services de Parthenay", "Médiathèque de Parthenay"]);
  });

  it("keeps one page for visitors without an account, and never gives it to a signed-in person (nor theirs to others)", async () => {
    const url = "/lieux?ou=Parthenay&tri=distance";
    const anonymous = await t.app.inject({ method: "GET", url });
    const userId = await makeUser(t.database, { email: `agente-${engine}@parthenay.fr` });
    const client = await new TestClient(t.app).signInAs(t, userId);
    const signedIn = await client.get(url);
    expect(signedIn.body).toContain(`agente-${engine}@parthenay.fr`);
    expect(signedIn.body).toContain("Se déconnecter");
    const again = await t.app.inject({ method: "GET", url });
    expect(again.body).toBe(anonymous.body);
    expect(again.body).not.toContain("agente-");
    expect(again.body).not.toContain('name="_csrf"');
    expect(again.headers["set-cookie"]).toBeUndefined();
  });

  it("sends the kept page compressed to browsers that accept gzip, and the same page plain to others", async () => {
    const url = "/lieux?ou=Parthenay&tri=distance&page=1";
    const plain = await t.app.inject({ method: "GET", url });
    const compressed = await t.app.inject({ method: "GET", url, headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(compressed.headers["content-encoding"]).toBe("gzip");
    expect(compressed.headers.vary).toContain("accept-encoding");
    expect(gunzipSync(compressed.rawPayload).toString("utf8")).toBe(plain.body);
    const refused = await t.app.inject({ method: "GET", url, headers: { "accept-encoding": "gzip;q=0, identity" } });
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(refused.body).toBe(plain.body);
  });

  it("forgets every search as soon as a write request succeeds here, and not when one fails", async () => {
    await names();
    await makePlace(t.database, { territoryId, record: lieuRecord({ nom: "Mairie de Parthenay", ...parthenay }) });
    const client = new TestClient(t.app);
    const refused = await client.post("/connexion", { email: "pas-une-adresse" });
    expect(refused.statusCode).toBe(400);
    expect(await names()).not.toContain("Mairie de Parthenay");
    const accepted = await client.post("/connexion", { email: "agent@example.org" });
    expect(accepted.statusCode).toBe(200);
    expect(await names()).toContain("Mairie de Parthenay");
  });
});

describe.each(engines)("finder slots kept between searches on %s", (engine) => {
  let t: TestApp;
  let place = { territoryId: 0, placeId: 0, mediatorId: 0, motifId: 0 };
  beforeAll(async () => {
    // Tuesday 2 March 2027, 10:00 in Paris; the mediator works Wednesday mornings.
    t = await createTestApp(engine, { config: { finderCacheSeconds: 30 }, now: new Date("2027-03-02T09:00:00Z") });
    const { id: territoryId } = await makeTerritory(t.database);
    const { id: placeId } = await makePlace(t.database, { territoryId, record: lieuRecord({ nom: "Mairie de Pompaire", ...pompaire }) });
    const { id: motifId } = await makeMotif(t.database, { territoryId });
    const { id: mediatorId } = await makeMediator(t.database, { territoryId, placeIds: [placeId] });
    await makePlage(t.database, { territoryId, mediatorId, placeId, weekdays: [3] });
    place = { territoryId, placeId, mediatorId, motifId };
  });
  afterAll(() => t.close());

  const slotShown = async (url: string) => {
    const response = await t.app.inject({ method: "GET", url });
    expect(response.statusCode).toBe(200);
    return /mercredi 3 mars à [^<]+/.exec(response.body)?.[0];
  };
  const book = (start: string) =>
    t.database.db.insert(appointments).values({ ...place, startsAt: new Date(start), endsAt: new Date(new Date(start).getTime() + 1_800_000), bookedBy: "agent" });

  it("shows a place's next slot found by an earlier search, for 30 seconds at most, and afresh after a change seen here", async () => {
    expect(await slotShown("/lieux?ou=Pompaire&tri=distance")).toBe("mercredi 3 mars à 9\u00a0h");
    // Booked by another process: a new search (not kept yet) still shows the slot kept with the place.
    await book("2027-03-03T08:00:00Z");
    expect(await slotShown("/lieux?ou=Pompaire&tri=creneau")).toBe("mercredi 3 mars à 9\u00a0h");
    t.clock.set(new Date(t.clock().getTime() + 30_000));
    expect(await slotShown("/lieux?ou=79200&tri=distance")).toBe("mercredi 3 mars à 9\u00a0h\u00a030");
    // Booked here (a write request): every kept slot goes at once.
    await book("2027-03-03T08:30:00Z");
    await new TestClient(t.app).post("/connexion", { email: "agent@example.org" });
    expect(await slotShown("/lieux?ou=79200&tri=creneau")).toBe("mercredi 3 mars à 10\u00a0h");
  });
});

describe.each(engines)("finder filters among many places on %s", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
    const { id: territoryId } = await makeTerritory(t.database);
    // 90 places around Parthenay without the need asked for, then one 30 km away that meets it.
    for (let i = 0; i < 90; i++) {
      const near = { ...parthenay, latitude: 46.6486 + (i % 10) / 500, longitude: -0.2471 + Math.floor(i / 10) / 500 };
      await makePlace(t.database, { territoryId, record: lieuRecord({ nom: `Point ${i} de Parthenay`, ...near, services: ["Aide aux démarches administratives"] } as Fields) });
    }
    await makePlace(t.database, { territoryId, record: lieuRecord({ nom: "Atelier parentalité de Niort", ...niort, services: ["Parentalité et éducation avec le numérique"] } as Fields) });
  });
  afterAll(() => t.close());

  it("finds the nearest place meeting a need even when many nearer places do not", async () => {
    const query = new URLSearchParams({ ou: "Parthenay", besoin: "Parentalité et éducation avec le numérique", tri: "distance" });
    const response = await t.app.inject({ method: "GET", url: `/lieux?${query.toString()}` });
    expect(resultNames(response.body)).toEqual(["Atelier parentalité de Niort"]);
  });
});
