// The staff flows fixed after users tried them, walked in Chromium on a 360 px phone and a 1,280 px screen: booking
// for a caller with the mediator of the slot and a note, marking "Vu" in the week view and writing the record from
// the agenda, reporting an incident without knowing which item. No page scrolls sideways; axe-core on every page.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appointments, equipmentItems, schoolReferents, schools } from "../../src/db/schema/index.js";
import { addDays, parisDateOf } from "../../src/lib/paris-time.js";
import { makeTerritory, makeUser, testEpoch } from "../support/app.js";
import { a11yLedger, checkA11y, startBrowserWorld, type BrowserWorld } from "../support/browser.js";
import { lieuRecord, makeMediator, makeMotif, makePlace, makePlage } from "../support/inclusion.js";

const WIDTHS = [360, 1280] as const;

describe("staff flows in Chromium at 360 and 1,280 px", () => {
  let world: BrowserWorld | undefined;
  let code = "";
  let coordinatorId = 0;
  let referentId = 0;
  let leaId = 0;
  let sachaId = 0;
  const pastAppointments: string[] = [];
  const today = parisDateOf(testEpoch.getTime());
  const tomorrow = addDays(today, 1);

  beforeAll(async () => {
    world = await startBrowserWorld({
      worker: false,
      beforeStart: async (database) => {
        const territory = await makeTerritory(database, { name: "Communauté du Val d'Essai" });
        code = territory.code;
        const place = await makePlace(database, { territoryId: territory.id, record: lieuRecord({ nom: "France Services du Val", horaires: "Mo-Su 08:00-20:00" }) });
        const sacha = await makeMediator(database, { territoryId: territory.id, placeIds: [place.id], name: "Sacha Médiateur" });
        const lea = await makeMediator(database, { territoryId: territory.id, placeIds: [place.id], name: "Léa Conseillère" });
        ({ id: sachaId } = sacha);
        ({ id: leaId } = lea);
        for (const m of [sacha, lea]) await makePlage(database, { territoryId: territory.id, mediatorId: m.id, placeId: place.id, weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: "08:00", endTime: "19:00", validFrom: "2026-01-01" });
        const motif = await makeMotif(database, { territoryId: territory.id, name: "Faire une démarche en ligne" });
        coordinatorId = await makeUser(database, { email: "coordination@val.exemple.fr", territoryId: territory.id, roles: ["coordinator"] });
        // Two appointments that took place before the clock's time, one per width, to mark "Vu".
        for (const [i, hours] of [3, 2].entries()) {
          const startsAt = new Date(testEpoch.getTime() - hours * 3_600_000);
          const [row] = await database.db
            .insert(appointments)
            .values({ territoryId: territory.id, placeId: place.id, mediatorId: sacha.id, motifId: motif.id, startsAt, endsAt: new Date(startsAt.getTime() + 1_800_000), firstName: `Personne${i}`, lastName: "Passée", phone: "+33600000000", bookedBy: "agent" })
            .returning({ id: appointments.id });
          pastAppointments.push(row!.id);
        }
        const [school] = await database.db.insert(schools).values({ territoryId: territory.id, uai: "0790004D", name: "École des Tilleuls", communeInsee: "99000" }).returning({ id: schools.id });
        await database.db.insert(equipmentItems).values({ territoryId: territory.id, schoolId: school!.id, category: "ecran_interactif", inventoryNumber: "TIL-001", model: "Modèle X" });
        referentId = await makeUser(database, { email: "directrice@val.exemple.fr", territoryId: territory.id, roles: ["school_referent"] });
        await database.db.insert(schoolReferents).values({ territoryId: territory.id, schoolId: school!.id, userId: referentId });
      },
    });
  }, 120_000);
  afterAll(() => world?.close());

  /** axe-core, and the page no wider than the window. */
  async function check(page: Page): Promise<void> {
    await checkA11y(page);
    const extra = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(extra, `${page.url()} scrolls sideways`).toBe(0);
  }

  async function open(userId: number, width: number): Promise<Page> {
    const page = await world!.pages.open({ signedInAs: userId });
    await page.setViewportSize({ width, height: 800 });
    return page;
  }

  it.each(WIDTHS)("books for a caller with the mediator of the slot and a note, then shows that mediator's agenda (%i px)", async (width) => {
    const page = await open(coordinatorId, width);
    const url = world!.running.url;
    await page.goto(`${url}/t/${code}`);
    await check(page);
    await page.goto(`${url}/t/${code}/rendez-vous/nouveau`);
    await check(page);
    await page.getByLabel("Motif").selectOption({ label: "Faire une démarche en ligne" });
    await page.getByLabel("Jour (facultatif)").fill(tomorrow);
    await page.getByLabel("Médiateur ou médiatrice").selectOption({ label: "Léa Conseillère" });
    await page.getByRole("button", { name: "Voir les créneaux" }).click();
    await check(page);
    const slot = page.locator(".maillage-slot-list a").first();
    expect(await slot.innerText()).toContain("avec Léa Conseillère");
    await slot.click();
    await check(page);
    await page.getByLabel("Prénom").fill("Josiane");
    await page.getByLabel("Nom", { exact: true }).fill(`Martin${width}`);
    await page.getByLabel("Téléphone").fill("06 12 34 56 78");
    await page.getByLabel("La personne n'a pas d'adresse e-mail").check();
    await page.getByLabel("La personne est d'accord pour que ses coordonnées servent à ce rendez-vous").check();
    await page.getByLabel("Note pour le médiateur ou la médiatrice (facultatif)").fill("Vient avec sa fille");
    await page.getByRole("button", { name: "Réserver" }).click();
    await check(page);
    expect(page.url()).toContain(`mediateur=${leaId}`);
    expect(await page.locator(".govuk-notification-banner").innerText()).toContain("Le rendez-vous est réservé.");
    expect(await page.locator("main").innerText()).toContain(`Josiane Martin${width}`);
    await page.goto(`${url}/t/${code}/rendez-vous/recherche?q=${encodeURIComponent(`martin${width}`)}`);
    await check(page);
    expect(await page.locator("main").innerText()).toContain("Léa Conseillère");
  });

  it.each(WIDTHS)("marks an appointment seen in the week view, stays there, and writes its record from the agenda (%i px)", async (width) => {
    const page = await open(coordinatorId, width);
    const url = world!.running.url;
    const appointmentId = pastAppointments[WIDTHS.indexOf(width)]!;
    await page.goto(`${url}/t/${code}/agenda?vue=semaine&date=${today}&mediateur=${sachaId}`);
    await check(page);
    await page.locator(`form[action="/t/${code}/agenda/${appointmentId}/issue"] button[value="honore"]`).click();
    await check(page);
    expect(page.url()).toContain("vue=semaine");
    expect(page.url()).toContain(`mediateur=${sachaId}`);
    await page.locator(`a[href="/t/${code}/accompagnements/nouveau?rendez-vous=${appointmentId}"]`).click();
    await check(page);
    await page.getByLabel("E-mail", { exact: true }).check();
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await check(page);
    await page.goto(`${url}/t/${code}/agenda?vue=semaine&date=${today}&mediateur=${sachaId}`);
    await check(page);
    const link = page.locator(`a[href^="/t/${code}/accompagnements/"]`, { hasText: "Voir le compte rendu" });
    expect(await link.count()).toBeGreaterThanOrEqual(1);
    await link.first().click();
    await check(page);
    expect(await page.locator("h1").innerText()).toBe("Accompagnement individuel enregistré");
  });

  it.each(WIDTHS)("reports an incident without knowing which item; the token never shows in the address (%i px)", async (width) => {
    const page = await open(referentId, width);
    const url = world!.running.url;
    await page.goto(`${url}/t/${code}`);
    await check(page);
    expect(await page.getByRole("heading", { name: "Votre école" }).count()).toBe(1);
    await page.goto(`${url}/t/${code}/incidents/nouveau`);
    await check(page);
    await page.getByLabel(/Équipement en panne/).selectOption({ label: "Je ne sais pas lequel" });
    await page.getByRole("button", { name: "Envoyer le signalement" }).click();
    await check(page);
    expect(page.url()).not.toContain("_csrf");
    expect(await page.locator(".govuk-error-summary").innerText()).toContain("Décrivez le problème");
    await page.getByLabel("Que se passe-t-il\u00a0?").fill(`Le vidéoprojecteur de la salle 2 clignote (${width}).`);
    await page.getByRole("button", { name: "Envoyer le signalement" }).click();
    await check(page);
    expect(page.url()).not.toContain("_csrf");
    expect(await page.locator("main").innerText()).toContain("Équipement non précisé");
  });

  it("checked every page it rendered with axe-core", () => {
    expect(a11yLedger.unchecked()).toEqual([]);
  });
});
