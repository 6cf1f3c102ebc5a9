// Compiles the rebranded GOV.UK Frontend stylesheet and copies the browser assets to dist/assets.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "dist/assets");

/** Builds dist/assets; skipped when the outputs are newer than their sources, unless forced. */
export function buildAssets(options: { force?: boolean } = {}): void {
  const sources = [path.join(root, "src/ui/styles/maillage.scss"), path.join(root, "src/ui/client/init.js")];
  const stamp = path.join(out, "maillage.css");
  if (!options.force && fs.existsSync(stamp)) {
    const built = fs.statSync(stamp).mtimeMs;
    if (sources.every((file) => fs.statSync(file).mtimeMs < built)) return;
  }
  fs.mkdirSync(out, { recursive: true });
  const css = sass.compile(sources[0]!, {
    style: "compressed",
    importers: [new sass.NodePackageImporter(root)],
    quietDeps: true,
    silenceDeprecations: ["import"],
  });
  const govuk = path.join(root, "node_modules/govuk-frontend/dist/govuk");
  fs.copyFileSync(path.join(govuk, "govuk-frontend.min.js"), path.join(out, "govuk-frontend.min.js"));
  fs.copyFileSync(path.join(root, "src/ui/client/init.js"), path.join(out, "init.js"));
  fs.copyFileSync(path.join(root, "src/ui/client/favicon.svg"), path.join(out, "favicon.svg"));
  fs.writeFileSync(stamp, css.css);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildAssets({ force: true });
  console.log(`Assets built in ${path.relative(process.cwd(), out)}`);
}
