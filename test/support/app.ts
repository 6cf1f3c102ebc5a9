// Builds the app against a test database, with factories and a signed-in client for app.inject().
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/app.js";
import type { AppDeps } from "../../src/app-deps.js";
import { loadConfig, type Config } from "../../src/config.js";
import type { Database, Engine } from "../../src/db/client.js";
import { memberships, users, type TerritoryRole } from "../../src/db/schema/index.js";
import { fixedClock } from "../../src/lib/clock.js";
import { createSession } from "../../src/modules/accounts/sessions.js";
import { ensureUser } from "../../src/modules/accounts/sign-in.commands.js";
import { cliActor } from "../../src/modules/audit/audit.commands.js";
import type { GeoTerritory } from "../../src/modules/territories/geography.js";
import { createTerritory } from "../../src/modules/territories/territories.commands.js";
import { createTestDatabase, openWebDatabase } from "./database.js";
import { linkSecret } from "../../src/lib/signed-links.js";
import { eq } from "drizzle-orm";

/** The instant test apps start at unless a test says otherwise: Tuesday 2 March 2027, 10:00 in Paris. */
export const testEpoch = new Date("2027-03-02T09:00:00Z");

/** The operator's actor dated at the test epoch, for data written directly by tests. */
export const testActor = cliActor(testEpoch);

export type TestApp = {
  app: FastifyInstance;
  /** The owner's connection: fixtures, jobs and checks. The app itself runs on `deps.database` (the web role). */
  database: Database;
  deps: AppDeps;
  clock: ReturnType<typeof fixedClock>;
  close(): Promise<void>;
};

/** A test configuration: no SMTP unless given, high rate limits unless given. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  // The finder's cache is off: tests change data directly and read it back at once (its own test turns it on).
  return { ...loadConfig({}), publicUrl: "http://maillage.test", worker: false, finderCacheSeconds: 0, finderPlacesCheckMs: 0, ...overrides };
}

/** Builds the app on a fresh database of the given engine. */
export async function createTestApp(engine: Engine, options: { config?: Partial<Config>; rateLimits?: AppDeps["rateLimits"]; now?: Date } = {}): Promise<TestApp> {
  const database = await createTestDatabase(engine);
  const web = await openWebDatabase(database);
  const clock = fixedClock(options.now ?? testEpoch);
  const deps: AppDeps = { config: testConfig(options.config), database: web, clock, linkSecret: await linkSecret(database.db), rateLimits: options.rateLimits ?? { signIn: 1000, publicForm: 1000 } };
  const app = await buildApp(deps);
  return {
    app,
    database,
    deps,
    clock,
    async close() {
      await app.close();
      await web.close();
      await database.close();
    },
  };
}

let territorySeq = 0;

/** Creates a territory with a few fictitious communes (fast; the official geography is tested on its own). */
export async function makeTerritory(database: Database, { name, communes = 3 }: { name?: string; communes?: number } = {}) {
  territorySeq++;
  const code = `9${String(process.pid % 1000).padStart(3, "0")}${String(territorySeq).padStart(5, "0")}`;
  const geo: GeoTerritory = {
    kind: "epci",
    code,
    name: name ?? `Territoire d'essai ${territorySeq}`,
    communes: Array.from({ length: communes }, (_, i) => ({
      insee: `99${String(territorySeq % 10)}${String(i).padStart(2, "0")}`,
      name: `Commune ${territorySeq}-${i + 1}`,
      departement: "99",
      population: 1000 + i,
      postcodes: [`99${String(territorySeq % 10)}${String(i).padStart(2, "0")}`],
    })),
  };
  return database.db.transaction((tx) => createTerritory(tx, { geo, actor: testActor }));
}

/** Creates a person with roles in a territory (or none), returns their id. */
export async function makeUser(database: Database, { email, territoryId, roles = [], operator = false }: { email: string; territoryId?: number; roles?: TerritoryRole[]; operator?: boolean }) {
  const userId = await ensureUser(database.db, { email });
  if (operator) await database.db.update(users).set({ isOperator: true }).where(eq(users.id, userId));
  if (territoryId && roles.length) await database.db.insert(memberships).values({ territoryId, userId, roles });
  return userId;
}

/** A cookie-keeping client for app.inject(), which fetches the CSRF token like a browser would. */
export class TestClient {
  private cookies = new Map<string, string>();
  private csrf: string | undefined;

  constructor(private readonly app: FastifyInstance) {}

  /** Signs in as a person by creating a session directly (the sign-in flow has its own tests). */
  async signInAs(t: TestApp, userId: number): Promise<this> {
    const sid = await createSession(t.database.db, { userId, now: t.clock(), days: 1 });
    this.cookies.set("maillage_session", sid);
    return this;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keep(setCookie: string | string[] | undefined): void {
    for (const c of ([] as string[]).concat(setCookie ?? [])) {
      const [pair] = c.split(";");
      const [name, ...rest] = pair!.split("=");
      const value = rest.join("=");
      if (/expires=Thu, 01 Jan 1970/i.test(c) || value === "") this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
  }

  async get(url: string) {
    const response = await this.app.inject({ method: "GET", url, headers: { cookie: this.cookieHeader() } });
    this.keep(response.headers["set-cookie"]);
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrf = token;
    return response;
  }

  /** Posts a form; fetches a CSRF token first if none was seen yet. */
  async post(url: string, form: Record<string, string | string[]> = {}, options: { csrf?: boolean } = {}) {
    if (options.csrf !== false && !this.csrf) await this.get("/connexion");
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const item of ([] as string[]).concat(v)) body.append(k, item);
    if (options.csrf !== false) body.set("_csrf", this.csrf!);
    const response = await this.app.inject({
      method: "POST",
      url,
      payload: body.toString(),
      headers: { cookie: this.cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
    });
    this.keep(response.headers["set-cookie"]);
    return response;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }
}
