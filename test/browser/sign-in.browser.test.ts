// In Chromium: sign-in through the link e-mailed over real SMTP, tenant refusal, pages of each role, no-JS use,
// and axe-core on every page rendered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTerritory, makeUser } from "../support/app.js";
import { a11yLedger, checkA11y, startBrowserWorld, type BrowserWorld, type PageOpener, type RunningApp } from "../support/browser.js";
import type { TestSmtpServer } from "../support/smtp.js";

describe("in Chromium, with axe-core on every page", () => {
  let world: BrowserWorld<TestSmtpServer> | undefined;
  let smtp: TestSmtpServer;
  let running: RunningApp;
  let territoryA: Awaited<ReturnType<typeof makeTerritory>>;
  let territoryB: Awaited<ReturnType<typeof makeTerritory>>;
  let adminId: number;
  let operatorId: number;
  let pages: PageOpener;

  beforeAll(async () => {
    world = await startBrowserWorld({
      smtp: true,
      beforeStart: async (database) => {
        territoryA = await makeTerritory(database, { name: "Communauté du Val d'Essai" });
        territoryB = await makeTerritory(database, { name: "Communauté des Monts Cachés" });
        await makeUser(database, { email: "agent@exemple.fr", territoryId: territoryA.id, roles: ["coordinator"] });
        await makeUser(database, { email: "agent-b@exemple.fr", territoryId: territoryB.id, roles: ["coordinator"] });
        adminId = await makeUser(database, { email: "admin@exemple.fr", territoryId: territoryA.id, roles: ["admin"] });
        operatorId = await makeUser(database, { email: "operateur@exemple.fr", operator: true });
      },
    });
    ({ smtp, running, pages } = world);
  });

  afterAll(() => world?.close());


  const url = (path: string) => `${running.url}${path}`;

  it("signs in through the link received by SMTP, lands on the territory home, and is refused another territory", async () => {
    const page = await pages.open();
    await page.goto(url("/"));
    expect(await page.getAttribute("html", "lang")).toBe("fr");
    await checkA11y(page);

    await page.goto(url("/connexion"));
    await checkA11y(page);
    await page.getByLabel("Adresse électronique").fill("agent@exemple.fr");
    const before = smtp.messages.length;
    await page.getByRole("button", { name: "Recevoir un lien de connexion" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Vérifiez votre messagerie");
    await checkA11y(page);

    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(mail!.to).toEqual(["agent@exemple.fr"]);
    const link = /(http:\/\/\S+\/connexion\/lien\?jeton=[A-Za-z0-9_-]+)/.exec(mail!.text)?.[1];
    expect(link, mail!.text).toBeDefined();
    expect(link!.startsWith(`${running.url}/`)).toBe(true);

    await page.goto(link!);
    await checkA11y(page);
    await page.getByRole("button", { name: "Me connecter" }).click();
    await page.waitForURL(url(`/t/${territoryA.code}`));
    expect(await page.getAttribute("html", "lang")).toBe("fr");
    expect(await page.locator("h1").textContent()).toContain(territoryA.name);
    await checkA11y(page);

    const refused = await page.goto(url(`/t/${territoryB.code}`));
    expect(refused!.status()).toBe(404);
    expect(await page.locator("h1").textContent()).toBe("Page introuvable");
    expect(await page.content()).not.toContain(territoryB.name);
    await checkA11y(page);
  });

  it("shows an error summary for a malformed address and keeps what was typed", async () => {
    const page = await pages.open();
    await page.goto(url("/connexion"));
    await checkA11y(page);
    await page.getByLabel("Adresse électronique").fill("pas-une-adresse");
    await page.getByRole("button", { name: "Recevoir un lien de connexion" }).click();
    const summary = page.locator(".govuk-error-summary");
    await summary.waitFor();
    expect(await summary.textContent()).toContain("Saisissez une adresse électronique valide");
    expect(await page.title()).toMatch(/^Erreur/);
    expect(await page.getByLabel("Adresse électronique").inputValue()).toBe("pas-une-adresse");
    await checkA11y(page);
  });

  it("works with JavaScript off: sign-in, accessibility statement, personal-data notice", async () => {
    const page = await pages.open({ javaScriptEnabled: false });
    for (const [path, heading] of [
      ["/accessibilite", /accessibilité/i],
      ["/donnees-personnelles", /données personnelles/i],
      ["/connexion", /Se connecter/],
    ] as const) {
      const response = await page.goto(url(path));
      expect(response!.status(), path).toBe(200);
      expect(await page.locator("h1").textContent()).toMatch(heading);
      await checkA11y(page);
    }
    await page.getByLabel("Adresse électronique").fill("agent@exemple.fr");
    await page.getByRole("button", { name: "Recevoir un lien de connexion" }).click();
    await page.waitForLoadState("load");
    expect(await page.locator("h1").textContent()).toBe("Vérifiez votre messagerie");
    await checkA11y(page);
  });

  it("shows a territory admin the members, communes and audit log pages", async () => {
    const page = await pages.open({ signedInAs: adminId });
    for (const path of ["", "/membres", "/communes", "/journal"]) {
      const response = await page.goto(url(`/t/${territoryA.code}${path}`));
      expect(response!.status(), path).toBe(200);
      expect(page.url()).toBe(url(`/t/${territoryA.code}${path}`));
      await checkA11y(page);
    }
  });

  it("shows an operator the territories, jobs and stored mail pages", async () => {
    const page = await pages.open({ signedInAs: operatorId });
    for (const path of ["/operateur", "/operateur/taches", "/operateur/courriels"]) {
      const response = await page.goto(url(path));
      expect(response!.status(), path).toBe(200);
      await checkA11y(page);
    }
  });

  it("checked every page it rendered with axe-core", () => {
    expect(a11yLedger.unchecked()).toEqual([]);
    expect(a11yLedger.checked().length).toBeGreaterThanOrEqual(17);
  });
});
