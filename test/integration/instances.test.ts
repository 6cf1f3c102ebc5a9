// Several app instances on one PostgreSQL server (decision 0019), as production runs them: real `maillage serve`
// processes logging in as the web role, migrations and the worker as the owner. A write in one instance clears the
// finder's caches in the other at once (LISTEN/NOTIFY); rate limits are counted once for all; `--workers N` runs N
// processes on one port. Rate limits count an IPv6 client by its /64 on both engines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { systemClock } from "../../src/lib/clock.js";
import { createSession } from "../../src/modules/accounts/sessions.js";
import { createTestApp, makeTerritory, makeUser } from "../support/app.js";
import { cliEnv, startCliServer, tempDataDir, type RunningCli } from "../support/cli.js";
import { createTestDatabase, engines, roleUrlOf } from "../support/database.js";
import { appointments } from "../../src/db/schema/index.js";
import { lieuRecord, makeMediator, makeMotif, makePlace, makePlage } from "../support/inclusion.js";

describe.each(engines)("rate limits by client on %s", (engine) => {
  it("counts the addresses of one IPv6 /64 as one client, and another /64 apart", async () => {
    const t = await createTestApp(engine, { rateLimits: { signIn: 2, publicForm: 100 } });
    try {
      const post = (remoteAddress: string) =>
        t.app.inject({ method: "POST", url: "/connexion", remoteAddress, payload: "email=x%40exemple.fr", headers: { "content-type": "application/x-www-form-urlencoded" } });
      // CSRF refuses these posts (419) after the limit is checked: the limit answers 429 first.
      expect((await post("2001:db8:1:2::1")).statusCode).not.toBe(429);
      expect((await post("2001:db8:1:2:ffff:ffff:ffff:fffe")).statusCode).not.toBe(429);
      expect((await post("2001:db8:1:2::abcd")).statusCode).toBe(429);
      expect((await post("2001:db8:1:3::1")).statusCode).not.toBe(429);
    } finally {
      await t.close();
    }
  });
});

describe.runIf(engines.includes("postgres"))("two app instances on one PostgreSQL server", { timeout: 120_000 }, () => {
  let owner: Database;
  let first: RunningCli;
  let second: RunningCli;
  let code = "";
  let placeId = 0;
  let bookable = { territoryId: 0, placeId: 0, mediatorId: 0, motifId: 0 };
  let sessionId = "";
  let env: NodeJS.ProcessEnv = {};
  const data = tempDataDir();

  beforeAll(async () => {
    owner = await createTestDatabase("postgres");
    const territory = await makeTerritory(owner, { name: "Territoire des deux instances" });
    code = territory.code;
    placeId = (await makePlace(owner, { territoryId: territory.id, record: lieuRecord({ nom: "Médiathèque des deux instances" }) })).id;
    // A place taking appointments every day at any hour (the servers read the system clock, whatever it is).
    const bookablePlace = (await makePlace(owner, { territoryId: territory.id, record: lieuRecord({ nom: "Espace des rendez-vous" }) })).id;
    const mediator = await makeMediator(owner, { territoryId: territory.id, placeIds: [bookablePlace] });
    await makePlage(owner, { territoryId: territory.id, mediatorId: mediator.id, placeId: bookablePlace, weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: "00:00", endTime: "23:30", validFrom: "2000-01-01" });
    const motif = await makeMotif(owner, { territoryId: territory.id, minNoticeMinutes: 0 });
    bookable = { territoryId: territory.id, placeId: bookablePlace, mediatorId: mediator.id, motifId: motif.id };
    const userId = await makeUser(owner, { email: "coordination@exemple.fr", territoryId: territory.id, roles: ["coordinator"] });
    // The servers read the system clock, as in production: the session is dated by it too.
    sessionId = await createSession(owner.db, { userId, now: systemClock(), days: 1 });
    env = cliEnv(data.dir, {
      DATABASE_URL: roleUrlOf(owner, "maillage_web"),
      MIGRATION_DATABASE_URL: roleUrlOf(owner, "maillage_owner"),
      FINDER_CACHE_SECONDS: "600",
    });
    [first, second] = await Promise.all([startCliServer(env), startCliServer(env)]);
  });

  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await owner?.close();
    data.remove();
  });

  const search = async (server: RunningCli) => (await fetch(`${server.url}/lieux?ou=Parthenay`)).text();

  it("clears the other instance's cached searches as soon as one instance changes a place", async () => {
    expect(await search(second)).toContain("Médiathèque des deux instances");
    // Withdrawn through the first instance, by a coordinator, as in the back office.
    const cookie = `maillage_session=${sessionId}`;
    const form = await fetch(`${first.url}/t/${code}/lieux`, { headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const csrfCookie = /maillage_csrf=([^;]+)/.exec(form.headers.get("set-cookie") ?? "")![1]!;
    const withdrawn = await fetch(`${first.url}/t/${code}/lieux/${placeId}/publication`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: `${cookie}; maillage_csrf=${csrfCookie}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf, published: "non" }),
    });
    expect(withdrawn.status).toBe(303);
    // The second instance kept that search for ten minutes; the notification empties its cache within moments.
    let page = await search(second);
    for (let i = 0; i < 50 && page.includes("Médiathèque des deux instances"); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      page = await search(second);
    }
    expect(page).not.toContain("Médiathèque des deux instances");
  });

  it("shows in a list, within moments, a slot taken by a write that signals nothing", async () => {
    // Without the search cache, whose entries a silent write leaves for their time: what each process holds in
    // memory (busy times, versioned) is what is tried here, with its production interval (FINDER_PLACES_CHECK_MS).
    const third = await startCliServer({ ...env, FINDER_CACHE_SECONDS: "0" });
    try {
      const nextSlot = async () => {
        const page = await (await fetch(`${third.url}/lieux?ou=Parthenay&tri=creneau`)).text();
        const found = new RegExp(`lieux/${bookable.placeId}/rendez-vous\\?motif=\\d+&(?:amp;)?debut=([^"&]+)`).exec(page);
        return found ? decodeURIComponent(found[1]!) : undefined;
      };
      const shown = await nextSlot();
      expect(shown).toBeDefined();
      // Booked as the owner's connection would (the command line, SQL by hand): no change is signalled.
      const startsAt = new Date(shown!);
      await owner.db.insert(appointments).values({ ...bookable, startsAt, endsAt: new Date(startsAt.getTime() + 30 * 60_000), firstName: "Camille", bookedBy: "agent" });
      let now = await nextSlot();
      for (let round = 0; round < 50 && now === shown; round++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        now = await nextSlot();
      }
      expect(now).toBeDefined();
      expect(now).not.toBe(shown);
    } finally {
      await third.stop();
    }
  });

  it("counts sign-in attempts once for both instances", async () => {
    const attempt = (server: RunningCli) => fetch(`${server.url}/connexion`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "email=y%40exemple.fr" });
    const statuses: number[] = [];
    // The default limit is 5 a minute per client: 3 on each instance make 6.
    for (const server of [first, second, first, second, first, second]) statuses.push((await attempt(server)).status);
    expect(statuses.slice(0, 5)).not.toContain(429);
    expect(statuses[5]).toBe(429);
  });
});

describe.runIf(engines.includes("postgres"))("maillage serve --workers", { timeout: 120_000 }, () => {
  it("runs two web processes on one port and replaces one that dies", async () => {
    const owner = await createTestDatabase("postgres");
    const data = tempDataDir();
    const env = cliEnv(data.dir, { DATABASE_URL: roleUrlOf(owner, "maillage_web"), MIGRATION_DATABASE_URL: roleUrlOf(owner, "maillage_owner") });
    const server = await startCliServer(env, { args: ["--workers", "2"] });
    try {
      const { execFileSync } = await import("node:child_process");
      // pgrep exits 1 when no process matches (between a death and its replacement).
      const workers = async () => {
        try {
          return execFileSync("pgrep", ["-P", String(server.child.pid), "-f", "maillage.js"]).toString().trim().split("\n").filter(Boolean);
        } catch {
          return [];
        }
      };
      let pids = await workers();
      for (let i = 0; i < 100 && pids.length < 2; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        pids = await workers();
      }
      expect(pids).toHaveLength(2);
      const answered = await Promise.all(Array.from({ length: 20 }, () => fetch(`${server.url}/sante`).then((r) => r.status)));
      expect(answered.every((status) => status === 200)).toBe(true);
      process.kill(Number(pids[0]), "SIGKILL");
      let replaced = await workers();
      for (let i = 0; i < 200 && (replaced.length < 2 || replaced.includes(pids[0]!)); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        replaced = await workers();
      }
      expect(replaced).toHaveLength(2);
      expect(replaced).not.toContain(pids[0]);
      // The primary's log line is in the pipe before the new worker exists, but the test reads the pipe only when
      // its event loop polls: give it the moments it needs rather than checking in the same tick as pgrep.
      for (let i = 0; i < 50 && !server.output().includes("remplacé"); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(server.output()).toContain("remplacé");
    } finally {
      await server.stop();
      await owner.close();
      data.remove();
    }
  });

  it("refuses several processes on PGlite, in French", async () => {
    const data = tempDataDir();
    try {
      const { runCli } = await import("../support/cli.js");
      const result = await runCli(["serve", "--workers", "2"], cliEnv(data.dir));
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("plusieurs processus demandent un serveur PostgreSQL");
    } finally {
      data.remove();
    }
  });
});
