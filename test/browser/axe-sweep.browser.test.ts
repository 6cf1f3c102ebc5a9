// axe-core on every page of the application: each GET route of a territory, filled with the demo territory's
// data and visited as its admin, plus the public pages. A route that cannot be filled is listed, not skipped
// silently.
import { sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/client.js";
import { seedDemo, demoAccounts } from "../../src/modules/demo/demo.seed.js";
import { a11yLedger, checkA11y, startBrowserWorld, type BrowserWorld, type RunningApp } from "../support/browser.js";
import { testEpoch } from "../support/app.js";

/** Pages reached only with query parameters from a previous step (covered by their module's tests). */
const needQuery = new Set(["/t/:code/rendez-vous/nouveau/coordonnees", "/t/:code/plan/comparaison"]);

/** Downloads and images are not pages. */
const notPages = /(\.csv|\.xlsx|\.json|\.ics|\/export|\/photo|\/rapport|\/suggestions)/;

describe("axe-core on every page, in Chromium", () => {
  let world: BrowserWorld | undefined;
  let running: RunningApp;
  let page: Page;
  let code = "";
  const params: Record<string, string> = {};
  const visitedPaths: string[] = [];
  /** Pages wider than the window, with the width and the excess. */
  const overflowing: string[] = [];

  async function measureOverflow(page: Page, path: string): Promise<void> {
    const { extra, width, culprits } = await page.evaluate(() => {
      const limit = document.documentElement.clientWidth;
      // The outermost elements that stick out (their parent fits): where to look.
      const culprits = [...document.querySelectorAll("body *")]
        .filter((e) => {
          if (e.getBoundingClientRect().right <= limit + 1) return false;
          for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== "visible" || a.getBoundingClientRect().right > limit + 1) return false;
          return true;
        })
        .slice(0, 3)
        .map((e) => {
          const chain: string[] = [];
          for (let a: Element | null = e; a && chain.length < 6; a = a.parentElement) chain.push(`${a.tagName.toLowerCase()}.${[...a.classList].join(".")}[${Math.round(a.getBoundingClientRect().width)} ${getComputedStyle(a).display} ${getComputedStyle(a).overflowX}]`);
          return chain.join(" < ");
        });
      return { extra: document.documentElement.scrollWidth - limit, width: window.innerWidth, culprits };
    });
    if (extra > 0) overflowing.push(`${width} px: ${path} (+${extra} px: ${culprits.join(", ")})`);
  }

  /** Measures the document shown at 1,280 px, then as on a 360 px phone (the same document reflowed), then back. */
  async function measureBothWidths(page: Page, path: string): Promise<void> {
    await measureOverflow(page, path);
    await page.setViewportSize({ width: 360, height: 740 });
    await measureOverflow(page, path);
    await page.setViewportSize({ width: 1280, height: 720 });
  }

  beforeAll(async () => {
    world = await startBrowserWorld({
      worker: false,
      beforeStart: async (database) => {
        const demo = await seedDemo(database.db, testEpoch);
        code = demo.code;
        const first = async (query: ReturnType<typeof sql>) => (await queryRows<{ id: string | number }>(database.db, query))[0]?.id;
        const t = demo.territoryId;
        const values: Record<string, string | number | undefined> = {
          placeId: await first(sql`select id from places where territory_id = ${t} order by id limit 1`),
          mediatorId: await first(sql`select id from mediators where territory_id = ${t} order by id limit 1`),
          plageId: await first(sql`select id from plages where territory_id = ${t} order by id limit 1`),
          motifId: await first(sql`select id from motifs where territory_id = ${t} order by id limit 1`),
          // An upcoming one: the pages of an appointment (moving it) exist only before it starts.
          appointmentId: await first(sql`select id from appointments where territory_id = ${t} and status = 'a_venir' and starts_at > ${testEpoch.toISOString()}::timestamptz order by starts_at limit 1`),
          schoolId: await first(sql`select id from schools where territory_id = ${t} order by id limit 1`),
          itemId: await first(sql`select id from equipment_items where territory_id = ${t} order by id limit 1`),
          userId: await first(sql`select user_id as id from memberships where territory_id = ${t} order by user_id limit 1`),
          groupId: await first(sql`select id from commune_groups where territory_id = ${t} order by id limit 1`),
          insee: await first(sql`select insee as id from communes where territory_id = ${t} and insee = '79202'`),
          planId: await first(sql`select id from allocation_scenarios where territory_id = ${t} order by id limit 1`),
          // The demo network: a public sheet of another member, this year's motion (amendments), last year's (adopted).
          publicSheet: await first(sql`select id from experience_sheets where visibility = 'public' and territory_id <> ${t} order by id limit 1`),
          currentMotion: await first(sql`select id from motions where phase = 'amendements' order by id limit 1`),
          pastMotion: await first(sql`select id from motions where phase = 'suivi' order by id limit 1`),
          consultation: await first(sql`select id from consultations order by id limit 1`),
          group: await first(sql`select id from working_groups order by id limit 1`),
        };
        for (const [k, v] of Object.entries(values)) if (v !== undefined) params[k] = String(v);
      },
    });
    running = world.running;
    const adminId = (await queryRows<{ id: number }>(world.database.db, sql`select id from users where email = ${demoAccounts[0]!.email}`))[0]!.id;
    page = await world.pages.open({ signedInAs: adminId });
  }, 120_000);

  afterAll(() => world?.close());

  it("finds no violation on any page a territory admin can open", async () => {
    const routes = running.app.routeTable.filter((r) => r.method === "GET" && r.url.startsWith("/t/:code") && !notPages.test(r.url) && !needQuery.has(r.url));
    const unfilled: string[] = [];
    const visited: string[] = [];
    const refused: string[] = [];
    for (const route of routes) {
      let missing = false;
      const path = route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
        if (name === "code") return code;
        if (!(name in params)) missing = true;
        return params[name] ?? "";
      });
      if (missing) {
        unfilled.push(route.url);
        continue;
      }
      const response = await page.goto(`${running.url}${path}`);
      await checkA11y(page);
      await measureBothWidths(page, path);
      if (response && response.status() < 400) visited.push(path);
      else refused.push(`${response?.status()} ${route.url}`);
    }
    // Pages of the observatory reached with parameters: another theme, another indicator on the map, a computed plan.
    for (const path of [`/t/${code}/observatoire?theme=population`, `/t/${code}/observatoire/carte?indicateur=part_locaux_ftth`, `/t/${code}/observatoire/indice/comparer?a=defaut`]) {
      const response = await page.goto(`${running.url}${path}`);
      expect(response!.status(), path).toBeLessThan(400);
      await checkA11y(page);
      await measureBothWidths(page, path);
      visited.push(path);
    }
    // The network's pages: public, a member territory's, the facilitator's (the demo admin facilitates).
    for (const path of [
      "/reseau",
      "/reseau/fiches?q=ecole",
      `/reseau/fiches/${params.publicSheet}`,
      "/reseau/suivi",
      `/reseau/motions/${params.pastMotion}/versions/1`,
      "/reseau/animation",
      `/reseau/animation/motions/${params.currentMotion}`,
      `/reseau/animation/motions/${params.pastMotion}`,
      `/t/${code}/reseau?q=numerique`,
      `/t/${code}/reseau/fiches/${params.publicSheet}`,
      `/t/${code}/reseau/motions/${params.currentMotion}`,
      `/t/${code}/reseau/motions/${params.pastMotion}`,
      `/t/${code}/reseau/consultations/${params.consultation}`,
      `/reseau/animation/consultations/${params.consultation}`,
      `/reseau/animation/groupes/${params.group}`,
      `/t/${code}/reseau/fiches/nouvelle`,
      `/t/${code}/reseau/delegues`,
    ]) {
      const response = await page.goto(`${running.url}${path}`);
      expect(response!.status(), path).toBeLessThan(400);
      await checkA11y(page);
      await measureBothWidths(page, path);
      visited.push(path);
    }
    for (const path of ["/", "/lieux", `/lieux?ou=Parthenay`, `/lieux/${params.placeId}`, "/accessibilite", "/donnees-personnelles", "/api/v1", "/operateur", "/operateur/taches", "/operateur/journal", "/operateur/courriels"]) {
      const response = await page.goto(`${running.url}${path}`);
      expect(response!.status(), path).toBeLessThan(400);
      await checkA11y(page);
      await measureBothWidths(page, path);
      visited.push(path);
    }
    expect(visited.length).toBeGreaterThan(40);
    visitedPaths.push(...visited);
    // An admin may open every territory page; only pages needing data the demo lacks may refuse.
    expect(refused).toEqual([]);
    // Routes whose parameters the demo data does not provide; they are covered by the module tests.
    expect(unfilled.length).toBeLessThan(routes.length / 3);
  }, 240_000);

  it("fits every page in a 360 px phone and a 1,280 px screen without horizontal scrolling (wide tables scroll inside their own region)", () => {
    // Measured by the first test on each document at both widths (axe ran on it once).
    expect(visitedPaths.length).toBeGreaterThan(40);
    expect(overflowing).toEqual([]);
  });

  it("gives every demo role a home page of its day, and its menu's pages, at 360 and 1,280 px without horizontal scrolling", async () => {
    const headings: Record<string, string> = {
      [`coordination@`]: "À suivre",
      [`mediation@`]: "Votre journée",
      [`ecole@`]: "Votre école",
      [`elu@`]: "Le territoire en chiffres",
    };
    const violations: string[] = [];
    const before = overflowing.length;
    for (const account of demoAccounts.slice(1)) {
      const userId = (await queryRows<{ id: number }>(world!.database.db, sql`select id from users where email = ${account.email}`))[0]!.id;
      const rolePage = await world!.pages.open({ signedInAs: userId });
      {
        await rolePage.setViewportSize({ width: 1280, height: 720 });
        await rolePage.goto(`${running.url}/t/${code}`);
        const heading = headings[account.email.replace(/@.*/, "@")]!;
        expect(await rolePage.getByRole("heading", { name: heading }).count(), account.email).toBe(1);
        await checkA11y(rolePage).catch((error: Error) => violations.push(`${account.email}: ${error.message}`));
        await measureBothWidths(rolePage, `${account.email} /t/${code}`);
        // The menu's pages, as this role sees them, on a phone (the admin pass above saw every page at both widths).
        await rolePage.setViewportSize({ width: 360, height: 740 });
        const width = 360;
        const menu = await rolePage.locator(".govuk-service-navigation__link, .govuk-header__navigation-item a").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
        for (const path of [...new Set(menu)].filter((p) => p.startsWith(`/t/${code}/`))) {
          await rolePage.goto(`${running.url}${path}`);
          await checkA11y(rolePage).catch((error: Error) => violations.push(`${account.email} ${width} px: ${error.message}`));
          await measureOverflow(rolePage, `${account.email} ${path}`);
        }
      }
    }
    expect(overflowing.slice(before)).toEqual([]);
    expect(violations).toEqual([]);
  }, 300_000);

  it("checked every page it rendered with axe-core", () => {
    expect(a11yLedger.unchecked()).toEqual([]);
  });
});
