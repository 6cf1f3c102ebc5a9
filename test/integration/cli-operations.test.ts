// What a sysadmin meets running `maillage` on a server (docs/operations.md): output piped into a reader that stops
// early, the assets folder the service builds at start, and sign-in links on PGlite without SMTP while the
// server holds the data directory. The real command in child processes; one PGlite data directory.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assetSourcesHash, buildAssets } from "../../src/ui/assets.js";
import { cliEnv, repoRoot, runCli, startCliServer, tempDataDir, waitFor, type CliResult, type RunningCli } from "../support/cli.js";

/** Exit code 0 and nothing on standard error: no stack trace, no warning. */
function expectQuietSuccess(result: CliResult, what: string): void {
  expect({ what, code: result.code, stderr: result.stderr }).toEqual({ what, code: 0, stderr: "" });
}

/** A browser's cookies and form token against a running server, just enough to sign in. */
function browser(base: string) {
  const cookies = new Map<string, string>();
  let csrf = "";
  async function request(url: string, form?: Record<string, string>) {
    const response = await fetch(base + url, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join("; "), ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      ...(form ? { body: new URLSearchParams({ ...form, _csrf: csrf }).toString() } : {}),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const pair = cookie.split(";")[0]!;
      cookies.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
    }
    const body = await response.text();
    csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? csrf;
    return { status: response.status, body, location: response.headers.get("location") };
  }
  return { get: (url: string) => request(url), post: (url: string, form: Record<string, string>) => request(url, form) };
}

describe("maillage as a sysadmin runs it", { timeout: 180_000 }, () => {
  const data = tempDataDir("maillage-ops-");
  const env = cliEnv(path.join(data.dir, "donnees"));
  const assets = path.join(data.dir, "cache", "assets");
  let server: RunningCli | undefined;

  beforeAll(async () => {
    expectQuietSuccess(await runCli(["user", "operator", "operatrice@exemple.fr"], env), "user operator");
  });
  afterAll(async () => {
    await server?.stop();
    data.remove();
  });

  it("ends quietly when the reader of its output stops early (| head -1), and releases the data directory", async () => {
    const commands = [["jobs", "list"], ["--help"]];
    const results = await Promise.all(commands.map((args) => runCli(args, env, { closeStdout: true })));
    results.forEach((result, i) => expectQuietSuccess(result, commands[i]!.join(" ")));
    expect(fs.readdirSync(path.join(data.dir, "donnees"))).toEqual(["pglite"]);
  });

  it("prints the release it runs, the version of package.json that the release's tag repeats", async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(await runCli(["--version"], env)).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("refuses to start, in French and with exit code 78, when its assets folder is stale and not writable by its user", async () => {
    const locked = path.join(data.dir, "verrouille");
    fs.mkdirSync(locked, { mode: 0o755 });
    // As root, the server runs as nobody (the folder stays root's); otherwise the folder is made read-only.
    const asRoot = process.getuid?.() === 0;
    if (!asRoot) fs.chmodSync(locked, 0o555);
    const result = await runCli(["serve"], { ...env, MAILLAGE_ASSETS_DIR: locked, PORT: "1" }, asRoot ? { uid: 65534, gid: 65534 } : {});
    const user = asRoot ? "nobody" : (await import("node:os")).userInfo().username;
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(
      new RegExp(
        `^Erreur : l'utilisateur ${user} ne peut pas écrire les fichiers du site \\(feuille de style, scripts\\) dans ${locked} \\(EACCES : ${locked}[^)]*\\)\\. ` +
          `Donnez-lui ce dossier \\(chown -R ${user}: ${locked}\\) ou indiquez-en un où il peut écrire avec MAILLAGE_ASSETS_DIR \\(voir docs/operations\\.md\\)\\.\\n$`,
      ),
    );
    expect(fs.readdirSync(locked)).toEqual([]);
  });

  it("builds its assets into MAILLAGE_ASSETS_DIR, prints stored mail on its log outside production: the sign-in link works while it runs", async () => {
    server = await startCliServer({ ...env, MAILLAGE_ASSETS_DIR: assets }, { worker: true, timeoutMs: 170_000 });
    const css = await fetch(`${server.url}/assets/maillage.css`);
    expect(css.status).toBe(200);
    expect(Buffer.from(await css.arrayBuffer()).equals(fs.readFileSync(path.join(assets, "maillage.css")))).toBe(true);
    const health = await fetch(`${server.url}/sante`);
    expect(await health.text()).toBe('{"statut":"ok"}');

    const person = browser(server.url);
    await person.get("/connexion");
    expect((await person.post("/connexion", { email: "operatrice@exemple.fr" })).status).toBe(200);
    const link = await waitFor(() => /\/connexion\/lien\?jeton=[A-Za-z0-9_-]+/.exec(server!.output())?.[0], "the sign-in link on the log");
    expect(server.output()).toContain("Courriel enregistré, non envoyé (pas de SMTP_URL) — à : operatrice@exemple.fr — objet : Votre lien de connexion à Maillage\n");
    await person.get(link);
    const signedIn = await person.post("/connexion/lien", { jeton: link.split("jeton=")[1]! });
    expect(signedIn.status).toBe(303);
    const operatorPage = await person.get("/operateur");
    expect(operatorPage.status).toBe(200);
    expect(operatorPage.body).toContain('href="/operateur/courriels"');
  });

  it("rebuilds its assets only when their sources' contents change, whatever the files' dates", async () => {
    await server?.stop();
    const stamp = path.join(assets, ".build");
    expect(fs.readFileSync(stamp, "utf8")).toBe(assetSourcesHash());
    const old = new Date("1985-10-26T08:15:00Z"); // the date npm gives the files of a package
    for (const entry of fs.readdirSync(assets, { recursive: true, withFileTypes: true })) fs.utimesSync(path.join(entry.parentPath, entry.name), old, old);
    expect(buildAssets({ out: assets })).toBe("fresh");
    fs.writeFileSync(stamp, "the hash of another govuk-frontend");
    expect(buildAssets({ out: assets })).toBe("built");
    expect(fs.readFileSync(stamp, "utf8")).toBe(assetSourcesHash());
  });
});
