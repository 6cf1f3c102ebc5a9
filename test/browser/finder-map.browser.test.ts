// The finder's map is an enhancement: with JavaScript and configured tiles (here a local tile server) it shows
// the places of the page as markers linking to their pages; without JavaScript the list alone is there.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { makeTerritory } from "../support/app.js";
import { a11yLedger, checkA11y, launchChromium, newTestContext, startRunningApp, type RunningApp } from "../support/browser.js";
import { createTestDatabase } from "../support/database.js";
import { lieuRecord, makePlace } from "../support/inclusion.js";

// A 1×1 grey PNG served for every tile.
const TILE = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mN8+/ZtPQAIMgNNH/kBhQAAAABJRU5ErkJggg==", "base64");

describe("the finder's map in Chromium", () => {
  let database: Database;
  let running: RunningApp;
  let browser: Browser;
  let tiles: http.Server;
  let tileRequests = 0;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    tiles = http.createServer((_req, res) => {
      tileRequests++;
      res.writeHead(200, { "content-type": "image/png" }).end(TILE);
    });
    await new Promise<void>((resolve) => tiles.listen(0, "127.0.0.1", resolve));
    const tileUrl = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}/{z}/{x}/{y}.png`;
    [database, browser] = await Promise.all([createTestDatabase("pglite"), launchChromium()]);
    const territory = await makeTerritory(database);
    await makePlace(database, { territoryId: territory.id, record: lieuRecord({ nom: "Médiathèque du Val", latitude: 46.65, longitude: -0.25 }) });
    await makePlace(database, { territoryId: territory.id, record: lieuRecord({ nom: "Mairie du Val", latitude: 46.61, longitude: -0.41 }) });
    running = await startRunningApp(database, { config: { mapTileUrl: tileUrl, mapAttribution: "Fond de carte d'essai" }, worker: false });
  });

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await running?.close();
    await database?.close();
    tiles?.close();
  });

  it("draws a marker per place with JavaScript, and keeps the list alone without it", async () => {
    const context = await newTestContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${running.url}/lieux?ou=79200`);
    await page.waitForSelector("#carte-lieux .leaflet-marker-icon");
    expect(await page.locator("#carte-lieux").isVisible()).toBe(true);
    expect(await page.locator("#carte-lieux .leaflet-marker-icon").count()).toBe(2);
    expect(tileRequests).toBeGreaterThan(0);
    await checkA11y(page);

    const scriptless = await newTestContext(browser, { javaScriptEnabled: false });
    contexts.push(scriptless);
    const plain = await scriptless.newPage();
    await plain.goto(`${running.url}/lieux?ou=79200`);
    await checkA11y(plain);
    expect(await plain.locator("#carte-lieux").isVisible()).toBe(false);
    expect(await plain.locator("main").innerText()).toContain("Médiathèque du Val");
  });

  it("checked every page it rendered with axe-core", () => {
    expect(a11yLedger.unchecked()).toEqual([]);
  });
});
