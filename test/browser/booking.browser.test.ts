// In Chromium with JavaScript off, as a citizen would on an old phone: find a place, book, see the confirmation;
// the e-mail with its .ics goes through a real SMTP server; the cancel link frees the slot; the mediator sees it
// all in the agenda. axe-core checks every page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTerritory, makeUser } from "../support/app.js";
import { a11yLedger, checkA11y, startBrowserWorld, type BrowserWorld, type PageOpener, type RunningApp } from "../support/browser.js";
import { lieuRecord, makeMediator, makeMotif, makePlace, makePlage } from "../support/inclusion.js";
import type { TestSmtpServer } from "../support/smtp.js";

describe("a citizen books in Chromium without JavaScript", () => {
  let world: BrowserWorld<TestSmtpServer> | undefined;
  let smtp: TestSmtpServer;
  let running: RunningApp;
  let territory: Awaited<ReturnType<typeof makeTerritory>>;
  let mediatorUserId: number;
  let placeId: number;
  let pages: PageOpener;

  beforeAll(async () => {
    world = await startBrowserWorld({
      smtp: true,
      beforeStart: async (database) => {
        territory = await makeTerritory(database, { name: "Communauté du Val d'Essai" });
        const place = await makePlace(database, {
          territoryId: territory.id,
          record: lieuRecord({ nom: "France Services du Val", commune: "Parthenay", code_postal: "79200", code_insee: "79202", horaires: "Mo-Su 08:00-20:00" }),
        });
        placeId = place.id;
        await makeMotif(database, { territoryId: territory.id, name: "Faire une démarche en ligne" });
        mediatorUserId = await makeUser(database, { email: "mediatrice@exemple.fr", territoryId: territory.id, roles: ["mediator"] });
        const mediator = await makeMediator(database, { territoryId: territory.id, placeIds: [place.id], userId: mediatorUserId, name: "Camille Médiatrice" });
        await makePlage(database, { territoryId: territory.id, mediatorId: mediator.id, placeId: place.id, weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: "08:00", endTime: "19:00", validFrom: "2026-01-01" });
      },
    });
    ({ smtp, running, pages } = world);
  });

  afterAll(() => world?.close());


  let manageLink = "";
  let bookedSlotHref = "";

  it("finds the place, books a slot one question at a time and sees the confirmation", async () => {
    const page = await pages.open({ javaScriptEnabled: false });
    await page.goto(`${running.url}/lieux`);
    await checkA11y(page);
    await page.getByLabel("Où\u00a0?").fill("parthenay");
    await page.getByRole("button", { name: /Rechercher|Chercher|Trouver/ }).first().click();
    await checkA11y(page);
    await page.getByRole("link", { name: "France Services du Val" }).first().click();
    await checkA11y(page);
    await page.locator(`a[href="/lieux/${placeId}/rendez-vous"]`).first().click();
    await checkA11y(page);
    expect(await page.locator("h1").innerText()).toContain("Choisissez un créneau");
    // A slot a day ahead of the app's clock, so that the 4-hour cancellation deadline is far (the clock is fixed).
    const hrefs = await page.locator(".maillage-slot-list a").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
    const dayAhead = running.clock().getTime() + 86_400_000;
    bookedSlotHref = hrefs.find((href) => Date.parse(new URLSearchParams(href.split("?")[1]).get("debut")!) >= dayAhead)!;
    expect(bookedSlotHref).toBeDefined();
    await page.locator(`.maillage-slot-list a[href="${bookedSlotHref}"]`).click();
    await checkA11y(page);
    await page.getByLabel("Prénom").fill("Josiane");
    await page.getByLabel("Nom", { exact: true }).fill("Martin");
    await page.getByLabel("Téléphone").fill("06 12 34 56 78");
    await page.getByLabel("Adresse e-mail (facultatif)").fill("josiane@exemple.fr");
    await page.getByRole("button", { name: "Continuer" }).click();
    await checkA11y(page);
    expect(await page.locator(".govuk-error-summary").count()).toBe(1);
    await page.getByLabel("J'accepte que ces coordonnées servent à ce rendez-vous").check();
    await page.getByRole("button", { name: "Continuer" }).click();
    await checkA11y(page);
    expect(await page.locator("h1").innerText()).toBe("Vérifiez votre rendez-vous");
    await page.getByRole("button", { name: "Confirmer le rendez-vous" }).click();
    await checkA11y(page);
    expect(await page.locator(".govuk-panel__title").innerText()).toBe("Rendez-vous confirmé");
  });

  it("delivers the confirmation with its calendar invite to the SMTP server", async () => {
    await running.runJobs();
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(["josiane@exemple.fr"]);
    expect(mail!.subject).toContain("Rendez-vous confirmé");
    const ics = mail!.calendar;
    expect(ics).toContain("METHOD:REQUEST");
    expect(ics).toContain("DTSTART;TZID=Europe/Paris:");
    manageLink = /http:\/\/127\.0\.0\.1:\d+\/rendez-vous\/[0-9a-f-]{36}\?cle=[A-Za-z0-9._-]+/.exec(mail!.text)![0];
  });

  it("shows the appointment in the mediator's agenda", async () => {
    const page = await pages.open({ signedInAs: mediatorUserId });
    const day = decodeURIComponent(/debut=([^&]+)/.exec(bookedSlotHref)![1]!);
    const date = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date(day));
    await page.goto(`${running.url}/t/${territory.code}/agenda?date=${date}`);
    await checkA11y(page);
    expect(await page.locator("main").innerText()).toContain("Josiane Martin");
  });

  it("cancels through the e-mailed link, which frees the slot, and the agenda shows the cancellation", async () => {
    const page = await pages.open({ javaScriptEnabled: false });
    await page.goto(manageLink);
    await checkA11y(page);
    await page.getByRole("button", { name: "Annuler le rendez-vous" }).click();
    await checkA11y(page);
    expect(await page.locator("h1").innerText()).toContain("Annuler votre rendez-vous du");
    await page.getByRole("button", { name: "Oui, annuler le rendez-vous" }).click();
    await checkA11y(page);
    expect(await page.locator("main").innerText()).toContain("Ce rendez-vous a été annulé.");
    await page.goto(`${running.url}/lieux/${placeId}/rendez-vous/creneau?motif=${/motif=(\d+)/.exec(bookedSlotHref)![1]}`);
    await checkA11y(page);
    expect(await page.locator(`.maillage-slot-list a[href="${bookedSlotHref}"]`).count()).toBe(1);

    const agent = await pages.open({ signedInAs: mediatorUserId });
    const date = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date(decodeURIComponent(/debut=([^&]+)/.exec(bookedSlotHref)![1]!)));
    await agent.goto(`${running.url}/t/${territory.code}/agenda?date=${date}`);
    await checkA11y(agent);
    expect(await agent.locator("main").innerText()).toContain("Annulé par la personne");
  });

  it("checked every page it rendered with axe-core", () => {
    expect(a11yLedger.unchecked()).toEqual([]);
    expect(a11yLedger.checked().length).toBeGreaterThanOrEqual(13);
  });
});
