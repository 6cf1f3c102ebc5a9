// Compiles the rebranded GOV.UK Frontend stylesheet and copies the browser assets to the assets folder
// (dist/assets, or MAILLAGE_ASSETS_DIR).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import zlib from "node:zlib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);

/** Where the assets are built and served from (/assets/) unless MAILLAGE_ASSETS_DIR says otherwise. */
export const defaultAssetsDir = path.join(root, "dist/assets");

/** Written last by a complete build: the hash of the sources it was built from. Dot files are not served. */
const STAMP = ".build";

/**
 * A folder the assets must be read from or written to and this process cannot: a configuration error, said in
 * French with the way out. Its exit code (78, EX_CONFIG) lets systemd stop restarting (RestartPreventExitStatus).
 */
export class AssetsDirError extends Error {
  readonly exitCode = 78;
}

/**
 * Everything a build is made from: our stylesheet and browser scripts, this builder, and the versions of
 * GOV.UK Frontend, Leaflet and the Sass compiler (their package.json), so that upgrading any of them rebuilds.
 */
function sourceFiles(): string[] {
  const inFolder = (folder: string) => fs.readdirSync(path.join(root, folder)).sort().map((file) => path.join(folder, file));
  return [
    ...inFolder("src/ui/styles"),
    ...inFolder("src/ui/client"),
    "src/ui/assets.ts",
    "node_modules/govuk-frontend/package.json",
    "node_modules/leaflet/package.json",
    "node_modules/sass/package.json",
  ];
}

/** The hash of the sources' names and contents: dates do not count (a checkout, an archive or npm ci set them). */
export function assetSourcesHash(): string {
  const hash = createHash("sha256");
  for (const file of sourceFiles()) hash.update(`${file}\0`).update(fs.readFileSync(path.join(root, file))).update("\0");
  return hash.digest("hex");
}

/**
 * Builds the assets into `out` unless its last complete build was made from the same sources (or `force`).
 * Returns what it did. Files are written under a temporary name then renamed, so a running server never sends
 * half a file and a file left by another user can be replaced in a folder this one owns. A folder this process
 * cannot write (or read) is an AssetsDirError.
 */
export function buildAssets({ out = defaultAssetsDir, force = false }: { out?: string; force?: boolean } = {}): "built" | "fresh" {
  const hash = assetSourcesHash();
  if (!force && guard(out, "lire", () => isFresh(out, hash))) return "fresh";
  guard(out, "écrire", () => writeAssets(out, hash));
  return "built";
}

/** Whether `out` holds a complete build of these sources, every file of it readable. */
function isFresh(out: string, hash: string): boolean {
  const stamp = path.join(out, STAMP);
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, "utf8") !== hash) return false;
  for (const entry of fs.readdirSync(out, { recursive: true, withFileTypes: true })) {
    fs.accessSync(path.join(entry.parentPath, entry.name), fs.constants.R_OK);
  }
  return true;
}

/** Runs `work`, turning a permission refusal into an AssetsDirError that says what to do. */
function guard<T>(out: string, verb: "lire" | "écrire", work: () => T): T {
  try {
    return work();
  } catch (error) {
    const { code, path: where } = error as NodeJS.ErrnoException;
    if (code !== "EACCES" && code !== "EPERM" && code !== "EROFS") throw error;
    const user = os.userInfo().username;
    const file = where?.replace(/\.\d+\.tmp$/, ""); // a file being written goes by a temporary name
    throw new AssetsDirError(
      `l'utilisateur ${user} ne peut pas ${verb} les fichiers du site (feuille de style, scripts) dans ${out} (${code}${file ? ` : ${file}` : ""}). ` +
        `Donnez-lui ce dossier (chown -R ${user}: ${out}) ou indiquez-en un où il peut écrire avec MAILLAGE_ASSETS_DIR (voir docs/operations.md).`,
    );
  }
}

function writeAssets(out: string, hash: string): void {
  fs.mkdirSync(out, { recursive: true });
  // Loaded only when something must be rebuilt: the server and the tests skip its start-up cost.
  const sass = require("sass") as typeof import("sass");
  const css = sass.compile(path.join(root, "src/ui/styles/maillage.scss"), {
    style: "compressed",
    importers: [new sass.NodePackageImporter(root)],
    quietDeps: true,
    silenceDeprecations: ["import"],
  });
  const files = new Map<string, string | Buffer>();
  const govuk = path.join(root, "node_modules/govuk-frontend/dist/govuk");
  const govukJs = fs.readFileSync(path.join(govuk, "govuk-frontend.min.js"));
  files.set("govuk-frontend.min.js", govukJs);
  // The module import carries the library's hash so that a cached copy is never used after an upgrade.
  const govukVersion = createHash("sha256").update(govukJs).digest("hex").slice(0, 10);
  const init = fs.readFileSync(path.join(root, "src/ui/client/init.js"), "utf8").replace('"./govuk-frontend.min.js"', `"./govuk-frontend.min.js?v=${govukVersion}"`);
  files.set("init.js", init);
  for (const file of fs.readdirSync(path.join(root, "src/ui/client"))) {
    if (file !== "init.js" && /\.(js|svg)$/.test(file)) files.set(file, fs.readFileSync(path.join(root, "src/ui/client", file)));
  }
  // Leaflet for the optional finder map (served only when MAP_TILE_URL is set).
  const leaflet = path.join(root, "node_modules/leaflet/dist");
  for (const file of ["leaflet.js", "leaflet.css"]) files.set(`leaflet/${file}`, fs.readFileSync(path.join(leaflet, file)));
  for (const file of fs.readdirSync(path.join(leaflet, "images"))) files.set(`leaflet/images/${file}`, fs.readFileSync(path.join(leaflet, "images", file)));
  // The stylesheet is written last, then the stamp: together they mark a complete build.
  files.set("maillage.css", css.css);
  for (const [name, content] of files) {
    // Compressed copies, served to browsers that accept them (@fastify/static preCompressed): the stylesheet goes
    // from about 140 kB to about 20 kB on the wire, which counts on an old phone with a weak signal.
    if (/\.(css|js|svg)$/.test(name)) {
      writeFile(out, `${name}.br`, zlib.brotliCompressSync(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
      writeFile(out, `${name}.gz`, zlib.gzipSync(content, { level: 9 }));
    }
    writeFile(out, name, content);
  }
  writeFile(out, STAMP, hash);
}

/** Writes one file under a temporary name, then renames it into place. */
function writeFile(out: string, name: string, content: string | Buffer): void {
  const file = path.join(out, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content);
  fs.renameSync(temporary, file);
}
