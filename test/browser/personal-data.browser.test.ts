// In Chromium, an admin answers a person's data request: a refused entry, the answer page and the erasure
// confirmation are pages reached by a POST, which the GET sweep cannot open; axe-core checks each of them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/lib/clock.js";
import { parisToInstant } from "../../src/lib/paris-time.js";
import { makeTerritory, makeUser } from "../support/app.js";
import { a11yLedger, checkA11y, startBrowserWorld, type BrowserWorld, type PageOpener, type RunningApp } from "../support/browser.js";
import { makeBooking, makeMediator, makeMotif, makePlace, makePlage } from "../support/inclusion.js";

describe("an admin answers a data request in Chromium", () => {
  let world: BrowserWorld | undefined;
  let running: RunningApp;
  let pages: PageOpener;
  let code = "";
  let adminId = 0;

  beforeAll(async () => {
    // Filled before the app starts, booked once it runs (the booking's links carry the app's address).
    let territoryId = 0;
    let placeId = 0;
    let motifId = 0;
    world = await startBrowserWorld({
      worker: false,
      clock: fixedClock(new Date("2027-03-02T09:00:00Z")),
      beforeStart: async (database) => {
        const territory = await makeTerritory(database);
        code = territory.code;
        territoryId = territory.id;
        const place = await makePlace(database, { territoryId });
        placeId = place.id;
        const motif = await makeMotif(database, { territoryId });
        motifId = motif.id;
        const mediator = await makeMediator(database, { territoryId, placeIds: [place.id] });
        await makePlage(database, { territoryId, mediatorId: mediator.id, placeId: place.id });
        adminId = await makeUser(database, { email: "admin@exemple.fr", territoryId, roles: ["admin"] });
      },
    });
    ({ running, pages } = world);
    const start = new Date(parisToInstant("2027-03-08", "10:00"));
    await makeBooking(world.database, {
      territoryId,
      placeId,
      motifId,
      start,
      person: { firstName: "Léon", lastName: "Durand", phone: "06 12 34 56 78", email: "leon@exemple.fr", noEmail: false },
      now: running.clock(),
      publicUrl: running.url,
    });
  }, 120_000);

  afterAll(() => world?.close());

  it("searches, shows the answer, asks to confirm, then erases", async () => {
    const page = await pages.open({ signedInAs: adminId });
    await page.goto(`${running.url}/t/${code}/donnees-personnelles`);
    await checkA11y(page);
    const field = page.getByLabel("Adresse électronique ou numéro de téléphone de la personne");
    await field.fill("leon@");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await checkA11y(page);
    expect(await field.inputValue()).toBe("leon@");
    await field.fill("leon@exemple.fr");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await checkA11y(page);
    expect(await page.locator("h1").innerText()).toContain("leon@exemple.fr");
    await page.getByRole("button", { name: "Effacer ces données" }).click();
    await checkA11y(page);
    expect(await page.locator(".govuk-error-summary").innerText()).toContain("Cochez la case");
    await page.getByLabel(/La personne a demandé l'effacement/).check();
    await page.getByRole("button", { name: "Effacer ces données" }).click();
    await checkA11y(page);
    expect(await page.locator(".govuk-notification-banner").innerText()).toContain("1 rendez-vous");
  }, 60_000);

  it("checked every page it rendered with axe-core", () => {
    expect(a11yLedger.unchecked()).toEqual([]);
  });
});
