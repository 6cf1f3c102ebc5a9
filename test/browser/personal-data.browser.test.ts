// In Chromium, an admin answers a person's data request: a refused entry, the answer page and the erasure
// confirmation are pages reached by a POST, which the GET sweep cannot open; axe-core checks each of them.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { withTenant } from "../../src/db/tenant.js";
import { fixedClock } from "../../src/lib/clock.js";
import { parisToInstant } from "../../src/lib/paris-time.js";
import { bookAppointment } from "../../src/modules/booking/booking.commands.js";
import { makeTerritory, makeUser } from "../support/app.js";
import { PageOpener, a11yLedger, checkA11y, launchChromium, startRunningApp, type RunningApp } from "../support/browser.js";
import { createTestDatabase } from "../support/database.js";
import { makeMediator, makeMotif, makePlace, makePlage } from "../support/inclusion.js";

describe("an admin answers a data request in Chromium", () => {
  let database: Database;
  let running: RunningApp;
  let browser: Browser;
  let pages: PageOpener;
  let code = "";
  let adminId = 0;

  beforeAll(async () => {
    [database, browser] = await Promise.all([createTestDatabase("pglite"), launchChromium()]);
    const territory = await makeTerritory(database);
    code = territory.code;
    const territoryId = territory.id;
    const place = await makePlace(database, { territoryId });
    const motif = await makeMotif(database, { territoryId });
    const mediator = await makeMediator(database, { territoryId, placeIds: [place.id] });
    await makePlage(database, { territoryId, mediatorId: mediator.id, placeId: place.id });
    adminId = await makeUser(database, { email: "admin@exemple.fr", territoryId, roles: ["admin"] });
    running = await startRunningApp(database, { worker: false, clock: fixedClock(new Date("2027-03-02T09:00:00Z")) });
    const start = new Date(parisToInstant("2027-03-08", "10:00"));
    await withTenant(database.db, territoryId, (tx) =>
      bookAppointment(tx, {
        territoryId,
        placeId: place.id,
        motifId: motif.id,
        start,
        person: { firstName: "Léon", lastName: "Durand", phone: "06 12 34 56 78", email: "leon@exemple.fr", noEmail: false },
        bookedBy: "citizen",
        now: running.clock(),
        publicUrl: running.url,
        organizerEmail: "rdv@maillage.test",
        secret: "s",
      }),
    );
    pages = new PageOpener(browser, running, database);
  }, 120_000);

  afterAll(async () => {
    await pages?.close();
    await browser?.close();
    await running?.close();
    await database?.close();
  });

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
