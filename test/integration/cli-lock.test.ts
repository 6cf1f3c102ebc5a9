// The PGlite data-directory lock on its own (the CLI test checks it against a real `maillage serve`).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirBusyError } from "../../src/db/data-dir-lock.js";
import { tempDataDir } from "../support/cli.js";

describe("data-directory lock", () => {
  const dirs: { remove(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
  function dir(): string {
    const d = tempDataDir("maillage-lock-");
    dirs.push(d);
    return d.dir;
  }

  it("refuses a second holder in the same process, and lets it in once released", () => {
    const dataDir = dir();
    const lock = acquireDataDirLock(dataDir, "serveur Maillage sur le port 3000");
    expect(() => acquireDataDirLock(dataDir, "maillage territory list")).toThrow(DataDirBusyError);
    expect(() => acquireDataDirLock(path.join(dataDir, "."), "maillage territory list")).toThrow(
      `est déjà utilisé par le processus ${process.pid} (serveur Maillage sur le port 3000)`,
    );
    lock.release();
    expect(fs.existsSync(path.join(dataDir, "maillage.lock"))).toBe(false);
    acquireDataDirLock(dataDir, "maillage territory list").release();
  });

  it("names the live process that holds the directory", () => {
    const dataDir = dir();
    fs.writeFileSync(path.join(dataDir, "maillage.lock"), JSON.stringify({ pid: process.ppid, holder: "maillage serve", since: new Date().toISOString() }));
    expect(() => acquireDataDirLock(dataDir, "maillage backup")).toThrow(
      `Le répertoire de données ${dataDir} est déjà utilisé par le processus ${process.ppid} (maillage serve).`,
    );
  });

  it("takes over a lock left by a process that died", () => {
    const dataDir = dir();
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    fs.writeFileSync(path.join(dataDir, "maillage.lock"), JSON.stringify({ pid: dead, holder: "maillage serve", since: "2027-03-01T00:00:00.000Z" }));
    const lock = acquireDataDirLock(dataDir, "maillage restore");
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, "maillage.lock"), "utf8"))).toMatchObject({ pid: process.pid, holder: "maillage restore" });
    lock.release();
  });
});
