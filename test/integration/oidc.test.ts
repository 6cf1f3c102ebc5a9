import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, users } from "../../src/db/schema/index.js";
import { cliActor } from "../../src/modules/audit/audit.commands.js";
import { unlinkOidcIdentity } from "../../src/modules/accounts/oidc.commands.js";
import { createTestApp, makeTerritory, makeUser, TestClient, type TestApp } from "../support/app.js";
import { signInAtProvider, startOidcProvider, type TestOidcProvider } from "../support/oidc-provider.js";

// One engine is enough here: the flow touches no engine-specific SQL; the provider is what is under test.
const redirectUri = "http://maillage.test/connexion/oidc/retour";

function cookieHeader(response: { headers: Record<string, unknown> }, name: string): string | undefined {
  return ([] as string[]).concat((response.headers["set-cookie"] as string | string[] | undefined) ?? []).find((c) => c.startsWith(`${name}=`));
}

describe("OpenID Connect sign-in against a real local provider", () => {
  let provider: TestOidcProvider;
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof makeTerritory>>;
  let other: Awaited<ReturnType<typeof makeTerritory>>;
  let agentId: number;

  beforeAll(async () => {
    provider = await startOidcProvider({
      redirectUri,
      accounts: {
        agent: { email: "Camille.Martin@Mairie.fr", given_name: "Camille", usual_name: "Martin" },
        nommee: { email: "nommee@mairie.fr", email_verified: true, given_name: "Autre", usual_name: "Nom" },
        multi: { email: "deux-territoires@mairie.fr", given_name: "Dominique", usual_name: "Bernard" },
        inconnue: { email: "inconnue@mairie.fr", given_name: "Alex", usual_name: "Petit" },
        "non-verifiee": { email: "non-verifiee@mairie.fr", email_verified: false },
        // Another identity of the provider holding an address that already opened an account.
        "nouvelle-titulaire": { email: "camille.martin@mairie.fr", given_name: "Claude", usual_name: "Autre" },
      },
    });
    const oidc = { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, label: "ProConnect" };
    t = await createTestApp("pglite", { config: { oidc } });
    territory = await makeTerritory(t.database);
    other = await makeTerritory(t.database);
    agentId = await makeUser(t.database, { email: "camille.martin@mairie.fr", territoryId: territory.id, roles: ["coordinator"] });
    const named = await makeUser(t.database, { email: "nommee@mairie.fr", territoryId: territory.id, roles: ["mediator"] });
    await t.database.db.update(users).set({ displayName: "Nom choisi" }).where(eq(users.id, named));
    await makeUser(t.database, { email: "deux-territoires@mairie.fr", territoryId: territory.id, roles: ["mediator"] });
    await makeUser(t.database, { email: "deux-territoires@mairie.fr", territoryId: other.id, roles: ["elected"] });
    await makeUser(t.database, { email: "non-verifiee@mairie.fr", territoryId: territory.id, roles: ["mediator"] });
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  /** Starts at Maillage, goes through the provider, and stops at the provider's redirection back to Maillage. */
  async function throughProvider(client: TestClient, login: string, options: { cancel?: boolean } = {}): Promise<URL> {
    const start = await client.get("/connexion/oidc");
    expect(start.statusCode).toBe(303);
    return signInAtProvider(start.headers.location as string, { login, redirectUri, ...options });
  }

  const local = (url: URL) => `${url.pathname}${url.search}`;

  it("offers the provider on the sign-in page", async () => {
    const page = await new TestClient(t.app).get("/connexion");
    expect(page.body).toContain('href="/connexion/oidc"');
    expect(page.body).toContain("Se connecter avec ProConnect");
  });

  it("sends the browser to the provider with PKCE, state, nonce and ProConnect's scopes, secrets kept in a short-lived cookie", async () => {
    const start = await t.app.inject({ method: "GET", url: "/connexion/oidc" });
    expect(start.statusCode).toBe(303);
    const url = new URL(start.headers.location as string);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("client_id")).toBe(provider.clientId);
    expect(url.searchParams.get("redirect_uri")).toBe(redirectUri);
    expect(url.searchParams.get("scope")).toBe("openid email given_name usual_name");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("nonce")).toBeTruthy();
    expect(url.searchParams.has("code_verifier")).toBe(false);
    expect(url.searchParams.has("acr_values")).toBe(false);

    const cookie = cookieHeader(start, "maillage_oidc")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Max-Age=600/i);
    expect(cookie).toMatch(/Path=\/connexion\/oidc/i);
    const [state, nonce, verifier] = cookie.split(";")[0]!.slice("maillage_oidc=".length).split(".");
    expect(url.searchParams.get("state")).toBe(state);
    expect(url.searchParams.get("nonce")).toBe(nonce);
    expect(url.href).not.toContain(verifier!);
  });

  it("signs an invited person in, rotates the session, fills the empty name and lands on their territory", async () => {
    const client = await new TestClient(t.app).signInAs(t, agentId);
    const previous = client.cookie("maillage_session")!;
    const callback = await throughProvider(client, "agent");
    expect(callback.searchParams.get("code")).toBeTruthy();

    const back = await client.get(local(callback));
    expect(back.statusCode).toBe(303);
    expect(back.headers.location).toBe(`/t/${territory.code}`);
    const session = cookieHeader(back, "maillage_session");
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(client.cookie("maillage_oidc")).toBeUndefined();
    expect(client.cookie("maillage_session")).not.toBe(previous);
    expect((await client.get(`/t/${territory.code}`)).statusCode).toBe(200);
    const old = await t.app.inject({ method: "GET", url: `/t/${territory.code}`, headers: { cookie: `maillage_session=${previous}` } });
    expect(old.statusCode).toBe(303);

    const [user] = await t.database.db.select().from(users).where(eq(users.email, "camille.martin@mairie.fr"));
    expect(user!.displayName).toBe("Camille Martin");
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "session.sign-in"), eq(auditEvents.actorUserId, user!.id)));
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toMatchObject({ method: "oidc", issuer: provider.issuer, subject: "agent" });
  });

  it("signs out at the provider too, with the ID token as hint, and only after an OpenID Connect sign-in", async () => {
    const client = new TestClient(t.app);
    const back = await client.get(local(await throughProvider(client, "agent")));
    expect(back.statusCode).toBe(303);
    const out = await client.post("/deconnexion");
    expect(out.statusCode).toBe(303);
    const end = new URL(out.headers.location as string);
    expect(end.origin).toBe(new URL(provider.issuer).origin);
    expect(end.searchParams.get("post_logout_redirect_uri")).toBe("http://maillage.test/");
    expect(end.searchParams.get("id_token_hint")).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    // The provider accepts the hint and the address (it would answer 400 otherwise) and asks to confirm.
    const atProvider = await fetch(end, { redirect: "manual" });
    expect(atProvider.status).toBe(200);
    expect(await atProvider.text()).toContain("<form");
    expect((await client.get(`/t/${territory.code}`)).statusCode).toBe(303);
    // The sign-out form may lead there: the CSP lets forms go to the provider.
    expect(String(back.headers["content-security-policy"] ?? (await client.get("/")).headers["content-security-policy"])).toContain(`form-action 'self' ${new URL(provider.issuer).origin}`);
    // Signed in with a link: the sign-out stays here.
    const linked = await new TestClient(t.app).signInAs(t, agentId);
    await linked.get("/");
    expect((await linked.post("/deconnexion")).headers.location).toBe("/");
  });

  it("keeps a display name the person already has", async () => {
    const client = new TestClient(t.app);
    const back = await client.get(local(await throughProvider(client, "nommee")));
    expect(back.statusCode).toBe(303);
    const [user] = await t.database.db.select().from(users).where(eq(users.email, "nommee@mairie.fr"));
    expect(user!.displayName).toBe("Nom choisi");
  });

  it("sends a person who belongs to several territories to the home page", async () => {
    const client = new TestClient(t.app);
    const back = await client.get(local(await throughProvider(client, "multi")));
    expect(back.statusCode).toBe(303);
    expect(back.headers.location).toBe("/");
  });

  it("binds the account to the provider's identity at its first sign-in, and refuses the address to another identity until an operator unlinks it", async () => {
    const signIn = async (login: string) => {
      const client = new TestClient(t.app);
      return client.get(local(await throughProvider(client, login)));
    };
    expect((await signIn("agent")).statusCode).toBe(303);
    const [bound] = await t.database.db.select().from(users).where(eq(users.id, agentId));
    expect([bound!.oidcIssuer, bound!.oidcSubject]).toEqual([provider.issuer, "agent"]);

    const refused = await signIn("nouvelle-titulaire");
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain("Ce compte est lié à une autre identité");
    expect(cookieHeader(refused, "maillage_session")).toBeUndefined();
    const [audited] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "session.sign-in-refused"), eq(auditEvents.entityId, String(agentId))));
    expect(audited!.details).toMatchObject({ subject: "nouvelle-titulaire", reason: "other-identity" });

    expect(await unlinkOidcIdentity(t.database.db, { email: "Camille.Martin@mairie.fr", actor: cliActor(t.clock()) })).toBe("unlinked");
    expect(await unlinkOidcIdentity(t.database.db, { email: "camille.martin@mairie.fr", actor: cliActor(t.clock()) })).toBe("not-linked");
    expect(await unlinkOidcIdentity(t.database.db, { email: "personne@mairie.fr", actor: cliActor(t.clock()) })).toBe("no-account");
    expect((await signIn("nouvelle-titulaire")).statusCode).toBe(303);
    const [rebound] = await t.database.db.select().from(users).where(eq(users.id, agentId));
    expect(rebound!.oidcSubject).toBe("nouvelle-titulaire");
    expect((await signIn("agent")).statusCode).toBe(403);
    // Back as it was for the other tests.
    await t.database.db.update(users).set({ oidcIssuer: provider.issuer, oidcSubject: "agent" }).where(eq(users.id, agentId));
  });

  it("refuses an address without an account, tells to ask for an invitation, and creates no account", async () => {
    const client = new TestClient(t.app);
    const back = await client.get(local(await throughProvider(client, "inconnue")));
    expect(back.statusCode).toBe(403);
    expect(back.body).toContain("<h1");
    expect(back.body).toContain("Aucun compte pour cette adresse");
    expect(back.body).toContain("demandez à l'administration de votre territoire de vous inviter");
    expect(back.body).toContain('href="/connexion"');
    expect(cookieHeader(back, "maillage_session")).toBeUndefined();
    expect(await t.database.db.select().from(users).where(eq(users.email, "inconnue@mairie.fr"))).toHaveLength(0);
  });

  it("refuses an address the provider says is unverified", async () => {
    const client = new TestClient(t.app);
    const back = await client.get(local(await throughProvider(client, "non-verifiee")));
    expect(back.statusCode).toBe(400);
    expect(back.body).toContain("Adresse électronique non vérifiée");
    expect(cookieHeader(back, "maillage_session")).toBeUndefined();
  });

  it("refuses a tampered state", async () => {
    const client = new TestClient(t.app);
    const callback = await throughProvider(client, "agent");
    callback.searchParams.set("state", `${callback.searchParams.get("state")}x`);
    const back = await client.get(local(callback));
    expect(back.statusCode).toBe(400);
    expect(back.body).toContain("La connexion n'a pas pu aboutir");
    expect(back.body).toContain('href="/connexion"');
    expect(cookieHeader(back, "maillage_session")).toBeUndefined();
  });

  it("refuses a return without the cookie of the browser that started the sign-in", async () => {
    const callback = await throughProvider(new TestClient(t.app), "agent");
    const elsewhere = await new TestClient(t.app).get(local(callback));
    expect(elsewhere.statusCode).toBe(400);
    expect(cookieHeader(elsewhere, "maillage_session")).toBeUndefined();
  });

  it("refuses a code used twice", async () => {
    const client = new TestClient(t.app);
    const start = await client.get("/connexion/oidc");
    const oidcCookie = client.cookie("maillage_oidc")!;
    const callback = await signInAtProvider(start.headers.location as string, { login: "agent", redirectUri });
    expect((await client.get(local(callback))).statusCode).toBe(303);
    const replay = await t.app.inject({ method: "GET", url: local(callback), headers: { cookie: `maillage_oidc=${oidcCookie}` } });
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain("n'a pas pu être vérifiée");
    expect(replay.body).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it("explains in French when the person cancels at the provider", async () => {
    const client = new TestClient(t.app);
    const callback = await throughProvider(client, "agent", { cancel: true });
    expect(callback.searchParams.get("error")).toBe("access_denied");
    const back = await client.get(local(callback));
    expect(back.statusCode).toBe(400);
    expect(back.body).toContain("Connexion annulée");
    expect(cookieHeader(back, "maillage_session")).toBeUndefined();
  });
});

describe("OpenID Connect settings and failures", () => {
  it("asks for the configured scopes and assurance level", async () => {
    const provider = await startOidcProvider({ redirectUri, accounts: {} });
    const oidc = { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, label: "ProConnect", scopes: "email given_name", acrValues: "eidas1" };
    const t = await createTestApp("pglite", { config: { oidc } });
    try {
      const start = await t.app.inject({ method: "GET", url: "/connexion/oidc" });
      const url = new URL(start.headers.location as string);
      expect(url.searchParams.get("scope")).toBe("openid email given_name");
      expect(url.searchParams.get("acr_values")).toBe("eidas1");
    } finally {
      await t.close();
      await provider.close();
    }
  });

  it("answers 502 in French, without detail, when the provider cannot be reached", async () => {
    const provider = await startOidcProvider({ redirectUri, accounts: {} });
    await provider.close();
    const oidc = { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, label: "ProConnect" };
    const t = await createTestApp("pglite", { config: { oidc } });
    try {
      const start = await t.app.inject({ method: "GET", url: "/connexion/oidc" });
      expect(start.statusCode).toBe(502);
      expect(start.body).toContain("ProConnect ne répond pas");
      expect(start.body).toContain('href="/connexion"');
      expect(start.body).not.toContain("ECONNREFUSED");
      expect(cookieHeader(start, "maillage_oidc")).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it("registers no OpenID Connect route when it is not configured", async () => {
    const t = await createTestApp("pglite");
    try {
      expect((await t.app.inject({ method: "GET", url: "/connexion/oidc" })).statusCode).toBe(404);
      expect((await new TestClient(t.app).get("/connexion")).body).not.toContain("/connexion/oidc");
    } finally {
      await t.close();
    }
  });
});
