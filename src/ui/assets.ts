// Compiles the rebranded GOV.UK Frontend stylesheet and copies the browser assets to dist/assets.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import zlib from "node:zlib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const out = path.join(root, "dist/assets");
const require = createRequire(import.meta.url);

/** Where the built assets are served from (/assets/). */
export const assetsDir = out;

/** Builds dist/assets; skipped when the outputs are newer than their sources, unless forced. */
export function buildAssets(options: { force?: boolean } = {}): void {
  const sources = [
    path.join(root, "src/ui/styles/maillage.scss"),
    path.join(root, "src/ui/client/init.js"),
    path.join(root, "node_modules/govuk-frontend/package.json"),
    path.join(root, "src/ui/assets.ts"),
  ];
  const stamp = path.join(out, "maillage.css");
  // Sources include every client script: a new one must trigger a rebuild too.
  for (const file of fs.readdirSync(path.join(root, "src/ui/client"))) sources.push(path.join(root, "src/ui/client", file));
  if (!options.force && fs.existsSync(stamp)) {
    const built = fs.statSync(stamp).mtimeMs;
    if (sources.every((file) => fs.statSync(file).mtimeMs < built)) return;
  }
  fs.mkdirSync(out, { recursive: true });
  // Loaded only when something must be rebuilt: the server and the tests skip its start-up cost.
  const sass = require("sass") as typeof import("sass");
  const css = sass.compile(sources[0]!, {
    style: "compressed",
    importers: [new sass.NodePackageImporter(root)],
    quietDeps: true,
    silenceDeprecations: ["import"],
  });
  const govuk = path.join(root, "node_modules/govuk-frontend/dist/govuk");
  const govukJs = fs.readFileSync(path.join(govuk, "govuk-frontend.min.js"));
  fs.writeFileSync(path.join(out, "govuk-frontend.min.js"), govukJs);
  // The module import carries the library's hash so that a cached copy is never used after an upgrade.
  const govukVersion = createHash("sha256").update(govukJs).digest("hex").slice(0, 10);
  const init = fs.readFileSync(path.join(root, "src/ui/client/init.js"), "utf8").replace('"./govuk-frontend.min.js"', `"./govuk-frontend.min.js?v=${govukVersion}"`);
  fs.writeFileSync(path.join(out, "init.js"), init);
  for (const file of fs.readdirSync(path.join(root, "src/ui/client"))) {
    if (file !== "init.js" && /\.(js|svg)$/.test(file)) fs.copyFileSync(path.join(root, "src/ui/client", file), path.join(out, file));
  }
  // Leaflet for the optional finder map (served only when MAP_TILE_URL is set).
  const leaflet = path.join(root, "node_modules/leaflet/dist");
  fs.cpSync(path.join(leaflet, "leaflet.js"), path.join(out, "leaflet/leaflet.js"));
  fs.cpSync(path.join(leaflet, "leaflet.css"), path.join(out, "leaflet/leaflet.css"));
  fs.cpSync(path.join(leaflet, "images"), path.join(out, "leaflet/images"), { recursive: true });
  // Compressed copies, served to browsers that accept them (@fastify/static preCompressed): the stylesheet goes from
  // about 140 kB to about 20 kB on the wire, which counts on an old phone with a weak signal. The stylesheet is
  // written last: it is the stamp of a complete build.
  for (const entry of fs.readdirSync(out, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (entry.isFile() && /\.(css|js|svg)$/.test(entry.name) && file !== stamp) writeCompressed(file, fs.readFileSync(file));
  }
  writeCompressed(stamp, css.css);
  fs.writeFileSync(stamp, css.css);
}

/** Writes the Brotli and gzip copies of a file's content beside it (`.br`, `.gz`). */
function writeCompressed(file: string, content: string | Buffer): void {
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content, { level: 9 }));
}
