// The real `maillage` command, spawned as an operator runs it, on a PGlite data directory of its own.
// Each run pays PGlite's start-up (about a second, more for a new directory): assertions are grouped.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliEnv, repoRoot, runCli, startCliServer, tempDataDir, type CliResult, type RunningCli } from "../support/cli.js";

/** Exit code 0, and what the command printed. */
async function ok(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const result = await runCli(args, env);
  expect(result, `maillage ${args.join(" ")}`).toMatchObject({ code: 0, stderr: "" });
  return result.stdout;
}

/** Exit code 1 with a French message and no stack trace. */
function expectRefusal(result: CliResult, message: string | RegExp): void {
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(typeof message === "string" ? new RegExp(`^Erreur : ${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) : message);
  expect(result.stderr).not.toMatch(/\n\s+at |\.ts:\d+|Error:/);
}

// Generous limits: a machine busy with other test files can make each spawn several times slower.
describe("maillage command line", { timeout: 180_000 }, () => {
  const data = tempDataDir();
  const env = cliEnv(data.dir);
  const serverData = tempDataDir();
  let server: Promise<RunningCli>;

  beforeAll(() => {
    // Starts while the other tests run; the lock test waits for it.
    server = startCliServer(cliEnv(serverData.dir), { timeoutMs: 170_000 });
    server.catch(() => undefined);
  });
  afterAll(async () => {
    await (await server.catch(() => undefined))?.stop();
    data.remove();
    serverData.remove();
  });

  it("shows help in French for every command", async () => {
    const commands = [
      ["serve"],
      ["migrate"],
      ["territory", "create"],
      ["territory", "list"],
      ["user", "invite"],
      ["mail", "list"],
      ["mail", "show"],
      ["backup"],
      ["restore"],
      ["jobs", "list"],
      ["user", "oidc-unlink"],
      ["import", "contours"],
    ];
    const results = await Promise.all(commands.map((command) => runCli([...command, "--help"], env)));
    results.forEach((result, i) => {
      expect(result.code, commands[i]!.join(" ")).toBe(0);
      expect(result.stdout).toContain(`Utilisation : maillage ${commands[i]!.join(" ")}`);
      expect(result.stdout).toContain("-h, --help  ");
      expect(result.stdout).toContain("affiche l'aide de la commande");
    });
    expect(results[2]!.stdout).toContain("--epci <siren>");
    expect(results[8]!.stdout).toContain("pglite.avant-restauration-<date>");
    expect(fs.readdirSync(data.dir)).toEqual([]);
  });

  it("creates territories from the official geography, harmlessly twice, and lists them", async () => {
    expect(await ok(["territory", "create", "--epci", "200041333"], env)).toBe("Créé : CC de Parthenay-Gâtine (200041333), 38 communes.\n");
    expect(await ok(["territory", "create", "--epci", "200041333"], env)).toBe(
      "Déjà présent, communes mises à jour : CC de Parthenay-Gâtine (200041333), 38 communes.\n",
    );
    expect(await ok(["territory", "create", "--commune", "79202"], env)).toMatch(/^Créé : Parthenay \(79202\), 1 commune\.$/m);
    expect(await ok(["territory", "create", "--departement", "79"], env)).toMatch(/^Créé : Deux-Sèvres \(79\), \d{3} communes\.$/m);
    const list = await ok(["territory", "list"], env);
    expect(list.trim().split("\n")).toHaveLength(3);
    expect(list).toMatch(/^200041333\s+epci\s+38 communes\s+CC de Parthenay-Gâtine$/m);
    expect(list).toMatch(/^79202\s+commune\s+1 commune\s+Parthenay$/m);
    expect(list).toMatch(/^79\s+departement\s+\d{3} communes\s+Deux-Sèvres$/m);
  });

  it("imports commune contours all or nothing, reporting other communes' features by number and code", async () => {
    const files = tempDataDir("maillage-contours-");
    try {
      const demo = JSON.parse(fs.readFileSync(path.join(repoRoot, "src/modules/demo/data/contours-parthenay-gatine.geojson"), "utf8")) as { features: unknown[] };
      const niort = { type: "Feature", properties: { code: "79191", nom: "Niort" }, geometry: { type: "Polygon", coordinates: [[[-0.5, 46.3], [-0.4, 46.3], [-0.4, 46.4], [-0.5, 46.3]]] } };
      const broken = { type: "Feature", properties: { code: "79049" }, geometry: null };
      const good = path.join(files.dir, "communes.geojson");
      const bad = path.join(files.dir, "communes-erreur.geojson");
      fs.writeFileSync(good, JSON.stringify({ type: "FeatureCollection", features: [niort, ...demo.features] }));
      fs.writeFileSync(bad, JSON.stringify({ type: "FeatureCollection", features: [niort, ...demo.features, broken] }));
      const refused = await runCli(["import", "contours", bad, "--territory", "200041333"], env);
      expectRefusal(refused, /^élément 40 : geometry — géométrie absente\nErreur : rien n'a été importé : 1 élément invalide sur 40\. Corrigez le fichier/);
      const imported = await ok(["import", "contours", good, "--territory", "200041333", "--source", "IGN – GEOFLA 2016"], env);
      expect(imported).toBe(
        [
          "élément 1 : code 79191 (Niort) — pas une commune du territoire, ignoré",
          "38 contours importés dans CC de Parthenay-Gâtine (source : IGN – GEOFLA 2016) : 38 ajouts, 0 mise à jour, 0 inchangé.",
          "1 élément ignoré (hors des communes du territoire).",
          "",
        ].join("\n"),
      );
      const single = await ok(["import", "contours", good, "--territory", "79202"], env);
      expect(single).toContain("1 contour importé dans Parthenay (source : communes.geojson) : 1 ajout,");
      expect(single).toContain("38 éléments ignorés (hors des communes du territoire).");
    } finally {
      files.remove();
    }
  });

  it("refuses unknown codes and bad options in French, without a stack trace", async () => {
    const [epci, commune, none, role] = await Promise.all([
      runCli(["territory", "create", "--epci", "999999999"], env),
      runCli(["territory", "create", "--commune", "00000"], env),
      runCli(["territory", "create"], env),
      runCli(["user", "invite", "a@b.fr", "--territory", "200041333", "--role", "roi"], env),
    ]);
    expectRefusal(epci, "aucun territoire officiel ne porte le code 999999999.");
    expectRefusal(commune, "aucun territoire officiel ne porte le code 00000.");
    expectRefusal(none, "indiquez exactement une option parmi --epci, --commune et --departement.");
    expectRefusal(role, "rôle inconnu : roi");
    expectRefusal(await runCli(["territory", "frob"], env), /^Erreur : commande inconnue « frob »/);
    expectRefusal(await runCli(["user", "oidc-unlink", "personne@mairie.fr"], env), "aucun compte n'a l'adresse personne@mairie.fr.");
  });

  it("invites a person; the operator reads the invitation and its link with mail list and mail show", async () => {
    const invited = await ok(["user", "invite", "a@b.fr", "--territory", "200041333", "--role", "coordinator"], env);
    const id = /maillage mail show (\d+)/.exec(invited)?.[1];
    expect(invited).toMatch(/^Invitation de a@b\.fr pour CC de Parthenay-Gâtine \(coordinator\) : enregistrée \(pas de SMTP configuré\)/);
    expect(id).toBeDefined();

    const list = await ok(["mail", "list"], env);
    expect(list).toMatch(new RegExp(`^\\s*${id}\\s+\\S+\\s+enregistré\\s+a@b\\.fr\\s+Invitation à rejoindre CC de Parthenay-Gâtine`, "m"));
    const show = await ok(["mail", "show", id!], env);
    expect(show).toContain("À : a@b.fr");
    expect(show).toMatch(/http:\/\/localhost:3000\/connexion\/lien\?jeton=[A-Za-z0-9_-]{20,}/);
    expectRefusal(await runCli(["mail", "show", "9999"], env), "aucun courriel n° 9999.");

    const jobs = await ok(["jobs", "list"], env);
    expect(jobs).toMatch(/^\s*\d+\s+done\s+mail\.send\s+essais 1\/5/m);
  });

  it("backs up the data directory and restores it, keeping the replaced one aside", async () => {
    const file = path.join(data.dir, "sauvegarde.tar.gz");
    expect(await ok(["backup", file], env)).toMatch(/^Sauvegarde écrite : .*sauvegarde\.tar\.gz \(\d+(,\d)? (Mo|ko)\)\.$/m);
    await ok(["territory", "create", "--commune", "79049"], env);
    const restored = await ok(["restore", file], env);
    expect(restored).toContain(`Base restaurée depuis ${file}.`);
    expect(restored).toMatch(/L'ancienne base est conservée dans .*pglite\.avant-restauration-/);
    const list = await ok(["territory", "list"], env);
    expect(list.trim().split("\n")).toHaveLength(3);
    expect(list).not.toContain("79049");
  });

  it("stops with a clear message while the server holds the data directory, and works once it stopped", async () => {
    const running = await server;
    const env2 = cliEnv(serverData.dir);
    const busy = new RegExp(`^Erreur : Le répertoire de données ${serverData.dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} est déjà utilisé par le processus ${running.child.pid} \\(serveur Maillage sur le port \\d+\\)`);
    const archive = path.join(data.dir, "archive-quelconque.tar.gz");
    fs.writeFileSync(archive, Buffer.from([0x1f, 0x8b, 8, 0]));
    const [list, restore] = await Promise.all([runCli(["territory", "list"], env2), runCli(["restore", archive], env2)]);
    expectRefusal(list, busy);
    expectRefusal(restore, busy);
    expect((await fetch(`${running.url}/sante`)).ok).toBe(true);

    await running.stop();
    expect(await ok(["territory", "list"], env2)).toBe("Aucun territoire.\n");
  });
});
