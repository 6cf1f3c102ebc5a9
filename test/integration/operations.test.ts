// What an instance shows the outside and its operators in production: a health check that says nothing about the
// instance's internals, and an operators' menu that links only to pages that exist there.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, makeUser, TestClient, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";

describe.each(engines)("an instance in production on %s", (engine) => {
  let t: TestApp;
  let databaseClosed = false;
  beforeAll(async () => {
    t = await createTestApp(engine, { config: { production: true } });
  });
  afterAll(async () => {
    if (databaseClosed) await t.app.close();
    else await t.close();
  });

  it("does not link operators to the stored-mail pages, which do not exist in production", async () => {
    const operator = await new TestClient(t.app).signInAs(t, await makeUser(t.database, { email: `exploitation-${engine}@instance.fr`, operator: true }));
    for (const url of ["/operateur", "/operateur/taches"]) {
      const page = await operator.get(url);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('href="/operateur/journal"');
      expect(page.body).not.toContain("/operateur/courriels");
    }
    expect((await operator.get("/operateur/courriels")).statusCode).toBe(404);
  });

  it("answers /sante with its status only, never cached, and 503 once its database is gone", async () => {
    const healthy = await t.app.inject({ method: "GET", url: "/sante" });
    expect({ status: healthy.statusCode, body: healthy.body, cache: healthy.headers["cache-control"] }).toEqual({ status: 200, body: '{"statut":"ok"}', cache: "no-store" });
    // The web app's connections first (on a server, the test database is dropped with the owner's).
    await t.deps.database.close();
    await t.database.close();
    databaseClosed = true;
    const down = await t.app.inject({ method: "GET", url: "/sante" });
    expect({ status: down.statusCode, body: down.body }).toEqual({ status: 503, body: '{"statut":"indisponible"}' });
  });
});
