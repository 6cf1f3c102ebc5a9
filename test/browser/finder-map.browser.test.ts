// The finder's map is an enhancement: with JavaScript and configured tiles (here a local tile server) it shows
// the places of the page as markers linking to their pages; without JavaScript the list alone is there.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTerritory } from "../support/app.js";
import { a11yLedger, checkA11y, startBrowserWorld, type BrowserWorld, type PageOpener, type RunningApp } from "../support/browser.js";
import { lieuRecord, makePlace } from "../support/inclusion.js";

// A 1×1 grey PNG served for every tile.
const TILE = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mN8+/ZtPQAIMgNNH/kBhQAAAABJRU5ErkJggg==", "base64");

describe("the finder's map in Chromium", () => {
  let world: BrowserWorld | undefined;
  let running: RunningApp;
  let pages: PageOpener;
  let tiles: http.Server;
  let tileRequests = 0;

  beforeAll(async () => {
    tiles = http.createServer((_req, res) => {
      tileRequests++;
      res.writeHead(200, { "content-type": "image/png" }).end(TILE);
    });
    await new Promise<void>((resolve) => tiles.listen(0, "127.0.0.1", resolve));
    const tileUrl = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}/{z}/{x}/{y}.png`;
    world = await startBrowserWorld({
      config: { mapTileUrl: tileUrl, mapAttribution: "Fond de carte d'essai" },
      worker: false,
      beforeStart: async (database) => {
        const territory = await makeTerritory(database);
        await makePlace(database, { territoryId: territory.id, record: lieuRecord({ nom: "Médiathèque du Val", latitude: 46.65, longitude: -0.25 }) });
        await makePlace(database, { territoryId: territory.id, record: lieuRecord({ nom: "Mairie du Val", latitude: 46.61, longitude: -0.41 }) });
      },
    });
    ({ running, pages } = world);
  });

  afterAll(async () => {
    await world?.close();
    tiles?.close();
  });

  it("draws a marker per place with JavaScript, and keeps the list alone without it", async () => {
    const page = await pages.open();
    await page.goto(`${running.url}/lieux?ou=79200`);
    await page.waitForSelector("#carte-lieux .leaflet-marker-icon");
    expect(await page.locator("#carte-lieux").isVisible()).toBe(true);
    expect(await page.locator("#carte-lieux .leaflet-marker-icon").count()).toBe(2);
    expect(tileRequests).toBeGreaterThan(0);
    await checkA11y(page);

    const plain = await pages.open({ javaScriptEnabled: false });
    await plain.goto(`${running.url}/lieux?ou=79200`);
    await checkA11y(plain);
    expect(await plain.locator("#carte-lieux").isVisible()).toBe(false);
    expect(await plain.locator("main").innerText()).toContain("Médiathèque du Val");
  });

  it("checked every page it rendered with axe-core", () => {
    expect(a11yLedger.unchecked()).toEqual([]);
  });
});
