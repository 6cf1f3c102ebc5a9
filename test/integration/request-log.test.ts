// The production request log: one JSON line per request, written when it ends, secrets masked.
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.js";
import type { Database } from "../../src/db/client.js";
import { fixedClock } from "../../src/lib/clock.js";
import { testConfig } from "../support/app.js";
import { createTestDatabase } from "../support/database.js";

describe("request log", () => {
  let database: Database;
  const lines: string[] = [];
  const stream = new PassThrough();
  stream.on("data", (chunk: Buffer) => lines.push(...chunk.toString("utf8").split("\n").filter(Boolean)));
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    app = await buildApp({ config: testConfig({ production: true }), database, clock: fixedClock(new Date("2027-03-02T09:00:00Z")), linkSecret: "secret-de-test" }, { logger: true, logStream: stream });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it("writes one line per request with its method, masked URL, client address, status and time", async () => {
    lines.length = 0;
    await app.inject({ method: "GET", url: "/connexion/lien?jeton=secret-jeton-123", remoteAddress: "203.0.113.9" });
    await app.inject({ method: "GET", url: "/sante" });
    await new Promise((resolve) => setImmediate(resolve));
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.map((e) => [e.msg, e.method, e.url])).toEqual([
      ["request completed", "GET", "/connexion/lien?jeton=[masqué]"],
      ["request completed", "GET", "/sante"],
    ]);
    expect(entries[0]).toMatchObject({ ip: "203.0.113.9", level: 30 });
    expect(typeof entries[1]!.statusCode).toBe("number");
    expect(typeof entries[1]!.ms).toBe("number");
    expect(lines.join("\n")).not.toContain("secret-jeton-123");
  });
});
