// `npm run build:assets`: compiles the stylesheet and copies the browser assets (also done at start-up when stale).
import path from "node:path";
import { buildAssets } from "../src/ui/assets.js";

buildAssets({ force: true });
console.log(`Assets built in ${path.relative(process.cwd(), "dist/assets")}`);
