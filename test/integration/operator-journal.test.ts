// The operators' page shows the instance's own audit events (no territory), and only to operators.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../../src/db/client.js";
import { withNetwork, withPublic, withTenant } from "../../src/db/tenant.js";
import { recordAudit } from "../../src/modules/audit/audit.commands.js";
import { createTestApp, makeTerritory, makeUser, TestClient, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";

describe.each(engines)("instance audit log on %s", (engine) => {
  let t: TestApp;
  let territoryId: number;
  beforeAll(async () => {
    t = await createTestApp(engine);
    territoryId = (await makeTerritory(t.database)).id;
    const actor = { userId: null, label: "cli", ip: null, at: t.clock() };
    await recordAudit(t.database.db, { territoryId: null, actor, action: "instance-role.grant", entityType: "user", entityId: 42, details: { role: "operator" } });
    await recordAudit(t.database.db, { territoryId, actor, action: "member.invite", entityType: "user", entityId: 43, details: {} });
  });
  afterAll(() => t.close());

  it("lists events that belong to no territory for an operator, and none of a territory's", async () => {
    const operator = await new TestClient(t.app).signInAs(t, await makeUser(t.database, { email: `operatrice-${engine}@instance.fr`, operator: true }));
    const page = await operator.get("/operateur/journal");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Journal de l'instance");
    expect(page.body).toContain("Rôle d'opérateur ou d'animation donné");
    expect(page.body).toContain("user n° 42");
    expect(page.body).not.toContain("user n° 43");
  });

  it("answers 404 to anyone who is not an operator", async () => {
    const admin = await new TestClient(t.app).signInAs(t, await makeUser(t.database, { email: `admin-${engine}@territoire.fr`, territoryId, roles: ["admin"] }));
    expect((await admin.get("/operateur/journal")).statusCode).toBe(404);
    expect((await new TestClient(t.app).get("/operateur/journal")).statusCode).toBe(404);
  });

  it("keeps the instance's events from every other context of the web app's role, the public one included", async () => {
    const instanceEvents = sql`select count(*)::int as n from audit_events where territory_id is null`;
    const count = async (rows: Promise<{ n: number }[]>) => (await rows)[0]!.n;
    expect(await count(queryRows(t.database.db, instanceEvents))).toBeGreaterThan(0);
    expect(await count(withPublic(t.database, (db) => queryRows(db, instanceEvents)))).toBe(0);
    expect(await count(withTenant(t.database.db, territoryId, (tx) => queryRows(tx, instanceEvents)))).toBe(0);
    // A signed operator context for someone who is not (or no longer) an operator reads nothing either.
    const notOperator = await makeUser(t.database, { email: `ancien-operateur-${engine}@instance.fr` });
    expect(await count(withNetwork(t.database.db, { role: "operator", userId: notOperator }, (tx) => queryRows(tx, instanceEvents)))).toBe(0);
    const operator = await makeUser(t.database, { email: `operateur-${engine}@instance.fr`, operator: true });
    expect(await count(withNetwork(t.database.db, { role: "operator", userId: operator }, (tx) => queryRows(tx, instanceEvents)))).toBeGreaterThan(0);
  });
});
