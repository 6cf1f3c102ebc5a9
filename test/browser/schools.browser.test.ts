// In Chromium: a coordinator imports schools and equipment, opens the harmonisation view, builds a two-year
// plan and exports it; a school referent reports an incident and sees it resolved; a coordinator adds one item
// and corrects it without a spreadsheet. axe-core on every page.
import type { Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { communes, schoolReferents, schools } from "../../src/db/schema/index.js";
import { makeTerritory, makeUser } from "../support/app.js";
import { a11yLedger, checkA11y, importThroughWeb, startBrowserWorld, type BrowserWorld, type PageOpener, type RunningApp } from "../support/browser.js";
import { uaiCheckLetter } from "../../src/modules/schools/domain/uai.js";

const uai = (digits: string) => `${digits}${uaiCheckLetter(digits)}`;

describe("schools in Chromium", () => {
  let world: BrowserWorld | undefined;
  let database: Database;
  let running: RunningApp;
  let territory: Awaited<ReturnType<typeof makeTerritory>>;
  let coordinatorId: number;
  let referentId: number;
  let pages: PageOpener;
  const schoolA = uai("0799901");
  const schoolB = uai("0799902");

  beforeAll(async () => {
    world = await startBrowserWorld({
      beforeStart: async (database) => {
        territory = await makeTerritory(database, { name: "Communauté des Écoles d'Essai", communes: 2 });
        coordinatorId = await makeUser(database, { email: "coordination@exemple.fr", territoryId: territory.id, roles: ["coordinator"] });
        referentId = await makeUser(database, { email: "directrice@exemple.fr", territoryId: territory.id, roles: ["school_referent"] });
      },
    });
    ({ database, running, pages } = world);
  });

  afterAll(() => world?.close());


  const url = (path: string) => `${running.url}/t/${territory.code}${path}`;

  /** Uploads a CSV through the web import and waits for the import to finish. */
  const importFile = (page: Page, kind: string, name: string, content: string) =>
    importThroughWeb(page, running, url("/ecoles/import"), { name, content }, (p) => p.getByLabel(kind, { exact: true }).check());

  it("imports schools and equipment, shows the harmonisation, builds a two-year plan and exports it", async () => {
    const [c1, c2] = await database.db.select({ insee: communes.insee, name: communes.name }).from(communes).where(eq(communes.territoryId, territory.id)).orderBy(communes.insee);
    const page = await pages.open({ signedInAs: coordinatorId });
    await importFile(
      page,
      "Écoles (annuaire de l'éducation)",
      "annuaire.csv",
      [
        "Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Statut_public_prive;Code_commune;Nom_commune;Nombre_d_eleves;etat",
        `${schoolA};École des Tilleuls;Ecole;Public;${c1!.insee};${c1!.name};120;OUVERT`,
        `${schoolB};École du Bourg;Ecole;Public;${c2!.insee};${c2!.name};60;OUVERT`,
        `${uai("0799903")};Collège Jean Moulin;Collège;Public;${c1!.insee};${c1!.name};400;OUVERT`,
      ].join("\n"),
    );
    expect(await page.locator("main").innerText()).toContain(uai("0799903"));
    await importFile(page, "Classes", "classes.csv", ["uai;classe;niveaux;eleves", `${schoolA};CP;CP;24`, `${schoolA};CE1;CE1;25`, `${schoolB};Classe unique;CE2|CM1|CM2;20`].join("\n"));
    await importFile(
      page,
      "Équipements",
      "equipements.csv",
      [
        "uai;classe;categorie;numero_inventaire;modele;date_acquisition;cout_ttc;source_financement;fin_garantie;etat",
        `${schoolA};CP;ecran_interactif;INV-001;Écran 75 pouces;2020-09-01;2500;Commune;2025-09-01;en_service`,
        `${schoolA};;ordinateur_direction;INV-002;Portable;2019-01-15;800;Commune;;en_service`,
        `${schoolB};Classe unique;videoprojecteur;INV-003;Projecteur;2016-03-01;600;Commune;;en_panne`,
      ].join("\n"),
    );

    await page.goto(url("/ecoles/harmonisation"));
    await checkA11y(page);
    const harmonisation = await page.locator("main").innerText();
    expect(harmonisation).toContain("École des Tilleuls");
    expect(harmonisation).toContain("École du Bourg");

    await page.goto(url("/plan/reglages"));
    await checkA11y(page);
    await page.getByLabel("Écran numérique interactif (€ TTC)").fill("2500");
    await page.getByRole("button", { name: "Enregistrer les prix" }).click();
    await checkA11y(page);

    await page.goto(url("/plan/nouveau"));
    await checkA11y(page);
    await page.getByLabel("Nom du scénario").fill("Plan 2027-2028");
    await page.getByLabel("Première année du plan").fill("2027");
    await page.getByLabel("Durée du plan", { exact: true }).selectOption("2");
    await page.getByRole("button", { name: "Créer le scénario" }).click();
    await checkA11y(page);
    const plan = await page.locator("main").innerText();
    expect(plan).toContain("2027");
    expect(plan).toContain("2028");
    expect(plan).not.toContain("2029");
    const xlsxHref = await page.getByRole("button", { name: /Télécharger pour le vote du budget/ }).or(page.getByRole("link", { name: /Télécharger pour le vote du budget/ })).first().getAttribute("href");
    const download = await page.context().request.get(`${running.url}${xlsxHref}`);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toContain("spreadsheetml");
    expect((await download.body()).subarray(0, 2).toString()).toBe("PK");
  }, 120_000);

  it("lets a school referent report a broken item and see it resolved by the coordinator", async () => {
    const [school] = await database.db.select({ id: schools.id }).from(schools).where(eq(schools.uai, schoolA));
    await database.db.insert(schoolReferents).values({ territoryId: territory.id, schoolId: school!.id, userId: referentId });
    const referent = await pages.open({ signedInAs: referentId });
    await referent.goto(url("/incidents/nouveau"));
    await checkA11y(referent);
    if (await referent.getByLabel("École", { exact: true }).count()) {
      await referent.getByLabel("École", { exact: true }).selectOption(String(school!.id));
      await referent.getByRole("button", { name: "Voir ses équipements" }).click();
      await checkA11y(referent);
    }
    await referent.getByLabel(/Équipement en panne/).selectOption({ index: 1 });
    await referent.getByLabel("Que se passe-t-il ?").fill("L'écran ne s'allume plus depuis lundi.");
    await referent.getByRole("button", { name: "Envoyer le signalement" }).click();
    await checkA11y(referent);
    const incidentUrl = referent.url();
    expect(await referent.locator("main").innerText()).toContain("Nouveau");

    const coordinator = await pages.open({ signedInAs: coordinatorId });
    await coordinator.goto(incidentUrl);
    await checkA11y(coordinator);
    await coordinator.getByRole("button", { name: "Prendre en charge" }).click();
    await checkA11y(coordinator);
    await coordinator.getByLabel("Ce qui a été fait (envoyé à la personne qui a signalé)").fill("Alimentation remplacée.");
    await coordinator.getByRole("button", { name: "Marquer comme résolu" }).click();
    await checkA11y(coordinator);

    await referent.goto(incidentUrl);
    await checkA11y(referent);
    const seen = await referent.locator("main").innerText();
    expect(seen).toContain("Résolu");
    expect(seen).toContain("Alimentation remplacée.");
  }, 60_000);

  it("lets a coordinator add an item from a school's page, then correct it from the item's page", async () => {
    const [school] = await database.db.select({ id: schools.id }).from(schools).where(eq(schools.uai, schoolB));
    const page = await pages.open({ signedInAs: coordinatorId });
    await page.goto(url(`/ecoles/${school!.id}`));
    await checkA11y(page);
    await page.getByRole("link", { name: "Ajouter un équipement" }).click();
    await checkA11y(page);
    await page.getByLabel("Numéro d'inventaire").fill("INV-001");
    await page.getByLabel("Catégorie").selectOption({ label: "Imprimante réseau" });
    await page.getByLabel("Classe").selectOption("Classe unique");
    await page.getByLabel("Date d'acquisition (facultatif)").fill("2099-01-15");
    await page.getByRole("button", { name: "Ajouter l'équipement" }).click();
    await checkA11y(page);
    expect(await page.locator(".govuk-error-summary").innerText()).toContain("La date d'acquisition est dans le futur");
    expect(await page.getByLabel("Classe").inputValue()).toBe("Classe unique");
    await page.getByLabel("Date d'acquisition (facultatif)").fill("2024-01-15");
    await page.getByRole("button", { name: "Ajouter l'équipement" }).click();
    await checkA11y(page);
    expect(await page.locator(".govuk-error-summary").innerText()).toContain("Le numéro d'inventaire INV-001 est déjà celui d'un autre équipement du territoire");
    await page.getByLabel("Numéro d'inventaire").fill("IMP-001");
    await page.getByRole("button", { name: "Ajouter l'équipement" }).click();
    await checkA11y(page);
    expect(await page.locator("main").innerText()).toContain("L'équipement est ajouté à l'inventaire.");

    await page.getByRole("link", { name: "Modifier l'équipement IMP-001" }).click();
    await checkA11y(page);
    await page.getByLabel("Modèle (facultatif)").fill("Brother HL-L5100");
    await page.getByLabel("En panne").check();
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await checkA11y(page);
    const item = await page.locator("main").innerText();
    expect(item).toContain("Les informations de l'équipement sont enregistrées.");
    expect(item).toContain("État : En service → En panne");
    expect(item).toContain("Modèle : — → Brother HL-L5100");
  }, 60_000);

  it("checked every page it rendered with axe-core", () => {
    expect(a11yLedger.unchecked()).toEqual([]);
    expect(a11yLedger.checked().length).toBeGreaterThanOrEqual(15);
  });
});
