// In Chromium: a coordinator imports connectivity and census files from the web, opens the map (also with
// JavaScript off) and a commune page, edits the index weights, builds two planner scenarios and compares
// them. axe-core on every page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { demoAccounts, seedDemo } from "../../src/modules/demo/demo.seed.js";
import { TECHNO_HEADER } from "../../src/modules/connectivity/connectivity.fixtures.js";
import { testEpoch } from "../support/app.js";
import { checkA11y, importThroughWeb, newTestContext, signInContext, startBrowserWorld, type BrowserWorld, type PageOpener, type RunningApp } from "../support/browser.js";
import { users } from "../../src/db/schema/index.js";
import { eq } from "drizzle-orm";

describe("connectivity and observatory in Chromium", () => {
  let world: BrowserWorld | undefined;
  let running: RunningApp;
  let pages: PageOpener;
  let code = "";
  let coordinatorId = 0;

  beforeAll(async () => {
    world = await startBrowserWorld({
      beforeStart: async (database) => {
        code = (await seedDemo(database.db, testEpoch)).code;
        coordinatorId = (await database.db.select({ id: users.id }).from(users).where(eq(users.email, demoAccounts[1]!.email)))[0]!.id;
      },
    });
    ({ running, pages } = world);
  }, 180_000);
  afterAll(() => world?.close());

  const url = (path: string) => `${running.url}/t/${code}${path}`;

  const importFile = (page: Page, path: string, name: string, content: string) => importThroughWeb(page, running, url(path), { name, content });

  it("imports, maps, explains, re-weights and plans", async () => {
    const page = await pages.open({ signedInAs: coordinatorId });
    await importFile(page, "/connectivite/import", "commune_techno.csv", [TECHNO_HEADER, "79202;Parthenay;79;75;6400;all;6390;0;6400;0;6400;0;6400;2026-06-30", "75056;Paris;75;11;1000;all;999;0;0;0;0;0;0;2026-06-30"].join("\n"));
    expect(await page.locator("main").innerText()).toContain("1 ligne d'une autre commune ignorée");
    await importFile(page, "/observatoire/indicateurs/import", "base-cc-emploi.csv", ["CODGEO;P21_ACT1564;P21_CHOM1564", "79202;4600;460", "79080;900;54"].join("\n"));
    expect(await page.locator("main").innerText()).toContain("Taux de chômage des 15-64 ans");

    await page.goto(url("/connectivite"));
    await checkA11y(page);
    expect(await page.locator("main").innerText()).toContain("Communes qui n'atteindront pas l'objectif");

    await page.goto(url("/observatoire/carte?indicateur=part_locaux_ftth"));
    await checkA11y(page);
    expect(await page.locator("svg.maillage-map-svg a").count()).toBe(38);
    await page.locator('svg.maillage-map-svg a[href$="/communes/79202"]').click();
    await checkA11y(page);
    expect(await page.locator("h1").innerText()).toContain("Parthenay");
    // 6,390 of 6,400: 99.84 %, never shown as 100 %.
    expect(await page.locator("main").innerText()).toContain("99,8\u00a0%");

    await page.goto(url("/observatoire/indice/nouvelle-version"));
    await checkA11y(page);
    await page.getByLabel("Nom de la version").fill("Chômage compris");
    await page.getByLabel("Taux de chômage des 15-64 ans").fill("0,2");
    await page.getByLabel("Locaux sans accès filaire à 30 Mbit/s").fill("0,1");
    await page.getByRole("button", { name: "Enregistrer et mettre en vigueur" }).click();
    await checkA11y(page);
    expect(await page.locator("main").innerText()).toContain("Version : Chômage compris");
    await page.goto(url("/observatoire/indice/comparer"));
    await checkA11y(page);

    for (const [name, budget] of [["Cent mille", "100000"], ["Deux cent mille", "200000"]] as const) {
      await page.goto(url("/observatoire/repartition"));
      await checkA11y(page);
      await page.getByLabel("Budget (en euros)").fill(budget);
      await page.getByLabel("Nom du scénario (pour l'enregistrer)").fill(name);
      await page.getByRole("button", { name: "Enregistrer le scénario" }).click();
      await checkA11y(page);
      expect(await page.locator("h1").innerText()).toContain(name);
    }
    await page.goto(url("/observatoire/repartition"));
    await page.getByRole("button", { name: "Comparer deux scénarios" }).click();
    await checkA11y(page);
    await page.getByLabel("Scénario A").selectOption({ label: "Cent mille" });
    await page.getByLabel("Scénario B").selectOption({ label: "Deux cent mille" });
    await page.getByRole("button", { name: "Comparer" }).click();
    await checkA11y(page);
    expect(await page.locator("main").innerText()).toContain("« Cent mille » et « Deux cent mille »");
  }, 240_000);

  it("shows the map and follows a commune's link with JavaScript off", async () => {
    const context = await newTestContext(world!.browser, { javaScriptEnabled: false });
    try {
      await signInContext(context, running, world!.database, coordinatorId);
      const page = await context.newPage();
      await page.goto(url("/observatoire/carte?indicateur=indice_fragilite"));
      await checkA11y(page);
      expect(await page.locator("svg.maillage-map-svg a path").count()).toBe(38);
      await page.locator('svg.maillage-map-svg a[href$="/communes/79080"]').click();
      await checkA11y(page);
      expect(await page.locator("h1").innerText()).toContain("Châtillon-sur-Thouet");
    } finally {
      await context.close();
    }
  }, 120_000);
});
