// Import and export of places in the national standard, through the shared importLieux and the web import.
import { cliActor } from "../../src/modules/audit/audit.commands.js";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imports, places } from "../../src/db/schema/index.js";
import { startRunner } from "../../src/modules/jobs/jobs.runner.js";
import { transportFor } from "../../src/modules/mail/mail.transport.js";
import { STANDARD_COLUMNS, type LieuRecord } from "../../src/modules/places/import-export/lieu-record.js";
import { formatError } from "../../src/modules/places/import-export/lieu-validation.js";
import { readLieuxCsv, toStandardCsv } from "../../src/modules/places/import-export/lieux-csv.js";
import { toStandardJsonChunks } from "../../src/modules/places/import-export/lieux-json.js";
import { collectText, minimalRecord, variedRecords } from "../../src/modules/places/import-export/lieux.fixtures.js";
import { importLieux, type ImportProgress } from "../../src/modules/places/places-import.js";
import { streamPlaceRecords } from "../../src/modules/places/places.queries.js";
import { buildExecutors } from "../../src/worker.js";
import { createTestApp, makeTerritory, makeUser, TestClient, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";
import { lieuRecord } from "../support/inclusion.js";

/** A CSV in the standard with the fixture's places (the first spans two lines), then two bad rows. */
async function csvWithBadRows(): Promise<{ text: string; goodIds: string[] }> {
  const bad = [
    { ...minimalRecord, id: "mauvais-code-postal", code_postal: "7920" },
    { ...minimalRecord, id: "sans-services", services: [] },
  ] as LieuRecord[];
  const text = await collectText(toStandardCsv([...variedRecords, ...bad]));
  return { text, goodIds: variedRecords.map((record) => record.id) };
}

/** A multipart/form-data body built by hand, as a browser sends it. */
function multipart(fields: Record<string, string>, file: { name: string; filename: string; type: string; content: string }) {
  const boundary = "----maillage-essai-7MA4YWxkTrZu0gW";
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n${file.content}\r\n`);
  return { payload: Buffer.from(`${parts.join("")}--${boundary}--\r\n`, "utf8"), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe.each(engines)("places import and export on %s", (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  async function exportCsv(territoryId: number) {
    return collectText(toStandardCsv(streamPlaceRecords(t.database.db, { territoryId })));
  }

  it("round-trips a CSV file through the database without losing a byte, and a second import changes nothing", async () => {
    const territory = await makeTerritory(t.database);
    const file = await collectText(toStandardCsv(variedRecords));
    const first = await importLieux(t.database.db, { territoryId: territory.id, actor: cliActor(t.clock()), text: file, format: "csv", skipInvalid: false });
    expect(first).toMatchObject({ imported: 3, created: 3, updated: 0, errors: [] });
    expect(await exportCsv(territory.id)).toBe(file);
    const [before] = await t.database.db.select({ updatedAt: places.updatedAt }).from(places).where(eq(places.territoryId, territory.id));
    const again = await importLieux(t.database.db, { territoryId: territory.id, actor: cliActor(t.clock()), text: file, format: "csv", skipInvalid: false });
    expect(again).toMatchObject({ imported: 3, created: 0, updated: 0 });
    const [after] = await t.database.db.select({ updatedAt: places.updatedAt }).from(places).where(eq(places.territoryId, territory.id));
    expect(after!.updatedAt).toEqual(before!.updatedAt);
  });

  it("round-trips a JSON file, and upserts by id: a changed place is updated, not duplicated", async () => {
    const territory = await makeTerritory(t.database);
    const file = await collectText(toStandardJsonChunks(variedRecords));
    await importLieux(t.database.db, { territoryId: territory.id, actor: cliActor(t.clock()), text: file, format: "json", skipInvalid: false });
    expect(await collectText(toStandardJsonChunks(streamPlaceRecords(t.database.db, { territoryId: territory.id })))).toBe(file);
    const renamed = [{ ...variedRecords[0]!, nom: "Nouveau nom" }];
    const result = await importLieux(t.database.db, { territoryId: territory.id, actor: cliActor(t.clock()), text: JSON.stringify(renamed), format: "json", skipInvalid: false });
    expect(result).toMatchObject({ imported: 1, created: 0, updated: 1 });
    const rows = await t.database.db.select({ nom: places.nom }).from(places).where(eq(places.territoryId, territory.id));
    expect(rows.map((row) => row.nom).sort()).toEqual(["Bus numérique", "Médiathèque; « Fesch »", "Nouveau nom"]);
  });

  it("imports nothing from a file with bad rows and reports every one as « ligne N : champ — raison »", async () => {
    const territory = await makeTerritory(t.database);
    const { text } = await csvWithBadRows();
    const result = await importLieux(t.database.db, { territoryId: territory.id, actor: cliActor(t.clock()), text, format: "csv", skipInvalid: false });
    expect(result.imported).toBe(0);
    expect(result.errors.map(formatError)).toEqual([
      "ligne 6 : code_postal — «\u00a07920\u00a0» n'est pas un code postal (5 chiffres)",
      "ligne 7 : services — valeur obligatoire manquante",
    ]);
    expect(await t.database.db.select().from(places).where(eq(places.territoryId, territory.id))).toEqual([]);
  });

  it("imports the valid rows with skipInvalid and still reports the others", async () => {
    const territory = await makeTerritory(t.database);
    const { text, goodIds } = await csvWithBadRows();
    const result = await importLieux(t.database.db, { territoryId: territory.id, actor: cliActor(t.clock()), text, format: "csv", skipInvalid: true });
    expect(result).toMatchObject({ imported: 3, totalRows: 5 });
    expect(result.errors).toHaveLength(2);
    const rows = await t.database.db.select({ id: places.standardId }).from(places).where(eq(places.territoryId, territory.id));
    expect(rows.map((row) => row.id).sort()).toEqual([...goodIds].sort());
  });

  it("writes a large file in batches, reporting progress as it checks and writes", async () => {
    const territory = await makeTerritory(t.database);
    const records = Array.from({ length: 1201 }, (_, i) => lieuRecord({ id: `lot-${i}` }));
    const text = await collectText(toStandardCsv(records));
    const progress: ImportProgress[] = [];
    const result = await importLieux(t.database.db, { territoryId: territory.id, actor: cliActor(t.clock()), text, format: "csv", skipInvalid: false, onProgress: (p) => void progress.push(p) });
    expect(result).toMatchObject({ imported: 1201, created: 1201, errors: [] });
    expect(progress.filter((p) => p.total === null).map((p) => p.checked)).toEqual([500, 1000]);
    // Batches of 500 are written two at a time: the short last one may finish before the second.
    const written = progress.filter((p) => p.total !== null).map((p) => p.written);
    expect(written).toHaveLength(4);
    expect(written).toEqual([...written].sort((a, b) => a - b));
    expect(written.at(-1)).toBe(1201);
    const [count] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(places).where(eq(places.territoryId, territory.id));
    expect(count!.n).toBe(1201);
  });

  it("offers a template file on the import page: the standard's columns in order, read back without header errors", async () => {
    const territory = await makeTerritory(t.database);
    const userId = await makeUser(t.database, { email: `coord-modele-${engine}@exemple.fr`, territoryId: territory.id, roles: ["coordinator"] });
    const client = await new TestClient(t.app).signInAs(t, userId);
    const form = await client.get(`/t/${territory.code}/lieux/import`);
    expect(form.body).toContain(`href="/t/${territory.code}/lieux/import/modele.csv"`);
    const template = await client.get(`/t/${territory.code}/lieux/import/modele.csv`);
    expect(template.statusCode).toBe(200);
    expect(template.headers["content-type"]).toContain("text/csv");
    expect(template.body).toBe(`\uFEFF${STANDARD_COLUMNS.join(";")}\n`);
    expect(readLieuxCsv(template.body).ignoredColumns).toEqual([]);
    expect([...readLieuxCsv(template.body).rows]).toEqual([]);
  });

  it("imports from the web: upload, progress page, job run to done, report download", async () => {
    const territory = await makeTerritory(t.database);
    const userId = await makeUser(t.database, { email: `coord-import-${engine}@exemple.fr`, territoryId: territory.id, roles: ["coordinator"] });
    const client = await new TestClient(t.app).signInAs(t, userId);
    const form = await client.get(`/t/${territory.code}/lieux/import`);
    expect(form.statusCode).toBe(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const { text } = await csvWithBadRows();
    const body = multipart({ _csrf: token, lignes_invalides: "ignorer" }, { name: "fichier", filename: "lieux.csv", type: "text/csv", content: text });
    const cookie = `maillage_session=${client.cookie("maillage_session")}; maillage_csrf=${client.cookie("maillage_csrf")}`;
    // The token travels as the form's field, never in its address; without it, nothing is imported.
    expect(form.body).toContain(`action="/t/${territory.code}/lieux/import" enctype="multipart/form-data"`);
    const forged = multipart({ _csrf: "faux", lignes_invalides: "ignorer" }, { name: "fichier", filename: "lieux.csv", type: "text/csv", content: text });
    expect((await t.app.inject({ method: "POST", url: `/t/${territory.code}/lieux/import`, payload: forged.payload, headers: { cookie, "content-type": forged.contentType } })).statusCode).toBe(419);
    const posted = await t.app.inject({
      method: "POST",
      url: `/t/${territory.code}/lieux/import`,
      payload: body.payload,
      headers: { cookie, "content-type": body.contentType },
    });
    expect(posted.statusCode).toBe(303);
    const statusUrl = posted.headers.location as string;
    expect(statusUrl).toMatch(new RegExp(`^/t/${territory.code}/lieux/import/\\d+$`));

    const waiting = await client.get(statusUrl);
    expect(waiting.body).toContain("<progress");
    expect(waiting.body).toContain("data-live-refresh");

    const runner = startRunner(t.database.db, buildExecutors({ db: t.database.db, config: t.deps.config, clock: t.clock, transport: transportFor(undefined) }), {
      clock: t.clock,
      autoStart: false,
      names: ["import.lieux"],
    });
    expect(await runner.runUntilIdle()).toBe(1);
    await runner.stop();

    const importId = Number(statusUrl.split("/").at(-1));
    const [row] = await t.database.db.select().from(imports).where(and(eq(imports.id, importId), eq(imports.territoryId, territory.id)));
    expect(row).toMatchObject({ status: "done", totalRows: 5, processedRows: 5, importedRows: 3, content: null });
    const done = await client.get(statusUrl);
    expect(done.body).toContain("Terminé");
    expect(done.body).not.toContain("<progress");
    expect(done.body).toContain("3 lieux importés sur 5 lignes");

    const report = await client.get(`${statusUrl}/rapport.csv`);
    expect(report.statusCode).toBe(200);
    expect(report.headers["content-type"]).toMatch(/^text\/csv/);
    const lines = report.body.replace(/^\uFEFF/, "").trimEnd().split("\n");
    expect(lines[0]).toBe("ligne;champ;raison");
    expect(lines.slice(1)).toEqual(["6;code_postal;«\u00a07920\u00a0» n'est pas un code postal (5 chiffres)", "7;services;valeur obligatoire manquante"]);
  });

  it("refuses an upload without a file, keeping the person on the form with the error", async () => {
    const territory = await makeTerritory(t.database);
    const userId = await makeUser(t.database, { email: `coord-vide-${engine}@exemple.fr`, territoryId: territory.id, roles: ["coordinator"] });
    const client = await new TestClient(t.app).signInAs(t, userId);
    const form = await client.get(`/t/${territory.code}/lieux/import`);
    const token = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const body = multipart({ _csrf: token, lignes_invalides: "rien" }, { name: "fichier", filename: "lieux.txt", type: "text/plain", content: "x" });
    const cookie = `maillage_session=${client.cookie("maillage_session")}; maillage_csrf=${client.cookie("maillage_csrf")}`;
    const posted = await t.app.inject({ method: "POST", url: `/t/${territory.code}/lieux/import`, payload: body.payload, headers: { cookie, "content-type": body.contentType } });
    expect(posted.statusCode).toBe(400);
    expect(posted.body).toContain("govuk-error-summary");
    expect(posted.body).toContain("Le fichier doit être au format CSV ou JSON");
  });
});
