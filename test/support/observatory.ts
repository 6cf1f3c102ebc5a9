// Helpers of the connectivity and observatory tests: a territory with chosen communes, multipart uploads, and
// running the import job.
import type { Database } from "../../src/db/client.js";
import { cliActor } from "../../src/modules/audit/audit.commands.js";
import type { JobName } from "../../src/modules/jobs/registry.js";
import { startRunner } from "../../src/modules/jobs/jobs.runner.js";
import { transportFor } from "../../src/modules/mail/mail.transport.js";
import type { GeoTerritory } from "../../src/modules/territories/geography.js";
import { createTerritory } from "../../src/modules/territories/territories.commands.js";
import { buildExecutors } from "../../src/worker.js";
import type { TestApp } from "./app.js";

let seq = 0;

/** A territory (an EPCI with a unique fictitious SIREN) whose communes have the given codes and populations. */
export async function territoryWithCommunes(database: Database, communes: { insee: string; name?: string; population?: number }[]) {
  seq++;
  const code = `8${String(process.pid % 1000).padStart(3, "0")}${String(seq).padStart(5, "0")}`;
  const geo: GeoTerritory = {
    kind: "epci",
    code,
    name: `Territoire observatoire ${seq}`,
    communes: communes.map((c, i) => ({ insee: c.insee, name: c.name ?? `Commune ${c.insee}`, departement: c.insee.slice(0, 2), population: c.population ?? 1000 + i, postcodes: [] })),
  };
  return database.db.transaction((tx) => createTerritory(tx, { geo, actor: cliActor(new Date("2027-03-02T09:00:00Z")) }));
}

/** A multipart/form-data body as a browser sends it (fields then the `fichier` file). */
export function multipartBody(fields: Record<string, string>, file: { filename: string; content: Buffer | string; type?: string }) {
  const boundary = "----maillage-observatoire-9XkT2mQ";
  const head = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("");
  const fileHead = `--${boundary}\r\nContent-Disposition: form-data; name="fichier"; filename="${file.filename}"\r\nContent-Type: ${file.type ?? "text/csv"}\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head + fileHead, "utf8"), Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, "utf8"), Buffer.from(`\r\n--${boundary}--\r\n`, "utf8")]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Runs the due jobs of the given names until none is left. */
export async function runJobs(t: TestApp, names: readonly JobName[]): Promise<void> {
  const executors = buildExecutors({ db: t.database.db, config: t.deps.config, clock: t.clock, transport: transportFor(undefined) });
  const runner = startRunner(t.database.db, executors, { clock: t.clock, autoStart: false, names });
  await runner.runUntilIdle();
  await runner.stop();
}
