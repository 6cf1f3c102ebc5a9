// `npm run build:assets`: compiles the stylesheet and copies the browser assets into dist/assets (or
// MAILLAGE_ASSETS_DIR), even when they look up to date; the server also does it at start when they are stale.
import path from "node:path";
import { loadConfig } from "../src/config.js";
import { buildAssets } from "../src/ui/assets.js";

const out = loadConfig().assetsDir;
buildAssets({ out, force: true });
console.log(`Assets built in ${path.relative(process.cwd(), out) || "."}`);
