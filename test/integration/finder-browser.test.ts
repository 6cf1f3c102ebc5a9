// The finder in Chromium with JavaScript off, as on an old phone: search, choose a commune, open a place;
// axe-core (WCAG 2.1 A/AA and best practices) on every page rendered.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { fixedClock } from "../../src/lib/clock.js";
import { makeTerritory } from "../support/app.js";
import { A11yLedger, checkA11y, launchChromium, newTestContext, startRunningApp, type RunningApp } from "../support/browser.js";
import { createTestDatabase } from "../support/database.js";
import { lieuRecord, makeMediator, makeMotif, makePlace, makePlage } from "../support/inclusion.js";

describe("the finder in Chromium without JavaScript", () => {
  const ledger = new A11yLedger();
  let database: Database;
  let running: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [database, browser] = await Promise.all([createTestDatabase("pglite"), launchChromium()]);
    const territory = await makeTerritory(database, { name: "Gâtine d'essai" });
    const record = lieuRecord({ nom: "France Services de Châtillon", commune: "Châtillon-sur-Thouet", code_postal: "79200", code_insee: "79080", latitude: 46.6625, longitude: -0.2369, telephone: "+33549000000", frais_a_charge: ["Gratuit"] } as never);
    const place = await makePlace(database, { territoryId: territory.id, record });
    await makePlace(database, { territoryId: territory.id, record: lieuRecord({ nom: "Médiathèque de Parthenay", prise_en_charge_specifique: ["Surdité"] } as never) });
    await makeMotif(database, { territoryId: territory.id });
    const mediator = await makeMediator(database, { territoryId: territory.id, placeIds: [place.id] });
    await makePlage(database, { territoryId: territory.id, mediatorId: mediator.id, placeId: place.id });
    running = await startRunningApp(database, { clock: fixedClock(new Date("2027-03-02T09:00:00Z")), worker: false });
    context = await newTestContext(browser, { javaScriptEnabled: false, ledger });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await running?.close();
    await database?.close();
  });

  it("searches by commune without accents, chooses the commune, sees the results and opens a place", async () => {
    await page.goto(`${running.url}/lieux`);
    await checkA11y(page, ledger);
    await page.getByLabel("Où ?").fill("Chatillon");
    await page.getByLabel("Faire une démarche en ligne").check();
    await page.getByRole("button", { name: "Rechercher" }).click();
    await checkA11y(page, ledger);
    await expect(page.getByRole("alert").textContent()).resolves.toContain("Plusieurs communes correspondent");
    await page.getByLabel("Châtillon-sur-Thouet (79)").check();
    await page.getByRole("button", { name: "Rechercher" }).click();
    await checkA11y(page, ledger);
    expect(new URL(page.url()).searchParams.get("commune")).toBe("79080");
    await expect(page.getByRole("heading", { level: 2, name: /lieux? trouvés? près de Châtillon-sur-Thouet/ }).count()).resolves.toBe(1);
    await page.getByRole("link", { name: "France Services de Châtillon", exact: true }).click();
    await checkA11y(page, ledger);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("France Services de Châtillon");
    await expect(page.getByRole("button", { name: "Prendre rendez-vous" }).count()).resolves.toBe(1);
  });

  it("shows an error summary linked to the field when « Où ? » is empty", async () => {
    await page.goto(`${running.url}/lieux?ou=`);
    await checkA11y(page, ledger);
    await page.getByRole("link", { name: "Indiquez votre commune ou votre code postal" }).click();
    expect(new URL(page.url()).hash).toBe("#champ-ou");
  });

  it("pages with a specific support and the slot sort pass axe too", async () => {
    await page.goto(`${running.url}/lieux?ou=79200&accompagnement=Surdit%C3%A9&tri=creneau`);
    await checkA11y(page, ledger);
    await expect(page.getByRole("link", { name: "Médiathèque de Parthenay" }).count()).resolves.toBe(1);
  });

  it("checked every page it rendered with axe-core", () => {
    expect(ledger.unchecked()).toEqual([]);
    expect(ledger.checked().length).toBeGreaterThanOrEqual(5);
  });
});
