// Every page or form whose address holds an id answers « page introuvable » (or asks to sign in), never a server error,
// for what cannot be an id: letters, zero, a decimal, a number past PostgreSQL's integers. Tried as a visitor and as
// a person holding every role (territory admin, operator, network facilitator).
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../src/db/schema/index.js";
import { createTestApp, makeTerritory, makeUser, TestClient, type TestApp } from "../support/app.js";

describe("ids in addresses", () => {
  let t: TestApp;
  let code = "";
  let everything: TestClient;

  beforeAll(async () => {
    t = await createTestApp("pglite");
    const territory = await makeTerritory(t.database);
    code = territory.code;
    const userId = await makeUser(t.database, { email: "tout@exemple.fr", territoryId: territory.id, roles: ["admin", "coordinator", "mediator"], operator: true });
    await t.database.db.update(users).set({ isFacilitator: true }).where(eq(users.id, userId));
    everything = await new TestClient(t.app).signInAs(t, userId);
  });
  afterAll(() => t.close());

  it("answers every page and form with an impossible id without a server error", async () => {
    const routes = t.app.routeTable.filter((r) => (r.method === "GET" || r.method === "POST") && /\/:(?!code\b)[A-Za-z]+/.test(r.url));
    expect(routes.length).toBeGreaterThan(20);
    const failures: string[] = [];
    const visitor = new TestClient(t.app);
    for (const route of routes) {
      for (const id of ["abc", "0", "1.5", "99999999999"]) {
        const url = route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => (name === "code" ? code : id));
        for (const [who, client] of [["visitor", visitor], ["every role", everything]] as const) {
          const { statusCode } = route.method === "GET" ? await client.get(url) : await client.post(url, {});
          if (statusCode >= 500) failures.push(`${who} ${route.method} ${url} → ${statusCode}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
