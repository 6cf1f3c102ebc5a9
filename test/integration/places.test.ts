// The places back-office: who may read and change places, the form in the standard, hours in plain French.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, places } from "../../src/db/schema/index.js";
import { createTestApp, makeTerritory, makeUser, TestClient, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";
import { lieuRecord, makePlace } from "../support/inclusion.js";

const validForm = {
  id: "",
  nom: "Espace numérique de la mairie",
  pivot: "217 902 027 00019",
  adresse: "2 rue de la Citadelle",
  code_postal: "79200",
  commune: "Parthenay",
  code_insee: "79202",
  latitude: "46,6486",
  longitude: "-0.2475",
  telephone: "05 49 94 60 10",
  courriels: "numerique@parthenay.fr\naccueil@parthenay.fr",
  horaires: "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00",
  services: ["Aide aux démarches administratives", "Accès internet et matériel informatique"],
  frais_a_charge: "Gratuit",
  modalites_acces: ["Se présenter", "Ce lieu n'accueille pas de public"],
  typologie: ["MUNI", "EPN"],
  published: "oui",
};

describe.each(engines)("places back-office on %s", (engine) => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof makeTerritory>>;
  let coordinator: TestClient;
  let mediator: TestClient;
  let outsider: TestClient;
  let placeId: number;

  beforeAll(async () => {
    t = await createTestApp(engine);
    territory = await makeTerritory(t.database);
    const other = await makeTerritory(t.database);
    coordinator = await new TestClient(t.app).signInAs(t, await makeUser(t.database, { email: `coord-${engine}@lieux.fr`, territoryId: territory.id, roles: ["coordinator"] }));
    mediator = await new TestClient(t.app).signInAs(t, await makeUser(t.database, { email: `med-${engine}@lieux.fr`, territoryId: territory.id, roles: ["mediator"] }));
    outsider = await new TestClient(t.app).signInAs(t, await makeUser(t.database, { email: `coord-${engine}@ailleurs.fr`, territoryId: other.id, roles: ["coordinator"] }));
    placeId = (await makePlace(t.database, { territoryId: territory.id, record: lieuRecord({ id: `bo-${engine}`, nom: "Médiathèque Secrète" }) })).id;
  });
  afterAll(() => t.close());

  it("lets a coordinator create a place with every kind of field, and records it in the standard", async () => {
    await coordinator.get(`/t/${territory.code}/lieux/nouveau`);
    const response = await coordinator.post(`/t/${territory.code}/lieux/nouveau`, validForm);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/t/${territory.code}/lieux?fait=cree`);
    const [row] = await t.database.db.select().from(places).where(eq(places.nom, validForm.nom));
    expect(row!.record).toMatchObject({
      pivot: "21790202700019",
      latitude: 46.6486,
      telephone: "+33549946010",
      courriels: ["numerique@parthenay.fr", "accueil@parthenay.fr"],
      services: validForm.services,
      modalites_acces: ["Se présenter", "Ce lieu n'accueille pas de public"],
      date_maj: "2027-03-02",
    });
    expect(row!.record.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(row!.services).toEqual(validForm.services);
    const list = await coordinator.get(`/t/${territory.code}/lieux?recherche=${encodeURIComponent("espace NUMERIQUE")}`);
    expect(list.body).toContain(validForm.nom);
    expect(list.body).not.toContain("Médiathèque Secrète");
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, "place.create"));
    expect(audit.length).toBeGreaterThan(0);
  });

  it("shows every field of the standard with the package's values, and the hours in plain French", async () => {
    const page = await coordinator.get(`/t/${territory.code}/lieux/${placeId}`);
    expect(page.statusCode).toBe(200);
    for (const name of ["pivot", "typologie", "itinerance", "presentation_resume", "publics_specifiquement_adresses", "dispositif_programmes_nationaux", "formations_labels", "autres_formations_labels", "fiche_acces_libre", "prise_rdv", "structure_parente", "source"]) {
      expect(page.body, name).toContain(`name="${name}"`);
    }
    expect(page.body).toContain("value=\"Ce lieu n'accueille pas de public\"");
    expect(page.body).toContain('value="Langues étrangères (anglais)"');
    // 2027-03-02 09:00 UTC is a Tuesday, 10:00 in Paris: open 9:00–12:00.
    expect(page.body).toMatch(/class="govuk-tag[^"]*">Ouvert<\/strong> (jusqu|24)/);
    expect(page.body).toMatch(/Mardi \(aujourd'hui\)<\/dt><dd class="govuk-summary-list__value">9\u00a0h – 12\u00a0h et 14\u00a0h – 17\u00a0h\u00a030/);
    expect(page.body).toContain("Samedi</dt><dd class=\"govuk-summary-list__value\">Fermé");
  });

  it("keeps what was typed and lists the errors of the standard in the error summary", async () => {
    const response = await coordinator.post(`/t/${territory.code}/lieux/${placeId}`, { ...validForm, code_postal: "7920", services: [], horaires: "tous les jours" });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("govuk-error-summary");
    expect(response.body).toContain('href="#champ-code_postal"');
    expect(response.body).toContain("Code postal\u00a0: «\u00a07920\u00a0» n'est pas un code postal (5 chiffres)");
    expect(response.body).toContain("Cochez au moins un service proposé");
    expect(response.body).toContain('href="#champ-horaires"');
    expect(response.body).toContain('value="tous les jours"');
    expect(response.body).toContain('value="Parthenay"');
    expect(response.body).toMatch(/<title>Erreur : /);
  });

  it("lets a coordinator edit, unpublish and publish again a place", async () => {
    const saved = await coordinator.post(`/t/${territory.code}/lieux/${placeId}`, { ...validForm, nom: "Médiathèque renommée", published: "non" });
    expect(saved.statusCode).toBe(303);
    const [row] = await t.database.db.select().from(places).where(eq(places.id, placeId));
    expect(row).toMatchObject({ nom: "Médiathèque renommée", published: false, standardId: `bo-${engine}` });
    expect(row!.record.id).toBe(`bo-${engine}`);
    expect((await coordinator.post(`/t/${territory.code}/lieux/${placeId}/publication`, { published: "oui" })).statusCode).toBe(303);
    const [after] = await t.database.db.select({ published: places.published }).from(places).where(eq(places.id, placeId));
    expect(after!.published).toBe(true);
  });

  it("lets a mediator read places but not change them (403)", async () => {
    expect((await mediator.get(`/t/${territory.code}/lieux`)).statusCode).toBe(200);
    const page = await mediator.get(`/t/${territory.code}/lieux/${placeId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('name="nom"');
    expect(page.body).toMatch(/class="govuk-tag[^"]*">Ouvert<\/strong> (jusqu|24)/);
    expect((await mediator.post(`/t/${territory.code}/lieux/${placeId}`, validForm)).statusCode).toBe(403);
    expect((await mediator.post(`/t/${territory.code}/lieux/nouveau`, validForm)).statusCode).toBe(403);
    expect((await mediator.post(`/t/${territory.code}/lieux/${placeId}/publication`, { published: "non" })).statusCode).toBe(403);
    expect((await mediator.get(`/t/${territory.code}/lieux/import`)).statusCode).toBe(403);
    expect((await mediator.get(`/t/${territory.code}/lieux/nouveau`)).statusCode).toBe(403);
  });

  it("gives a coordinator of another territory a 404 on this territory's places", async () => {
    for (const url of [`/t/${territory.code}/lieux`, `/t/${territory.code}/lieux/${placeId}`, `/t/${territory.code}/lieux/export.csv`]) {
      const response = await outsider.get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.body).not.toContain("Médiathèque");
    }
    expect((await outsider.post(`/t/${territory.code}/lieux/${placeId}`, validForm)).statusCode).toBe(404);
  });

  it("downloads the territory's places in the standard's CSV and JSON, and in data.inclusion", async () => {
    const csv = await mediator.get(`/t/${territory.code}/lieux/export.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-disposition"]).toMatch(/^attachment; filename="lieux-.+\.csv"$/);
    expect(csv.body.split("\n")[0]).toMatch(/^id,pivot,nom,commune,code_postal,code_insee,adresse,/);
    expect(csv.body.trimEnd().split("\n")).toHaveLength(3);
    const json = (await mediator.get(`/t/${territory.code}/lieux/export.json`)).json() as unknown[];
    expect(json).toHaveLength(2);
    const inclusion = (await mediator.get(`/t/${territory.code}/lieux/export-data-inclusion.json`)).json() as { structures: unknown[] };
    expect(inclusion.structures).toHaveLength(2);
  });
});
