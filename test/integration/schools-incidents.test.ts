// Incidents: a school referent reports a broken item of their school with a photo; coordinators take it in
// charge and resolve it; the item's state and history follow each step, and e-mails go out at each step.
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { equipmentHistory, equipmentItems, incidents, mails, schoolReferents, schools } from "../../src/db/schema/index.js";
import { createTestApp, makeTerritory, makeUser, TestClient, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

/** The page's text with entities decoded, for plain assertions. */
const plain = (html: string) => html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");

/** A multipart/form-data body built by hand, as a browser sends it (binary file content kept as is). */
function multipart(fields: Record<string, string>, file: { filename: string; type: string; content: Buffer }) {
  const boundary = "----maillage-incident-7MA4YWxkTrZu0gW";
  const chunks: Buffer[] = Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, "utf8"));
  chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`, "utf8"), file.content, Buffer.from(`\r\n--${boundary}--\r\n`, "utf8"));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe.each(engines)("incidents on %s", (engine) => {
  let t: TestApp;
  let code: string;
  let territoryId: number;
  let referent: TestClient;
  let otherReferent: TestClient;
  let coordinator: TestClient;
  let referentEmail: string;
  let coordinatorEmail: string;
  let items: Record<"screen" | "laptop" | "printer" | "foreign", number>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const territory = await makeTerritory(t.database);
    ({ code, id: territoryId } = territory);
    const [lilas, parc] = await t.database.db
      .insert(schools)
      .values([
        { territoryId, uai: "0790001A", name: "École des Lilas", communeInsee: "99000" },
        { territoryId, uai: "0790002B", name: "École du Parc", communeInsee: "99000" },
      ])
      .returning({ id: schools.id });
    const item = async (schoolId: number, category: string, inventoryNumber: string) =>
      (await t.database.db.insert(equipmentItems).values({ territoryId, schoolId, category, inventoryNumber, model: "Modèle X" }).returning({ id: equipmentItems.id }))[0]!.id;
    items = {
      screen: await item(lilas!.id, "ecran_interactif", "LIL-001"),
      laptop: await item(lilas!.id, "ordinateur_portable_enseignant", "LIL-002"),
      printer: await item(lilas!.id, "imprimante_reseau", "LIL-003"),
      foreign: await item(parc!.id, "tablette", "PARC-SECRET-001"),
    };
    referentEmail = `directrice-lilas-${engine}@exemple.fr`;
    coordinatorEmail = `coordination-incidents-${engine}@exemple.fr`;
    const referentId = await makeUser(t.database, { email: referentEmail, territoryId, roles: ["school_referent"] });
    const otherId = await makeUser(t.database, { email: `directeur-parc-${engine}@exemple.fr`, territoryId, roles: ["school_referent"] });
    await t.database.db.insert(schoolReferents).values([
      { territoryId, schoolId: lilas!.id, userId: referentId },
      { territoryId, schoolId: parc!.id, userId: otherId },
    ]);
    referent = await new TestClient(t.app).signInAs(t, referentId);
    otherReferent = await new TestClient(t.app).signInAs(t, otherId);
    coordinator = await new TestClient(t.app).signInAs(t, await makeUser(t.database, { email: coordinatorEmail, territoryId, roles: ["coordinator"] }));
  });
  afterAll(() => t.close());

  const url = (path: string) => `/t/${code}/incidents${path}`;

  /** Posts the report form as the browser does: multipart, the CSRF token as the form's first field. */
  async function report(client: TestClient, fields: Record<string, string>, file = { filename: "", type: "application/octet-stream", content: Buffer.alloc(0) }, token?: string) {
    const form = await client.get(url("/nouveau"));
    const formToken = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const body = multipart({ _csrf: token ?? formToken, ...fields }, file);
    const cookie = `maillage_session=${client.cookie("maillage_session")}; maillage_csrf=${client.cookie("maillage_csrf")}`;
    return t.app.inject({ method: "POST", url: url(""), payload: body.payload, headers: { cookie, "content-type": body.contentType } });
  }

  const itemState = async (id: number) => (await t.database.db.select({ state: equipmentItems.state }).from(equipmentItems).where(eq(equipmentItems.id, id)))[0]!.state;
  const mailsFor = async (incidentKind: string) =>
    t.database.db.select({ to: mails.toAddress, subject: mails.subject, text: mails.textBody }).from(mails).where(and(eq(mails.territoryId, territoryId), eq(mails.kind, incidentKind))).orderBy(asc(mails.id));

  it("shows a referent the items of their own school only", async () => {
    const form = plain((await referent.get(url("/nouveau"))).body);
    expect(form).toContain("LIL-001");
    expect(form).toContain('enctype="multipart/form-data"');
    expect(form).not.toContain("PARC-SECRET-001");
  });

  it("opens the form from an item's page on that item's school, for a coordinator who sees every school", async () => {
    const form = plain((await coordinator.get(url(`/nouveau?equipement=${items.laptop}`))).body);
    expect(form).toContain("Équipement en panne à l'école des Lilas");
    expect(form).toContain(`<option value="${items.laptop}" selected>`);
    expect(plain((await coordinator.get(url("/nouveau"))).body)).not.toContain("Équipement en panne à l'école");
  });

  it("records a report with its photo: the item goes en panne, its history says so, the reporter and coordinators are told", async () => {
    const response = await report(referent, { ecole: "", itemId: String(items.screen), description: "L'écran reste noir depuis lundi." }, { filename: "ecran.png", type: "image/png", content: PNG });
    expect(response.statusCode).toBe(303);
    const incidentId = Number(/\/incidents\/(\d+)\?fait=signalement$/.exec(response.headers.location as string)![1]);
    const [row] = await t.database.db.select().from(incidents).where(eq(incidents.id, incidentId));
    expect(row).toMatchObject({ territoryId, itemId: items.screen, status: "nouveau", photoType: "image/png", description: "L'écran reste noir depuis lundi." });
    expect(Buffer.from(row!.photo!).equals(PNG)).toBe(true);
    expect(await itemState(items.screen)).toBe("en_panne");
    const history = await t.database.db.select({ change: equipmentHistory.change, actor: equipmentHistory.actorLabel }).from(equipmentHistory).where(eq(equipmentHistory.itemId, items.screen));
    expect(history).toEqual([{ actor: referentEmail, change: { action: "etat", source: "web", etat: ["en_service", "en_panne"], incident: incidentId, statut: "nouveau" } }]);
    expect((await mailsFor("incident.signale")).map((m) => m.to)).toEqual([referentEmail]);
    const toCoordinators = await mailsFor("incident.nouveau");
    expect(toCoordinators.map((m) => m.to)).toEqual([coordinatorEmail]);
    expect(toCoordinators[0]!.subject).toBe("Nouvel incident à l'école des Lilas : Écran numérique interactif n° LIL-001");
    expect(toCoordinators[0]!.text).toContain(`http://maillage.test/t/${code}/incidents/${incidentId}`);

    const photo = await referent.get(url(`/${incidentId}/photo`));
    expect(photo.statusCode).toBe(200);
    expect(photo.headers["content-type"]).toBe("image/png");
    expect(photo.headers["x-content-type-options"]).toBe("nosniff");
    expect(photo.rawPayload.equals(PNG)).toBe(true);
    const page = plain((await referent.get(url(`/${incidentId}`))).body);
    expect(page).toContain(`src="/t/${code}/incidents/${incidentId}/photo"`);
    expect(page).not.toContain("Prendre en charge");
  });

  it("keeps another school's referent out of the incident and its photo", async () => {
    const [row] = await t.database.db.select({ id: incidents.id }).from(incidents).where(eq(incidents.itemId, items.screen));
    expect((await otherReferent.get(url(`/${row!.id}`))).statusCode).toBe(404);
    expect((await otherReferent.get(url(`/${row!.id}/photo`))).statusCode).toBe(404);
    expect(plain((await otherReferent.get(url(""))).body)).not.toContain("LIL-001");
    expect(plain((await referent.get(url(""))).body)).toContain("LIL-001");
    const refused = await report(otherReferent, { itemId: String(items.laptop), description: "Pas mon école" });
    expect(refused.statusCode).toBe(400);
    expect(await itemState(items.laptop)).toBe("en_service");
  });

  it("refuses a file that is not an image, a photo over 5 MB, and a second open incident on the same item", async () => {
    const fake = await report(referent, { itemId: String(items.laptop), description: "Ne démarre plus" }, { filename: "virus.png", type: "image/png", content: Buffer.from("<script>alert(1)</script>") });
    expect(fake.statusCode).toBe(400);
    expect(plain(fake.body)).toContain("La photo doit être une image JPEG, PNG ou WebP");
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1_048_576 + 10)]);
    const tooBig = await report(referent, { itemId: String(items.laptop), description: "Ne démarre plus" }, { filename: "grosse.png", type: "image/png", content: big });
    expect(tooBig.statusCode).toBe(400);
    expect(plain(tooBig.body)).toContain("La photo dépasse 5 Mo");
    expect(plain(tooBig.body)).toContain("Ne démarre plus");
    const twice = await report(referent, { itemId: String(items.screen), description: "Toujours noir" });
    expect(twice.statusCode).toBe(400);
    expect(plain(twice.body)).toMatch(/Un incident est déjà ouvert pour cet équipement \(n° \d+\)/);
    expect(await t.database.db.select({ id: incidents.id }).from(incidents).where(eq(incidents.itemId, items.laptop))).toEqual([]);
  });

  it("follows an incident: in progress puts the item under repair, resolved retires it when chosen, the reporter is told each time", async () => {
    const [row] = await t.database.db.select({ id: incidents.id }).from(incidents).where(eq(incidents.itemId, items.screen));
    const id = row!.id;
    expect((await referent.post(url(`/${id}/prise-en-charge`))).statusCode).toBe(403);
    expect((await coordinator.post(url(`/${id}/prise-en-charge`))).statusCode).toBe(303);
    expect(await itemState(items.screen)).toBe("en_reparation");
    expect((await mailsFor("incident.en_cours")).map((m) => [m.to, m.subject])).toEqual([[referentEmail, "Incident pris en charge : Écran numérique interactif n° LIL-001"]]);
    expect((await coordinator.post(url(`/${id}/resolution`), { outcome: "", resolution: "" })).statusCode).toBe(400);
    expect((await coordinator.post(url(`/${id}/resolution`), { outcome: "reforme", resolution: "Dalle cassée, remplacement prévu au plan." })).statusCode).toBe(303);
    expect(await itemState(items.screen)).toBe("reforme");
    const [done] = await t.database.db.select({ status: incidents.status, resolution: incidents.resolution }).from(incidents).where(eq(incidents.id, id));
    expect(done).toEqual({ status: "resolu", resolution: "Dalle cassée, remplacement prévu au plan." });
    const resolved = await mailsFor("incident.resolu");
    expect(resolved.map((m) => m.to)).toEqual([referentEmail]);
    expect(resolved[0]!.text).toContain("Irréparable : l'équipement est réformé.");
    expect(resolved[0]!.text).toContain("Dalle cassée, remplacement prévu au plan.");
    const history = await t.database.db.select({ change: equipmentHistory.change }).from(equipmentHistory).where(eq(equipmentHistory.itemId, items.screen)).orderBy(asc(equipmentHistory.id));
    expect(history.map((h) => h.change.etat)).toEqual([["en_service", "en_panne"], ["en_panne", "en_reparation"], ["en_reparation", "reforme"]]);
    // A resolved incident cannot move again.
    expect((await coordinator.post(url(`/${id}/prise-en-charge`))).statusCode).toBe(303);
    expect(await itemState(items.screen)).toBe("reforme");
    const page = plain((await referent.get(url(`/${id}`))).body);
    expect(page).toContain("Résolu");
    expect(page).toContain("Dalle cassée");
  });

  it("keeps the CSRF token out of the form's address, and refuses a report without a valid one", async () => {
    const form = await referent.get(url("/nouveau"));
    expect(form.body).toMatch(new RegExp(`<form method="post" action="${url("")}" enctype="multipart/form-data"`));
    expect(form.body).not.toMatch(/action="[^"]*_csrf/);
    const forged = await report(referent, { itemId: String(items.laptop), description: "Sans jeton" }, undefined, "jeton-invalide");
    expect(forged.statusCode).toBe(419);
    const failed = await report(referent, { itemId: "", description: "Oublié l'équipement" });
    expect(failed.statusCode).toBe(400);
    expect(failed.body).toContain("Oublié l'équipement");
    expect(await t.database.db.select().from(incidents).where(eq(incidents.description, "Sans jeton"))).toHaveLength(0);
  });

  it("takes a report when the referent does not know which item: described in words, no item state changed", async () => {
    const form = await referent.get(url("/nouveau"));
    expect(form.body).toContain('<option value="inconnu">Je ne sais pas lequel</option>');
    const before = await Promise.all([items.screen, items.laptop].map(itemState));
    const noSchool = await report(coordinator, { ecole: "", itemId: "inconnu", description: "Un vidéoprojecteur" });
    expect(noSchool.statusCode).toBe(400);
    expect(noSchool.body).toContain("Choisissez d'abord l'école");
    const school = /name="ecole" value="(\d+)"/.exec(form.body)![1]!;
    const response = await report(referent, { ecole: school, itemId: "inconnu", description: "Le vidéoprojecteur de la salle 2 clignote." });
    expect(response.statusCode).toBe(303);
    const id = Number(/\/incidents\/(\d+)\?/.exec(response.headers.location as string)![1]);
    const [row] = await t.database.db.select().from(incidents).where(eq(incidents.id, id));
    expect(row).toMatchObject({ itemId: null, itemUnspecified: true, status: "nouveau" });
    expect(await Promise.all([items.screen, items.laptop].map(itemState))).toEqual(before);
    expect(plain((await coordinator.get(url(`/${id}`))).body)).toContain("Équipement non précisé (voir la description)");
    const [notice] = (await mailsFor("incident.nouveau")).filter((m) => m.text.includes("salle 2"));
    expect(notice!.subject).toBe("Nouvel incident à l'école des Lilas : équipement non précisé");
    expect((await coordinator.post(url(`/${id}/prise-en-charge`), {})).statusCode).toBe(303);
  });

  it("reports without a photo and puts a repaired item back in service", async () => {
    const response = await report(referent, { itemId: String(items.printer), description: "Bourrage papier permanent" });
    expect(response.statusCode).toBe(303);
    const id = Number(/\/incidents\/(\d+)\?/.exec(response.headers.location as string)![1]);
    const [row] = await t.database.db.select({ photo: incidents.photo }).from(incidents).where(eq(incidents.id, id));
    expect(row!.photo).toBeNull();
    expect((await referent.get(url(`/${id}/photo`))).statusCode).toBe(404);
    expect(await itemState(items.printer)).toBe("en_panne");
    expect((await coordinator.post(url(`/${id}/resolution`), { outcome: "en_service", resolution: "Rouleau changé." })).statusCode).toBe(303);
    expect(await itemState(items.printer)).toBe("en_service");
    const list = plain((await coordinator.get(url("?statut=resolu"))).body);
    expect(list).toContain("LIL-003");
    expect(plain((await coordinator.get(url("?statut=nouveau"))).body)).not.toContain("LIL-003");
  });
});
