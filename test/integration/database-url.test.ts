// DATABASE_URL as operators write it: a server on the same machine through its Unix socket, a password inside.
import { sql } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { openDatabase, queryRows, splitPassword } from "../../src/db/client.js";
import { withPublic } from "../../src/db/tenant.js";

describe("DATABASE_URL", () => {
  it.skipIf(!inject("pgSocketUrl"))("opens a PostgreSQL server through its Unix socket and never shows the password", async () => {
    const database = await openDatabase({ databaseUrl: inject("pgSocketUrl"), poolSize: 2 });
    try {
      expect(database.location).not.toContain("s3cret");
      expect(database.location).toMatch(/^postgres:\/\/postgres@\/postgres\?host=/);
      const [row] = await queryRows<{ db: string }>(database.db, sql`select current_database() as db`);
      expect(row!.db).toBe("postgres");
      const [who] = await withPublic(database, (db) => queryRows<{ role: string }>(db, sql`select current_user as role`));
      expect(who!.role).toBe("maillage_app");
    } finally {
      await database.close();
    }
  });

  it.each([
    ["postgres://maillage:p%40ss@db.example.org:5432/maillage", "postgres://maillage@db.example.org:5432/maillage", "p@ss"],
    ["postgresql://maillage@/maillage?host=/run/postgresql", "postgresql://maillage@/maillage?host=/run/postgresql", undefined],
    ["postgres:///maillage?host=/run/postgresql&password=x%26y&sslmode=disable", "postgres:///maillage?host=/run/postgresql&sslmode=disable", "x&y"],
    ["postgres://maillage:secret@/maillage?host=/run/postgresql&password=other", "postgres://maillage@/maillage?host=/run/postgresql", "secret"],
  ])("takes the password out of %s", (url, shown, password) => {
    expect(splitPassword(url)).toEqual({ url: shown, password });
  });
});
