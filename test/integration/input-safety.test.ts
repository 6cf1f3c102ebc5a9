// Issue 9 findings: control characters refused before any handler (a NUL byte used to give a 500 and write the
// person's name, phone and e-mail into the error log), and no query parameter or value in any logged error.
import { PassThrough } from "node:stream";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.js";
import { appointments } from "../../src/db/schema/index.js";
import { fixedClock } from "../../src/lib/clock.js";
import { errorText } from "../../src/lib/log-safety.js";
import { parisToInstant } from "../../src/lib/paris-time.js";
import { linkSecret } from "../../src/lib/signed-links.js";
import { createTestApp, makeTerritory, makeUser, testConfig, TestClient, type TestApp } from "../support/app.js";
import { engines, openWebDatabase } from "../support/database.js";
import { makeMediator, makeMotif, makePlace, makePlage } from "../support/inclusion.js";

const person = { firstName: "Josiane", lastName: "Martin", phone: "06 12 34 56 78", email: "josiane.nul@exemple.fr", noEmail: "", consent: "oui" };

describe.each(engines)("text input safety on %s", (engine) => {
  let t: TestApp;
  let placeId: number;
  let motifId: number;
  const start = new Date(parisToInstant("2027-03-03", "10:00"));

  beforeAll(async () => {
    t = await createTestApp(engine, { now: new Date("2027-03-01T08:00:00Z") });
    const territory = await makeTerritory(t.database);
    placeId = (await makePlace(t.database, { territoryId: territory.id })).id;
    motifId = (await makeMotif(t.database, { territoryId: territory.id })).id;
    const user = await makeUser(t.database, { email: `mediatrice-nul-${engine}@exemple.fr`, territoryId: territory.id, roles: ["mediator"] });
    const mediator = await makeMediator(t.database, { territoryId: territory.id, placeIds: [placeId], userId: user });
    await makePlage(t.database, { territoryId: territory.id, mediatorId: mediator.id, placeId });
  });
  afterAll(() => t.close());

  it("refuses a NUL byte in a booking field with a 400 in French naming the field, and books nothing", async () => {
    const citizen = new TestClient(t.app);
    await citizen.get(`/lieux/${placeId}/rendez-vous/coordonnees?motif=${motifId}&debut=${encodeURIComponent(start.toISOString())}`);
    const response = await citizen.post(`/lieux/${placeId}/rendez-vous/confirmer`, { motif: String(motifId), debut: start.toISOString(), ...person, lastName: "Mar\u0000tin" });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("lastName");
    expect(response.body).toContain("caractère invisible non admis (U+0000, position 4)");
    expect(response.body).not.toContain("Référence de l");
    const booked = await t.database.db.select().from(appointments);
    expect(booked).toHaveLength(0);
  });

  it("refuses other control characters in a query string too", async () => {
    const response = await t.app.inject({ method: "GET", url: `/lieux?ou=${encodeURIComponent("Niort\u001b[2J")}` });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("U+001B");
  });

  it("accepts an ordinary French search", async () => {
    const response = await t.app.inject({ method: "GET", url: `/lieux?ou=${encodeURIComponent("Saint-Aubin-le-Cloud")}` });
    expect(response.statusCode).toBe(200);
  });
});

describe("logged errors", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp("pglite");
  });
  afterAll(() => t.close());

  // A real failing statement whose parameter is personal data: drizzle puts it into the message and the stack,
  // PostgreSQL quotes it in its own message.
  async function failingQuery(): Promise<Error> {
    try {
      await t.database.db.execute(sql`select ${"josiane.secret@exemple.fr"}::int`);
    } catch (error) {
      return error as Error;
    }
    throw new Error("the statement should have failed");
  }

  it("writes the error's kind and SQLSTATE to the request log, never the statement's parameters", async () => {
    const error = await failingQuery();
    expect(`${error.message}${String((error.cause as Error | undefined)?.message)}`).toContain("josiane.secret@exemple.fr");
    const lines: string[] = [];
    const stream = new PassThrough();
    stream.on("data", (chunk: Buffer) => lines.push(chunk.toString("utf8")));
    const web = await openWebDatabase(t.database);
    const app = await buildApp({ config: testConfig({ production: true }), database: web, clock: fixedClock(new Date("2027-03-02T09:00:00Z")), linkSecret: await linkSecret(t.database.db) }, { logger: true, logStream: stream });
    app.get("/essai-erreur", async () => {
      throw error;
    });
    try {
      const response = await app.inject({ method: "GET", url: "/essai-erreur?_csrf=jeton-csrf-secret" });
      expect(response.statusCode).toBe(500);
      await new Promise((resolve) => setImmediate(resolve));
      const log = lines.join("");
      expect(log).toContain("PostgreSQL error 22P02");
      expect(log).toContain("Failed query: select $1::int");
      expect(log).not.toContain("josiane.secret");
      expect(log).not.toContain("jeton-csrf-secret");
      expect(log).toContain("_csrf=[masqué]");
    } finally {
      await app.close();
      await web.close();
    }
  });

  it("records a failed job's error without the parameters either", async () => {
    const text = errorText(await failingQuery());
    expect(text).toContain("22P02");
    expect(text).not.toContain("josiane.secret");
  });
});
