// Least privilege on a PostgreSQL server (decision 0018): the web app's role is neither superuser nor owner, so an
// injected statement cannot take the role back, read the link secret, make someone an operator or read another
// territory; the owner's connection keeps what migrations, the CLI and the worker need.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Database } from "../../src/db/client.js";
import { withTenant } from "../../src/db/tenant.js";
import { linkSecret } from "../../src/lib/signed-links.js";
import { createSession, loadActor } from "../../src/modules/accounts/sessions.js";
import { makeTerritory, makeUser, testEpoch } from "../support/app.js";
import { createTestDatabase, engines, openWebDatabase } from "../support/database.js";
import { makePlace } from "../support/inclusion.js";

describe.runIf(engines.includes("postgres"))("database roles on a PostgreSQL server", () => {
  let owner: Database;
  let web: Database;
  let first: Awaited<ReturnType<typeof makeTerritory>>;
  let second: Awaited<ReturnType<typeof makeTerritory>>;
  let secondUser: number;

  /** Runs one statement on a fresh connection of the web role, as an injected statement would. */
  async function asWeb<T>(statement: string): Promise<T[]> {
    return web.db.transaction(async (tx) => queryRows<T>(tx, sql.raw(statement)));
  }

  /** The database's own message for a statement the web role may not run (Drizzle wraps it as the cause). */
  async function refusal(statement: string): Promise<string> {
    try {
      await asWeb(statement);
    } catch (error) {
      return String((error as { cause?: Error }).cause?.message ?? (error as Error).message);
    }
    return "accepted";
  }

  beforeAll(async () => {
    owner = await createTestDatabase("postgres");
    web = await openWebDatabase(owner);
    first = await makeTerritory(owner, { name: "Territoire A" });
    second = await makeTerritory(owner, { name: "Territoire B" });
    secondUser = await makeUser(owner, { email: "b@exemple.fr", territoryId: second.id, roles: ["coordinator"] });
    await makePlace(owner, { territoryId: second.id, published: false });
    await linkSecret(owner.db);
  });

  afterAll(async () => {
    await web?.close();
    await owner?.close();
  });

  it("logs the web app in as a role that is neither superuser nor the tables' owner", async () => {
    const [me] = await asWeb<{ user: string; superuser: boolean; bypassrls: boolean; owns: boolean }>(
      "select current_user as user, r.rolsuper as superuser, r.rolbypassrls as bypassrls, pg_has_role(current_user, (select tableowner from pg_tables where tablename = 'places'), 'MEMBER') as owns from pg_roles r where r.rolname = current_user",
    );
    expect(me).toEqual({ user: "maillage_web", superuser: false, bypassrls: false, owns: false });
  });

  it("cannot take the role back to a superuser, by RESET, set_config or SET ROLE", async () => {
    const [afterReset] = await asWeb<{ user: string; superuser: boolean }>(
      "select set_config('role', 'none', false), current_user as user, (select rolsuper from pg_roles where rolname = current_user) as superuser",
    );
    expect(afterReset).toMatchObject({ user: "maillage_web", superuser: false });
    expect(await refusal("set role postgres")).toMatch(/permission denied to set role/);
    expect(await refusal("set role maillage_owner")).toMatch(/permission denied to set role/);
    expect(await refusal("select set_config('role', 'postgres', false)")).toMatch(/permission denied to set role/);
  });

  it("cannot read the link-signing secret nor make anyone an operator", async () => {
    expect(await refusal("select value from instance_settings")).toMatch(/permission denied/);
    expect(await refusal("update users set is_operator = true")).toMatch(/permission denied/);
    expect(await refusal("update users set is_facilitator = true")).toMatch(/permission denied/);
    expect(await refusal("delete from territories")).toMatch(/permission denied/);
    expect(await refusal("alter table places disable row level security")).toMatch(/must be owner/);
    expect(await refusal("create table intrus (x int)")).toMatch(/permission denied/);
  });

  it("reads no territory's rows outside a territory, and none of another territory inside one", async () => {
    const outside = await asWeb<{ places: number; memberships: number; mails: number }>(
      "select (select count(*)::int from places where not published) as places, (select count(*)::int from memberships) as memberships, (select count(*)::int from mails) as mails",
    );
    expect(outside).toEqual([{ places: 0, memberships: 0, mails: 0 }]);
    const inFirst = await withTenant(web.db, first.id, (tx) =>
      queryRows<{ places: number; memberships: number }>(tx, sql`select (select count(*)::int from places where territory_id = ${second.id}) as places, (select count(*)::int from memberships where territory_id = ${second.id}) as memberships`),
    );
    expect(inFirst).toEqual([{ places: 0, memberships: 0 }]);
    // The same statements as the owner see the rows: the walls above are the role's, not an empty database.
    const asOwner = await queryRows<{ places: number }>(owner.db, sql`select count(*)::int as places from places where territory_id = ${second.id}`);
    expect(asOwner[0]!.places).toBe(1);
  });

  it("cannot enter another territory by setting the context itself, nor forge or compute its signature", async () => {
    const inFirst = <T>(statement: string) => withTenant(web.db, first.id, (tx) => queryRows<T>(tx, sql.raw(statement)));
    const refusedInFirst = (statement: string) =>
      inFirst(statement).then(
        () => "accepted",
        (error: Error & { cause?: Error }) => error.cause?.message ?? error.message,
      );
    // The territory switched by hand: the first statement that meets a policy is refused.
    expect(await refusedInFirst(`select set_config('app.territory_id', '${second.id}', true), (select count(*) from places) as n`)).toMatch(/not signed by the application/);
    // With the first territory's own signature, copied: still refused.
    expect(
      await refusedInFirst(`select set_config('app.territory_id', '${second.id}', true), set_config('app.territory_signature', current_setting('app.territory_signature'), true), (select count(*) from memberships) as n`),
    ).toMatch(/not signed by the application/);
    expect(await refusedInFirst(`select maillage_context_signature('${second.id}')`)).toMatch(/permission denied/);
    expect(await refusedInFirst(`select maillage_enter_created_territory(${second.id})`)).toMatch(/was not created by this transaction/);
    expect(await refusedInFirst("select value from instance_settings where key = 'context_secret'")).toMatch(/permission denied/);
    // Its own territory, signed by the app, works as before.
    expect(await inFirst<{ n: number }>("select count(*)::int as n from memberships")).toEqual([{ n: 0 }]);
  });

  it("still finds the person behind a session, with their memberships, through the narrow function", async () => {
    const sessionId = await createSession(owner.db, { userId: secondUser, now: testEpoch, days: 1 });
    const actor = await loadActor(web.db, { sessionId, now: testEpoch });
    expect(actor).toMatchObject({ email: "b@exemple.fr", memberships: [{ territoryId: second.id, roles: ["coordinator"] }] });
    expect(await loadActor(web.db, { sessionId: "inconnu", now: testEpoch })).toBeNull();
    expect(await loadActor(web.db, { sessionId, now: new Date(testEpoch.getTime() + 2 * 86_400_000) })).toBeNull();
  });
});
