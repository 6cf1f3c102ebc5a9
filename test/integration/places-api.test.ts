// The open places API: published places of every territory, paginated, filtered, with conditional requests.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../src/db/tenant.js";
import { cliActor } from "../../src/modules/audit/audit.commands.js";
import { setPublished } from "../../src/modules/places/places.commands.js";
import { createTestApp, makeTerritory, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";
import { lieuRecord, makePlace } from "../support/inclusion.js";

type Row = Record<string, string | number>;

describe.each(engines)("open places API on %s", (engine) => {
  let t: TestApp;
  let first: Awaited<ReturnType<typeof makeTerritory>>;
  let hiddenPlaceId: number;

  beforeAll(async () => {
    t = await createTestApp(engine);
    first = await makeTerritory(t.database);
    const second = await makeTerritory(t.database);
    const numerique = "Maîtrise des outils numériques du quotidien";
    await makePlace(t.database, { territoryId: first.id, record: lieuRecord({ id: `api-a-${engine}` }) });
    await makePlace(t.database, { territoryId: first.id, record: lieuRecord({ id: `api-b-${engine}`, services: [numerique] as never }) });
    await makePlace(t.database, { territoryId: first.id, record: lieuRecord({ id: `api-c-${engine}`, commune: "Niort", code_postal: "79000", code_insee: "79191" }) });
    await makePlace(t.database, { territoryId: second.id, record: lieuRecord({ id: `api-d-${engine}` }) });
    await makePlace(t.database, { territoryId: second.id, record: lieuRecord({ id: `api-e-${engine}`, code_insee: "79191", commune: "Niort", code_postal: "79000" }) });
    hiddenPlaceId = (await makePlace(t.database, { territoryId: first.id, record: lieuRecord({ id: `api-cache-${engine}` }), published: false })).id;
  });
  afterAll(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: "GET", url, headers });

  it("returns the published places of every territory in the standard's flat form, never an unpublished one", async () => {
    const response = await get("/api/v1/lieux");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    const rows = response.json() as Row[];
    expect(rows.map((row) => row.id)).toEqual(["a", "b", "c", "d", "e"].map((letter) => `api-${letter}-${engine}`));
    expect(response.body).not.toContain(`api-cache-${engine}`);
    expect(Object.keys(rows[0]!).slice(0, 5)).toEqual(["id", "pivot", "nom", "commune", "code_postal"]);
    expect(rows[0]!.services).toBe("Aide aux démarches administratives");
    expect(response.headers["x-total-count"]).toBe("5");
    expect(response.headers["access-control-allow-origin"]).toBe("*");
  });

  it("paginates with page and par_page, and says where the other pages are in Link", async () => {
    const second = await get("/api/v1/lieux?par_page=2&page=2");
    expect((second.json() as Row[]).map((row) => row.id)).toEqual([`api-c-${engine}`, `api-d-${engine}`]);
    const link = second.headers.link as string;
    expect(link).toContain('<http://maillage.test/api/v1/lieux?page=1&par_page=2>; rel="first"');
    expect(link).toContain('<http://maillage.test/api/v1/lieux?page=1&par_page=2>; rel="prev"');
    expect(link).toContain('<http://maillage.test/api/v1/lieux?page=3&par_page=2>; rel="next"');
    expect(link).toContain('<http://maillage.test/api/v1/lieux?page=3&par_page=2>; rel="last"');
    const last = await get("/api/v1/lieux?par_page=2&page=3");
    expect(last.json()).toHaveLength(1);
    expect(last.headers.link).not.toContain('rel="next"');
    expect((await get("/api/v1/lieux?par_page=2&page=9")).json()).toEqual([]);
  });

  it("filters by commune (INSEE code) and by exact service value", async () => {
    const niort = (await get("/api/v1/lieux?commune=79191")).json() as Row[];
    expect(niort.map((row) => row.id)).toEqual([`api-c-${engine}`, `api-e-${engine}`]);
    const service = encodeURIComponent("Maîtrise des outils numériques du quotidien");
    const outils = await get(`/api/v1/lieux?service=${service}`);
    expect((outils.json() as Row[]).map((row) => row.id)).toEqual([`api-b-${engine}`]);
    expect(outils.headers["x-total-count"]).toBe("1");
  });

  it("explains a wrong parameter in French, as JSON", async () => {
    const tooMany = await get("/api/v1/lieux?par_page=501");
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toEqual({ erreur: "Le paramètre « par_page » attend un nombre entier entre 1 et 500.", statut: 400 });
    const service = await get("/api/v1/lieux?service=aide");
    expect(service.statusCode).toBe(400);
    expect(service.json().erreur).toContain("Aide aux démarches administratives");
    expect((await get("/api/v1/lieux?commune=Parthenay")).statusCode).toBe(400);
  });

  it("answers 304 to a matching If-None-Match or If-Modified-Since, and a new ETag once a place changes", async () => {
    const first200 = await get("/api/v1/lieux?par_page=2");
    const etag = first200.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first200.headers["last-modified"]).toMatch(/GMT$/);
    const again = await get("/api/v1/lieux?par_page=2", { "if-none-match": etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    expect((await get("/api/v1/lieux?par_page=2", { "if-modified-since": first200.headers["last-modified"] as string })).statusCode).toBe(304);
    expect((await get("/api/v1/lieux?par_page=3", { "if-none-match": etag })).statusCode).toBe(200);

    await withTenant(t.database.db, first.id, (tx) => setPublished(tx, { territoryId: first.id, placeId: hiddenPlaceId, published: true, actor: cliActor(t.clock()) }));
    const changed = await get("/api/v1/lieux?par_page=2", { "if-none-match": etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.headers["x-total-count"]).toBe("6");
    await withTenant(t.database.db, first.id, (tx) => setPublished(tx, { territoryId: first.id, placeId: hiddenPlaceId, published: false, actor: cliActor(t.clock()) }));
  });

  it("exports the same places to data.inclusion, one structure and one service each", async () => {
    const response = await get("/api/v1/lieux/data-inclusion?commune=79191");
    expect(response.statusCode).toBe(200);
    const body = response.json() as { structures: Row[]; services: Row[] };
    expect(body.structures).toHaveLength(2);
    expect(body.services).toHaveLength(2);
    expect(body.structures[0]!.nom).toBeTypeOf("string");
  });

  it("describes itself in OpenAPI 3.1 and on a page for people", async () => {
    const document = (await get("/api/v1/openapi.json")).json() as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(["/api/v1/lieux", "/api/v1/lieux/data-inclusion"]);
    expect(Object.keys(document.components.schemas.LieuMediationNumerique!.properties!)).toHaveLength(32);
    const page = await get("/api/v1");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/api/v1/openapi.json"');
  });
});
