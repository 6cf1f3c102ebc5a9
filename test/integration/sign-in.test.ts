import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginTokens, mails, sessions } from "../../src/db/schema/index.js";
import { hashToken } from "../../src/lib/crypto.js";
import { createTestApp, makeTerritory, makeUser, TestClient, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";

function linkFrom(text: string): string {
  const match = /\/connexion\/lien\?jeton=([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error("no link in mail");
  return match[1]!;
}

describe.each(engines)("sign-in by e-mail link on %s", (engine) => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof makeTerritory>>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    territory = await makeTerritory(t.database);
    await makeUser(t.database, { email: "agent@exemple.fr", territoryId: territory.id, roles: ["coordinator"] });
  });
  afterAll(() => t.close());

  async function lastMailTo(address: string) {
    const rows = await t.database.db.select().from(mails).where(eq(mails.toAddress, address));
    return rows.at(-1);
  }

  it("gives the same answer for a known and an unknown address, and mails only the known one", async () => {
    const client = new TestClient(t.app);
    const known = await client.post("/connexion", { email: "Agent@Exemple.fr " });
    const unknown = await client.post("/connexion", { email: "personne@exemple.fr" });
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    const strip = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, "").replace(/<strong>[^<]*<\/strong>/, "");
    expect(strip(known.body)).toBe(strip(unknown.body));
    expect(await lastMailTo("agent@exemple.fr")).toBeDefined();
    expect(await lastMailTo("personne@exemple.fr")).toBeUndefined();
  });

  it("sends at most 5 links an hour to one address, asked from seven fresh browsers, with the same answer each time", async () => {
    await makeUser(t.database, { email: "inondee@exemple.fr", territoryId: territory.id, roles: ["mediator"] });
    const answers: string[] = [];
    for (let i = 0; i < 7; i++) {
      const client = new TestClient(t.app);
      const sent = await client.post("/connexion", { email: "inondee@exemple.fr" });
      expect(sent.statusCode).toBe(200);
      answers.push(sent.body.replace(/name="_csrf" value="[^"]+"/g, ""));
    }
    expect(new Set(answers).size).toBe(1);
    const count = async () => (await t.database.db.select().from(mails).where(eq(mails.toAddress, "inondee@exemple.fr"))).length;
    expect(await count()).toBe(5);
    // An hour later, links may be sent again.
    t.clock.set(new Date(t.clock().getTime() + 61 * 60_000));
    try {
      await new TestClient(t.app).post("/connexion", { email: "inondee@exemple.fr" });
      expect(await count()).toBe(6);
    } finally {
      t.clock.set(new Date(t.clock().getTime() - 61 * 60_000));
    }
  });

  it("stores only the hash of the token, signs in once, rotates the session and lands on the territory", async () => {
    const client = new TestClient(t.app);
    await client.post("/connexion", { email: "agent@exemple.fr" });
    const token = linkFrom((await lastMailTo("agent@exemple.fr"))!.textBody);
    const stored = await t.database.db.select().from(loginTokens).where(eq(loginTokens.tokenHash, hashToken(token)));
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(await t.database.db.select().from(loginTokens))).not.toContain(token);

    const confirm = await client.get(`/connexion/lien?jeton=${token}`);
    expect(confirm.body).toContain("Me connecter");
    const before = client.cookie("maillage_session");
    const signedIn = await client.post("/connexion/lien", { jeton: token });
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe("/");
    const sessionCookie = ([] as string[]).concat(signedIn.headers["set-cookie"] ?? []).find((c) => c.startsWith("maillage_session="));
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Lax/i);
    expect(client.cookie("maillage_session")).not.toBe(before);
    const home = await client.get("/");
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe(`/t/${territory.code}`);

    const again = new TestClient(t.app);
    expect((await again.post("/connexion/lien", { jeton: token })).statusCode).toBe(410);
  });

  it("refuses a link after 15 minutes", async () => {
    const client = new TestClient(t.app);
    await client.post("/connexion", { email: "agent@exemple.fr" });
    const token = linkFrom((await lastMailTo("agent@exemple.fr"))!.textBody);
    t.clock.advance(15 * 60_000 + 1000);
    expect((await client.get(`/connexion/lien?jeton=${token}`)).statusCode).toBe(410);
    expect((await client.post("/connexion/lien", { jeton: token })).statusCode).toBe(410);
  });

  it("keeps what was typed and explains a malformed address in French", async () => {
    const client = new TestClient(t.app);
    const response = await client.post("/connexion", { email: "pas-une-adresse" });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("Saisissez une adresse électronique valide");
    expect(response.body).toContain('value="pas-une-adresse"');
    expect(response.body).toContain("govuk-error-summary");
  });

  it("refuses a form posted without its CSRF token", async () => {
    const client = new TestClient(t.app);
    const response = await client.post("/connexion", { email: "agent@exemple.fr" }, { csrf: false });
    expect(response.statusCode).toBe(419);
    expect(response.body).toContain("La page a expiré");
  });

  it("extends an active session (sliding expiry), writing at most once an hour", async () => {
    const userId = await makeUser(t.database, { email: `actif-${engine}@exemple.fr`, territoryId: territory.id, roles: ["mediator"] });
    const client = await new TestClient(t.app).signInAs(t, userId);
    const expiry = async () => (await t.database.db.select().from(sessions).where(eq(sessions.userId, userId)))[0]!.expiresAt.getTime();
    const first = await expiry();
    t.clock.advance(30 * 60_000);
    await client.get(`/t/${territory.code}`);
    expect(await expiry()).toBe(first);
    t.clock.advance(60 * 60_000);
    await client.get(`/t/${territory.code}`);
    expect(await expiry()).toBe(first + 90 * 60_000);
  });

  it("signs out and forgets the session", async () => {
    const userId = await makeUser(t.database, { email: "sortie@exemple.fr", territoryId: territory.id, roles: ["mediator"] });
    const client = await new TestClient(t.app).signInAs(t, userId);
    expect((await client.get(`/t/${territory.code}`)).statusCode).toBe(200);
    await client.post("/deconnexion");
    const after = await client.get(`/t/${territory.code}`);
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toContain("/connexion");
  });
});

describe("sign-in rate limit", () => {
  it("answers 429 in French after too many attempts from one address", async () => {
    const t = await createTestApp("pglite", { rateLimits: { signIn: 3, publicForm: 100 } });
    try {
      const client = new TestClient(t.app);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await client.post("/connexion", { email: `x${i}@exemple.fr` })).statusCode);
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses[3]).toBe(429);
      const last = await client.post("/connexion", { email: "y@exemple.fr" });
      expect(last.body).toContain("Trop de tentatives");
    } finally {
      await t.close();
    }
  });
});
