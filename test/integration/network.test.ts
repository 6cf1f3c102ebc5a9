// The network between territories, end to end over HTTP on both engines: sheets shared and found in French,
// drafts kept at home, public open data without contacts, the import's line-numbered errors, a motion through
// every phase with two territories, the adopted DOCX read back, a partner's answer on the public follow-up page.
import mammoth from "mammoth";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/client.js";
import { withNetwork, withTenant } from "../../src/db/tenant.js";
import { importSheets } from "../../src/modules/network/import-export/sheets-import.js";
import { castVote } from "../../src/modules/network/motions.commands.js";
import { sendWeeklyDigest } from "../../src/modules/network/network.digest.js";
import { createTestApp, testActor, testEpoch, TestClient, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";
import { makeFacilitator, makeMemberTerritory, makePartner, type NetworkMember } from "../support/network.js";

const sheetForm = (over: Record<string, string | string[]> = {}) => ({
  titre: "Des écoles numériques en milieu rural",
  resume: "Équiper les écoles élémentaires des petites communes et former leurs enseignants.",
  texte: "Nous avons équipé douze écoles rurales de classes mobiles.",
  themes: ["education"],
  annee: "2026",
  budget_euros: "48 000",
  partenaires: "Académie de Poitiers",
  contact: "Contact-Secret numerique@cc.example.fr",
  visibilite: "brouillon",
  ...over,
});

describe.each(engines)("network between territories on %s", (engine) => {
  let t: TestApp;
  let a: NetworkMember;
  let b: NetworkMember;
  let outsider: NetworkMember;
  let facilitatorId: number;
  const client = async (userId: number) => new TestClient(t.app).signInAs(t, userId);

  beforeAll(async () => {
    t = await createTestApp(engine);
    a = await makeMemberTerritory(t, { name: "Gâtine-Réseau" });
    b = await makeMemberTerritory(t, { name: "Bocage-Réseau", delegates: 2 });
    outsider = await makeMemberTerritory(t, { name: "Hors-Réseau", join: false });
    facilitatorId = await makeFacilitator(t);
  });
  afterAll(() => t.close());

  it("answers « page introuvable », never an error, for a number that cannot be an id on any network page", async () => {
    const routes = t.app.routeTable.filter((r) => r.method === "GET" && (r.url.startsWith("/reseau") || r.url.startsWith("/t/:code/reseau")) && r.url.includes("/:"));
    expect(routes.length).toBeGreaterThan(5);
    const [member, facilitator] = await Promise.all([client(a.coordinatorId), client(facilitatorId)]);
    for (const route of routes) {
      for (const id of ["abc", "0", "99999999999", "1.5"]) {
        const url = route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => (name === "code" ? a.code : id));
        for (const [who, c] of [["member", member], ["facilitator", facilitator]] as const) {
          const response = await c.get(url);
          expect({ route: route.url, id, who, status: response.statusCode }).toEqual({ route: route.url, id, who, status: expect.toSatisfy((s: number) => s < 500) });
        }
      }
    }
  });

  it("keeps a draft at home, shares it with members who find it by other word forms, and publishes it without its contact", async () => {
    const coordA = await client(a.coordinatorId);
    const created = await coordA.post(`/t/${a.code}/reseau/fiches/nouvelle`, sheetForm());
    expect(created.statusCode).toBe(303);
    const sheetUrl = created.headers.location!.replace(/\?.*/, "");
    const id = Number(/fiches\/(\d+)/.exec(sheetUrl)![1]);
    const electedB = await client(b.electedId);
    const search = (c: TestClient, q: string) => c.get(`/t/${b.code}/reseau?q=${encodeURIComponent(q)}`);
    // A draft: the other member finds nothing and cannot open it, even by its number.
    expect((await search(electedB, "école numérique rurale")).body).toContain("Aucune fiche ne correspond");
    expect((await electedB.get(`/t/${b.code}/reseau/fiches/${id}`)).statusCode).toBe(404);
    // Shared: found by singular, unaccented and different forms, the matched words highlighted.
    const form = await coordA.get(`/t/${a.code}/reseau/fiches/${id}/modifier`);
    expect(form.body).toContain("Des écoles numériques en milieu rural");
    expect((await coordA.post(`/t/${a.code}/reseau/fiches/${id}/modifier`, sheetForm({ visibilite: "reseau" }))).statusCode).toBe(303);
    for (const q of ["école numérique rurale", "ecole numerique", "ÉCOLES rurales"]) {
      const body = (await search(electedB, q)).body;
      expect(body, q).toContain("1 fiche trouvée");
      expect(body, q).toContain("Des écoles numériques en milieu rural");
    }
    expect((await search(electedB, "écoles")).body).toMatch(/<mark>écoles<\/mark>/);
    const seenByB = await electedB.get(`/t/${b.code}/reseau/fiches/${id}`);
    expect(seenByB.body).toContain("Contact-Secret");
    // Not public yet; a territory outside the network sees nothing of it.
    expect((await t.app.inject({ url: `/reseau/fiches/${id}` })).statusCode).toBe(404);
    const out = await client(outsider.coordinatorId);
    const outPage = await out.get(`/t/${outsider.code}/reseau?q=ecole`);
    expect(outPage.statusCode).toBe(403);
    expect(outPage.body).toContain("n'est pas membre du réseau");
    expect(outPage.body).not.toContain("Des écoles numériques");
    // Public: the page, the API and the feed, never the contact.
    await coordA.post(`/t/${a.code}/reseau/fiches/${id}/modifier`, sheetForm({ visibilite: "public" }));
    const page = await t.app.inject({ url: `/reseau/fiches/${id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain("Contact-Secret");
    const api = await t.app.inject({ url: "/api/v1/experiences?q=numerique%20rural" });
    expect(api.json()).toEqual({ items: [{ id, titre: "Des écoles numériques en milieu rural", resume: expect.any(String), territoire: "Gâtine-Réseau", themes: ["education"], annee: 2026, url: `http://maillage.test/reseau/fiches/${id}` }], total: 1 });
    expect(api.body).not.toContain("Contact-Secret");
    const atom = await t.app.inject({ url: "/reseau/fiches.atom" });
    expect(atom.headers["content-type"]).toContain("application/atom+xml");
    expect(atom.body).toContain("<title type=\"html\"><![CDATA[Des écoles numériques en milieu rural]]></title>");
    expect(atom.body).not.toContain("Contact-Secret");
    expect((await t.app.inject({ url: "/api/v1/experiences?par_page=0" })).statusCode).toBe(400);
  });

  it("lets members ask the author territory, mark « nous l'avons fait aussi », and e-mails the author", async () => {
    const id = (await queryRows<{ id: number }>(t.database.db, sql`select id from experience_sheets where territory_id = ${a.id} order by id limit 1`))[0]!.id;
    const electedB = await client(b.electedId);
    expect((await electedB.post(`/t/${b.code}/reseau/fiches/${id}/questions`, { question: "Combien de classes mobiles par école ?" })).statusCode).toBe(303);
    expect((await electedB.post(`/t/${b.code}/reseau/fiches/${id}/marque`, { marque: "oui" })).statusCode).toBe(303);
    const page = (await electedB.get(`/t/${b.code}/reseau/fiches/${id}`)).body;
    expect(page).toContain("Combien de classes mobiles par école");
    expect(page).toMatch(/Nous l'avons fait aussi<\/h2>\s*<p class="govuk-body">Bocage-Réseau<\/p>/);
    const mails = await queryRows<{ subject: string; to_address: string }>(t.database.db, sql`select subject, to_address from mails where kind = 'network.question'`);
    expect(mails).toEqual([{ subject: "Question de Bocage-Réseau sur votre fiche « Des écoles numériques en milieu rural »", to_address: expect.stringMatching(/^coord-reseau-/) }]);
  });

  it("imports a base of sheets all or nothing, each problem with its line, field and reason", async () => {
    const bad = "titre;resume;texte;themes;annee;budget_euros;partenaires;contact;visibilite\n" + "Tiers-lieu numérique;Un lieu;Texte;mediation;2025;12000;;;reseau\n" + ";Sans titre;;inconnu|education;20x5;douze;;;secret\n";
    const refused = await importSheets(t.database.db, { territoryId: a.id, text: bad, format: "csv", actor: testActor });
    expect(refused.imported).toBe(0);
    expect(refused.errors.map((e) => `${e.line} ${e.field}`)).toEqual(["3 titre", "3 themes", "3 annee", "3 budget_euros", "3 visibilite"]);
    expect(refused.errors[1]!.reason).toContain("inconnu");
    const good = JSON.stringify([{ titre: "Conseillers numériques itinérants", resume: "Un bus", themes: ["mediation"], annee: 2025, budget_euros: 30000, visibilite: "reseau" }, { titre: "Ateliers parents", themes: "education|solidarites" }]);
    const done = await importSheets(t.database.db, { territoryId: a.id, text: good, format: "json", actor: testActor });
    expect(done).toMatchObject({ imported: 2, errors: [] });
    const electedB = await client(b.electedId);
    expect((await electedB.get(`/t/${b.code}/reseau?q=conseiller%20itinerant`)).body).toContain("Conseillers numériques itinérants");
    expect((await electedB.get(`/t/${b.code}/reseau?q=ateliers`)).body).not.toContain("Ateliers parents");
  });

  it("runs a motion through every phase: contributions, text, amendments, one vote per territory, frozen version, DOCX, delivery, answers", async () => {
    const facilitator = await client(facilitatorId);
    const opened = await facilitator.post("/reseau/animation/motions", { titre: "Motion numérique 2027", annee: "2027", description: "", quorum: "50", majorite: "50", echeance: "2027-04-30" });
    expect(opened.statusCode).toBe(303);
    const motionId = Number(/motions\/(\d+)/.exec(opened.headers.location!)![1]);
    const phaseMails = await queryRows<{ subject: string; attachments: { filename: string; content: string }[] }>(t.database.db, sql`select subject, attachments from mails where kind = 'network.phase'`);
    expect(phaseMails.length).toBeGreaterThanOrEqual(6);
    expect(phaseMails[0]!.subject).toBe("Motion numérique 2027 : phase « Contributions » jusqu'au 30 avril 2027");
    expect(Buffer.from(phaseMails[0]!.attachments[0]!.content, "base64").toString()).toContain("DTSTART;VALUE=DATE:20270430");
    const electedA = await client(a.electedId);
    const electedB = await client(b.electedId);
    const motionA = `/t/${a.code}/reseau/motions/${motionId}`;
    const motionB = `/t/${b.code}/reseau/motions/${motionId}`;
    const empty = await electedA.post(`${motionA}/contributions`, { theme: "Éducation", texte: "" });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain("Saisissez votre contribution");
    for (const [c, url, body] of [[electedA, motionA, "Former les enseignants au numérique"], [electedB, motionB, "Financer les équipements des écoles rurales"]] as const) {
      expect((await c.post(`${url}/contributions`, { theme: "Éducation", texte: body })).statusCode).toBe(303);
    }
    const contributionIds = (await queryRows<{ id: number }>(t.database.db, sql`select id from motion_contributions where motion_id = ${motionId} order by id`)).map((r) => r.id);
    await facilitator.post(`/reseau/animation/motions/${motionId}/phase`, { phase: "redaction", echeance: "" });
    expect((await electedA.post(`${motionA}/contributions`, { theme: "Éducation", texte: "Trop tard" })).body).toContain("Les contributions sont closes");
    await facilitator.post(`/reseau/animation/motions/${motionId}/sections`, { nature: "preambule", titre: "", texte: "Les territoires réunis demandent à l'État…", contributions: "" });
    await facilitator.post(`/reseau/animation/motions/${motionId}/sections`, { nature: "question", titre: "L'école", texte: "Comment équiper toutes les écoles ?", contributions: "" });
    const unknownContribution = await facilitator.post(`/reseau/animation/motions/${motionId}/sections`, { nature: "proposition", titre: "", texte: "x", contributions: "999999" });
    expect(unknownContribution.body).toContain("Aucune contribution de cette motion ne porte le numéro 999999");
    await facilitator.post(`/reseau/animation/motions/${motionId}/sections`, { nature: "proposition", titre: "", texte: "Former les enseignants au numérique", contributions: contributionIds.join(", ") });
    const [proposal] = await queryRows<{ id: number }>(t.database.db, sql`select id from motion_sections where motion_id = ${motionId} and kind = 'proposition'`);
    await facilitator.post(`/reseau/animation/motions/${motionId}/phase`, { phase: "amendements", echeance: "2027-06-15" });
    // Territory B amends; A sees the word-level difference once it is submitted.
    const amended = await electedB.post(`${motionB}/amendements`, { section: String(proposal!.id), [`nature-${proposal!.id}`]: "remplacer", [`texte-${proposal!.id}`]: "Former tous les enseignants au numérique éducatif", [`justification-${proposal!.id}`]: "Aucune école oubliée" });
    expect(amended.statusCode).toBe(303);
    const seenByA = (await electedA.get(motionA)).body;
    expect(seenByA).toContain("<ins>tous </ins>");
    expect(seenByA).toContain("Aucune école oubliée");
    const [amendment] = await queryRows<{ id: number }>(t.database.db, sql`select id from motion_amendments where motion_id = ${motionId}`);
    const noReason = await facilitator.post(`/reseau/animation/motions/${motionId}/amendements/${amendment!.id}/decision`, { [`decision-${amendment!.id}`]: "rejete", [`raison-${amendment!.id}`]: "" });
    expect(noReason.body).toContain("Donnez la raison du rejet");
    await facilitator.post(`/reseau/animation/motions/${motionId}/amendements/${amendment!.id}/decision`, { [`decision-${amendment!.id}`]: "accepte" });
    await facilitator.post(`/reseau/animation/motions/${motionId}/phase`, { phase: "vote", echeance: "2027-09-30" });
    // Only delegates vote; each territory has one vote, changeable.
    expect((await electedA.post(`${motionA}/votes`, { section: "texte", "choix-texte": "pour" })).statusCode).toBe(403);
    const delegateA = await client(a.delegateIds[0]!);
    const [delegateB1, delegateB2] = [await client(b.delegateIds[0]!), await client(b.delegateIds[1]!)];
    await delegateA.post(`${motionA}/votes`, { section: "texte", "choix-texte": "pour" });
    await delegateA.post(`${motionA}/votes`, { section: String(proposal!.id), [`choix-${proposal!.id}`]: "pour" });
    await delegateB1.post(`${motionB}/votes`, { section: "texte", "choix-texte": "contre" });
    await delegateB2.post(`${motionB}/votes`, { section: "texte", "choix-texte": "pour" });
    await delegateB2.post(`${motionB}/votes`, { section: String(proposal!.id), [`choix-${proposal!.id}`]: "abstention" });
    const votes = await queryRows<{ territory_id: number; section_id: number | null; choice: string }>(t.database.db, sql`select territory_id, section_id, choice from motion_votes where motion_id = ${motionId} order by territory_id, section_id nulls first`);
    expect(votes).toEqual([
      { territory_id: a.id, section_id: null, choice: "pour" },
      { territory_id: a.id, section_id: proposal!.id, choice: "pour" },
      { territory_id: b.id, section_id: null, choice: "pour" },
      { territory_id: b.id, section_id: proposal!.id, choice: "abstention" },
    ]);
    // Adoption freezes a numbered version; its DOCX carries the amended text and the signatories.
    const adopted = await facilitator.post(`/reseau/animation/motions/${motionId}/adopter`, {});
    expect(adopted.statusCode).toBe(303);
    const [version] = await queryRows<{ number: number; content_hash: string; signatories: string[] }>(t.database.db, sql`select number, content_hash, signatories from motion_versions where motion_id = ${motionId}`);
    expect(version).toMatchObject({ number: 1, signatories: ["Bocage-Réseau", "Gâtine-Réseau"] });
    const docx = await t.app.inject({ url: `/reseau/motions/${motionId}/versions/1.docx` });
    expect(docx.headers["content-type"]).toContain("wordprocessingml");
    const docText = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    expect(docText).toContain("Motion numérique 2027");
    expect(docText).toContain("Proposition 1");
    expect(docText).toContain("Former tous les enseignants au numérique éducatif");
    expect(docText).toContain("Bocage-Réseau, Gâtine-Réseau");
    expect(docText).toContain(version!.content_hash);
    const pdf = await t.app.inject({ url: `/reseau/motions/${motionId}/versions/1.pdf` });
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    // A frozen version never changes, even for its owner's connection.
    await expect(t.database.db.execute(sql`update motion_versions set signatories = '{}' where motion_id = ${motionId}`)).rejects.toThrow();
    await facilitator.post(`/reseau/animation/motions/${motionId}/remises`, { destinataire: "Cabinet du Premier ministre", date: "2027-10-10", note: "" });
    // A partner answers; the public follow-up page shows it.
    const partnerId = await makePartner(t, "Ministère de l'Éducation nationale", facilitatorId);
    const partner = await client(partnerId);
    expect((await partner.get("/reseau/partenaire")).body).toContain("Former tous les enseignants");
    const answered = await partner.post("/reseau/partenaire/reponses", { proposition: String(proposal!.id), institution: "Ministère de l'Éducation nationale", date: "2027-11-15", statut: "engagement", resume: "Un plan de formation sera lancé en 2028." });
    expect(answered.statusCode).toBe(303);
    // A second answer comes with the ministry's letter (multipart, the token as the form's first field).
    const token = /name="_csrf" value="([^"]+)"/.exec((await partner.get("/reseau/partenaire")).body)![1]!;
    const boundary = "----maillage-reponse";
    const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const payload = Buffer.concat([
      Buffer.from([part("_csrf", token), part("proposition", String(proposal!.id)), part("institution", "Ministère de l'Éducation nationale"), part("date", "2027-12-01"), part("statut", "mis_en_oeuvre"), part("resume", "Le plan est lancé.")].join("")),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="piece"; filename="courrier.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 courrier\r\n--${boundary}--\r\n`),
    ]);
    const withLetter = await t.app.inject({ method: "POST", url: "/reseau/partenaire/reponses", payload, headers: { cookie: `maillage_session=${partner.cookie("maillage_session")}; maillage_csrf=${partner.cookie("maillage_csrf")}`, "content-type": `multipart/form-data; boundary=${boundary}` } });
    expect(withLetter.statusCode).toBe(303);
    const followUp = (await t.app.inject({ url: "/reseau/suivi" })).body;
    expect(followUp).toContain("Un plan de formation sera lancé en 2028.");
    expect(followUp).toContain("Mis en œuvre");
    const letterUrl = /href="(\/reseau\/reponses\/\d+\/piece)"/.exec(followUp)![1]!;
    expect((await t.app.inject({ url: letterUrl })).body.startsWith("%PDF-")).toBe(true);
    expect(followUp).toContain("Engagement");
    expect(followUp).toContain("remis à Cabinet du Premier ministre le 10/10/2027");
    // A later correction makes a new version; the adopted one stays, and the new one shows what changed.
    expect((await facilitator.post(`/reseau/animation/motions/${motionId}/adopter`, {})).body).toContain("Le texte n'a pas changé depuis la version 1");
    await facilitator.post(`/reseau/animation/motions/${motionId}/sections/${proposal!.id}`, { nature: "proposition", titre: "", texte: "Former tous les enseignants au numérique éducatif, sur le temps de service", contributions: contributionIds.join(", ") });
    expect((await facilitator.post(`/reseau/animation/motions/${motionId}/adopter`, {})).statusCode).toBe(303);
    const v2 = (await t.app.inject({ url: `/reseau/motions/${motionId}/versions/2` })).body;
    expect(v2).toContain("Changements depuis la version 1");
    expect(v2).toContain("<ins>, sur le temps de service</ins>");
    const v1Text = (await mammoth.extractRawText({ buffer: (await t.app.inject({ url: `/reseau/motions/${motionId}/versions/1.docx` })).rawPayload })).value;
    expect(v1Text).not.toContain("sur le temps de service");
    expect((await t.app.inject({ url: "/reseau/suivi" })).body).toContain("Un plan de formation sera lancé en 2028.");
    // Partners and facilitators are refused elsewhere; nobody else reaches the facilitation pages.
    expect((await electedA.get("/reseau/animation")).statusCode).toBe(404);
    expect((await electedA.get("/reseau/partenaire")).statusCode).toBe(404);
  });

  it("consults the members: one answer per territory and question, editable until the closing day, quoted in the synthesis", async () => {
    const facilitator = await client(facilitatorId);
    const missing = await facilitator.post("/reseau/animation/consultations", { consultation_titre: "Stratégie 2022-2027", consultation_auteur: "", consultation_texte: "", consultation_questions: "", consultation_cloture: "" });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain("Saisissez au moins une question");
    expect(missing.body).toContain("Stratégie 2022-2027");
    const created = await facilitator.post("/reseau/animation/consultations", { consultation_titre: "Stratégie 2022-2027", consultation_auteur: "Ministère de l'Éducation nationale", consultation_texte: "", consultation_questions: "Quels équipements manquent ?\nQuelles formations ?", consultation_cloture: "2027-03-02" });
    const path = created.headers.location!;
    const id = Number(path.split("/").pop());
    const electedA = await client(a.electedId);
    expect((await electedA.get(`/t/${a.code}/reseau/consultations/${id}`)).statusCode).toBe(404);
    await facilitator.post(`${path}/publier`, {});
    const [q1] = await queryRows<{ id: number }>(t.database.db, sql`select id from consultation_questions where consultation_id = ${id} order by position`);
    const answer = (c: TestClient, m: NetworkMember, text: string) => c.post(`/t/${m.code}/reseau/consultations/${id}/reponses`, { question: String(q1!.id), [`reponse-${q1!.id}`]: text });
    expect((await answer(electedA, a, "Des écrans interactifs")).statusCode).toBe(303);
    expect((await answer(electedA, a, "Des écrans interactifs et des tablettes")).statusCode).toBe(303);
    await answer(await client(b.electedId), b, "=HYPERLINK(\"x\") des classes mobiles");
    const rows = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from consultation_answers where question_id = ${q1!.id}`);
    expect(rows[0]!.n).toBe(2);
    const synthesis = (await facilitator.get(path)).body;
    expect(synthesis).toContain("2 territoires ont répondu sur");
    expect(synthesis).toContain("Des écrans interactifs et des tablettes");
    const csv = (await facilitator.get(`${path}/synthese.csv`)).body;
    expect(csv).toContain("1;Quels équipements manquent ?;Gâtine-Réseau;Des écrans interactifs et des tablettes");
    expect(csv).toContain("'=HYPERLINK");
    expect(csv).not.toMatch(/;"?=HYPERLINK/);
    const docx = await facilitator.get(`${path}/synthese.docx`);
    const text = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    expect(text).toContain("Question 1 : Quels équipements manquent ?");
    expect(text).toContain("Gâtine-Réseau");
    expect(text).toContain("« Des écrans interactifs et des tablettes »");
    // After the closing day (Paris time: 00:30 on 3 March is 23:30 UTC on the 2nd), answers no longer change.
    t.clock.set(new Date("2027-03-02T23:30:00Z"));
    try {
      const late = await answer(electedA, a, "Trop tard");
      expect(late.statusCode).toBe(400);
      expect(late.body).toContain("La consultation est close (dernier jour pour répondre : 02/03/2027)");
    } finally {
      t.clock.set(testEpoch);
    }
  });

  it("shows the member territories most like mine or like a sheet's author, with their sheets", async () => {
    await t.database.db.execute(sql`update network_members set population = case territory_id when ${a.id} then 3000 when ${b.id} then 4500 else population end`);
    const electedB = await client(b.electedId);
    const mine = (await electedB.get(`/t/${b.code}/reseau/semblables`)).body;
    expect(mine).toContain("Gâtine-Réseau");
    expect(mine).toContain("Des écoles numériques en milieu rural");
    const sheetId = (await queryRows<{ id: number }>(t.database.db, sql`select id from experience_sheets where territory_id = ${a.id} order by id limit 1`))[0]!.id;
    const ofSheet = (await electedB.get(`/t/${b.code}/reseau/semblables?fiche=${sheetId}`)).body;
    expect(ofSheet).toContain("Les territoires du réseau les plus semblables à Gâtine-Réseau");
    expect(ofSheet).toContain("Bocage-Réseau");
  });

  it("e-mails each member a weekly digest of what the others shared, the motions' phases and open consultations", async () => {
    const queued = await sendWeeklyDigest(t.database.db, { now: t.clock(), publicUrl: "http://maillage.test" });
    expect(queued).toBeGreaterThan(0);
    const digests = await queryRows<{ to_address: string; text_body: string; territory_id: number }>(t.database.db, sql`select to_address, text_body, territory_id from mails where kind = 'network.digest'`);
    const toB = digests.find((d) => d.territory_id === b.id)!;
    expect(toB.text_body).toContain("Des écoles numériques en milieu rural (Gâtine-Réseau)");
    expect(toB.text_body).toContain("Motion numérique 2027");
    const toA = digests.find((d) => d.territory_id === a.id)!;
    expect(toA.text_body).not.toContain("(Gâtine-Réseau)");
    expect(digests.some((d) => d.territory_id === outsider.id)).toBe(false);
  });

  it("keeps one vote per territory when its delegates vote at the same instant, and refuses a vote for another territory", async () => {
    const [motion] = await withNetwork(t.database.db, { role: "facilitator", userId: facilitatorId }, (tx) =>
      queryRows<{ id: number }>(tx, sql`insert into motions (title, year, phase) values ('Course', 2027, 'vote') returning id`),
    );
    const choices = ["pour", "contre", "abstention", "pour", "contre", "pour"] as const;
    const c = await makeMemberTerritory(t, { name: "Course-Réseau", delegates: choices.length });
    await Promise.all(choices.map((choice, i) => withTenant(t.database.db, c.id, (tx) => castVote(tx, { motionId: motion!.id, sectionId: null, territoryId: c.id, choice, actor: { ...testActor, userId: c.delegateIds[i]! } }))));
    const rows = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from motion_votes where motion_id = ${motion!.id} and territory_id = ${c.id}`);
    expect(rows[0]!.n).toBe(1);
    // Row-level security: a territory's context cannot vote for another, nor as someone who is not its delegate.
    await expect(withTenant(t.database.db, c.id, (tx) => castVote(tx, { motionId: motion!.id, sectionId: null, territoryId: a.id, choice: "pour", actor: { ...testActor, userId: a.delegateIds[0]! } }))).rejects.toThrow();
    await expect(withTenant(t.database.db, c.id, (tx) => castVote(tx, { motionId: motion!.id, sectionId: null, territoryId: c.id, choice: "pour", actor: { ...testActor, userId: c.coordinatorId } }))).rejects.toThrow();
    // A forged network context is refused outright.
    const forged = await t.database.db
      .transaction(async (tx) => {
        await tx.execute(sql`select set_config('app.network_actor', ${`facilitator:${facilitatorId}`}, true), set_config('app.network_signature', 'forged', true), set_config('role', 'maillage_app', true)`);
        await tx.execute(sql`select count(*) from motions`);
      })
      .then(() => undefined, (error: Error & { cause?: Error }) => error.cause?.message ?? error.message);
    expect(forged).toMatch(/not signed/);
  });

  it("lets facilitators add a territory, create a working group and extend the themes", async () => {
    const facilitator = await client(facilitatorId);
    const unknown = await facilitator.post("/reseau/animation/membres", { membre_code: "000000000" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain("Aucun territoire de l'instance ne porte ce code");
    const late = await makeMemberTerritory(t, { name: "Nouveau-Réseau", join: false });
    expect((await facilitator.post("/reseau/animation/membres", { membre_code: late.code })).statusCode).toBe(303);
    expect((await (await client(late.electedId)).get(`/t/${late.code}/reseau`)).statusCode).toBe(200);
    expect((await facilitator.post("/reseau/animation/groupes", { groupe_nom: "Numérique éducatif", groupe_description: "", groupe_membres: [String(a.id), String(b.id)] })).statusCode).toBe(303);
    expect((await facilitator.post("/reseau/animation/groupes", { groupe_nom: "Numérique éducatif", groupe_description: "" })).body).toContain("Un groupe porte déjà ce nom");
    const badTheme = await facilitator.post("/reseau/animation/themes", { theme_code: "Inclusion numérique", theme_libelle: "Inclusion" });
    expect(badTheme.body).toContain("Le code s'écrit en lettres minuscules");
    await facilitator.post("/reseau/animation/themes", { theme_code: "inclusion-numerique", theme_libelle: "Inclusion numérique" });
    const page = (await facilitator.get("/reseau/animation")).body;
    expect(page).toContain("Gâtine-Réseau, Bocage-Réseau".split(", ").sort((x, y) => x.localeCompare(y, "fr")).join(", "));
    expect(page).toContain("Inclusion numérique (inclusion-numerique)");
    expect((await (await client(a.coordinatorId)).get(`/t/${a.code}/reseau/fiches/nouvelle`)).body).toContain("Inclusion numérique");
  });

  it("lets facilitators change a working group: its territories and the people who animate it, found by e-mail", async () => {
    const facilitator = await client(facilitatorId);
    await facilitator.post("/reseau/animation/groupes", { groupe_nom: "Inclusion des aînés", groupe_description: "", groupe_membres: [String(a.id)] });
    const [group] = await queryRows<{ id: number }>(t.database.db, sql`select id from working_groups where name = 'Inclusion des aînés'`);
    const [coordinator] = await queryRows<{ email: string }>(t.database.db, sql`select email from users where id = ${a.coordinatorId}`);
    const path = `/reseau/animation/groupes/${group!.id}`;
    expect((await facilitator.get(path)).body).toContain("Qui anime le groupe");
    const unknown = await facilitator.post(path, { groupe_nom: "Inclusion des aînés", groupe_description: "Ateliers en Ehpad", groupe_membres: [String(a.id), String(b.id)], groupe_animation: `${coordinator!.email}\npersonne@inconnue.fr` });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain("Aucun compte sur Maillage pour personne@inconnue.fr");
    expect(unknown.body).toContain("Ateliers en Ehpad");
    const saved = await facilitator.post(path, { groupe_nom: "Inclusion des aînés", groupe_description: "Ateliers en Ehpad", groupe_membres: [String(a.id), String(b.id), String(outsider.id)], groupe_animation: coordinator!.email.toUpperCase() });
    expect(saved.statusCode).toBe(303);
    const animators = await queryRows<{ userId: number }>(t.database.db, sql`select user_id as "userId" from working_group_facilitators where group_id = ${group!.id}`);
    expect(animators.map((r) => r.userId)).toEqual([a.coordinatorId]);
    // Only the network's members can be in a group: the territory outside it was left out.
    const territories = await queryRows<{ territoryId: number }>(t.database.db, sql`select territory_id as "territoryId" from working_group_members where group_id = ${group!.id} order by territory_id`);
    expect(territories.map((r) => r.territoryId)).toEqual([a.id, b.id].sort((x, y) => x - y));
    expect((await facilitator.get(String(saved.headers.location))).body).toContain("Le groupe de travail est enregistré");
    expect((await (await client(a.coordinatorId)).get(path)).statusCode).toBe(404);
    // Members see the groups, theirs marked, and who animates them.
    const home = (await (await client(b.coordinatorId)).get(`/t/${b.code}/reseau`)).body;
    expect(home).toContain("Inclusion des aînés</strong> (Bocage-Réseau en fait partie) : animé par");
  });

  it("attaches PDF and images to a sheet, checked by content and size, downloadable where the sheet is readable", async () => {
    const coordA = await client(a.coordinatorId);
    const id = (await queryRows<{ id: number }>(t.database.db, sql`select id from experience_sheets where territory_id = ${a.id} and visibility = 'public' order by id limit 1`))[0]!.id;
    const base = `/t/${a.code}/reseau/fiches/${id}`;
    const upload = async (filename: string, content: Buffer) => {
      const token = /name="_csrf" value="([^"]+)"/.exec((await coordA.get(base)).body)![1]!;
      const boundary = "----maillage-piece-jointe";
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--${boundary}\r\nContent-Disposition: form-data; name="fichier"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const cookie = `maillage_session=${coordA.cookie("maillage_session")}; maillage_csrf=${coordA.cookie("maillage_csrf")}`;
      return t.app.inject({ method: "POST", url: `${base}/pieces`, payload, headers: { cookie, "content-type": `multipart/form-data; boundary=${boundary}` } });
    };
    const fake = await upload("bilan.pdf", Buffer.from("<script>alert(1)</script>"));
    expect(fake.statusCode).toBe(400);
    expect(fake.body).toContain("Le fichier doit être un PDF ou une image");
    expect((await upload("../../bilan 2026.pdf", Buffer.from("%PDF-1.4\n% bilan\n"))).statusCode).toBe(303);
    const [file] = await queryRows<{ id: number; filename: string }>(t.database.db, sql`select id, filename from sheet_attachments where sheet_id = ${id}`);
    expect(file!.filename).toBe("bilan 2026.pdf");
    const publicDownload = await t.app.inject({ url: `/reseau/fiches/${id}/pieces/${file!.id}` });
    expect(publicDownload.headers["content-type"]).toBe("application/pdf");
    expect(publicDownload.headers["content-disposition"]).toContain("attachment");
    expect(publicDownload.body.startsWith("%PDF-")).toBe(true);
    expect((await (await client(b.electedId)).get(`/t/${b.code}/reseau/fiches/${id}/pieces/${file!.id}`)).statusCode).toBe(200);
    expect((await (await client(outsider.coordinatorId)).get(`/t/${outsider.code}/reseau/fiches/${id}/pieces/${file!.id}`)).statusCode).toBe(403);
    expect((await coordA.post(`${base}/pieces/${file!.id}/supprimer`, {})).statusCode).toBe(303);
    expect((await t.app.inject({ url: `/reseau/fiches/${id}/pieces/${file!.id}` })).statusCode).toBe(404);
  });

  it("shows cards of the author territory's own figures, computed in its context when the sheet is saved", async () => {
    const coordA = await client(a.coordinatorId);
    const created = await coordA.post(`/t/${a.code}/reseau/fiches/nouvelle`, sheetForm({ titre: "Fiche avec chiffres", visibilite: "reseau", chiffres: ["ecoles", "harmonisation_ecoles", "personnes_accompagnees"] }));
    expect(created.statusCode).toBe(303);
    const id = Number(/fiches\/(\d+)/.exec(created.headers.location!)![1]);
    const page = (await (await client(b.electedId)).get(`/t/${b.code}/reseau/fiches/${id}`)).body;
    expect(page).toContain("Écoles suivies (Gâtine-Réseau, au 02/03/2027)");
    expect(page).toContain("Personnes accompagnées sur 12 mois");
    // No school: no harmonisation rate to show rather than a meaningless one.
    expect(page).not.toContain("Équipement des écoles au socle");
    const edit = (await coordA.get(`/t/${a.code}/reseau/fiches/${id}/modifier`)).body;
    expect(edit).toMatch(/value="ecoles" checked/);
  });
});
