// `npm run bench`: runs every benchmark on a throw-away PostgreSQL server and writes docs/performance.md.
// Usage: npm run bench [-- finder places booking schools observatory network] (default: all).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

type Row = { what: string; figure: string; target: string; ok: boolean };
type Section = { title: string; rows: Row[]; notes?: string[] };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const wanted = new Set(process.argv.slice(2));
const run = (name: string) => wanted.size === 0 || wanted.has(name);
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
const sections: Section[] = [];

if (run("booking")) {
  const { benchBookingRace } = await import("./booking.js");
  const f = await benchBookingRace();
  sections.push({
    title: "Booking race (issue 3)",
    rows: [{ what: `${f.attempts} simultaneous confirmations of one slot over HTTP`, figure: `${f.succeeded} booked, ${f.conflicts} clean conflicts, ${f.serverErrors} server errors (${f.seconds.toFixed(2)} s)`, target: "exactly 1 / 199 / 0", ok: f.meetsTarget }],
  });
}

if (run("places")) {
  const { benchPlacesImport } = await import("./places-import.js");
  const f = await benchPlacesImport();
  sections.push({
    title: "Places import (issue 3)",
    rows: [
      { what: `import of ${f.rows} places in the standard CSV`, figure: `${Math.round(f.rowsPerSecond)} rows/s (${f.seconds.toFixed(1)} s)`, target: "≥ 5,000 rows/s", ok: f.meetsTarget },
      { what: "same file again (all unchanged)", figure: `${Math.round(f.reimportRowsPerSecond)} rows/s`, target: "—", ok: true },
    ],
  });
}

if (run("finder")) {
  const { benchFinder } = await import("./finder.js");
  const f = await benchFinder();
  // Machines differ by 2×: every web figure is also a ratio to the static route of the same run (issue 9).
  const tput = (x: { requestsPerSecond: number }, base = f.staticCss) => (x.requestsPerSecond / base.requestsPerSecond).toFixed(2);
  const lat = (x: { p99Ms: number }, base = f.staticCss) => (x.p99Ms / base.p99Ms).toFixed(2);
  const two = f.twoProcesses;
  const scale = (a: { requestsPerSecond: number }, b: { requestsPerSecond: number }) => b.requestsPerSecond / a.requestsPerSecond;
  sections.push({
    title: "Public finder and slots (issues 3 and 9)",
    notes: [
      `Data set: ${f.dataSet.places} places, ${f.dataSet.mediators} mediators, ${f.dataSet.appointments} appointments (generated in ${f.dataSet.generationSeconds.toFixed(0)} s).`,
      `This machine: ${os.cpus().length} cores shared by PostgreSQL, the app's processes and the load generator; "×" figures are ratios to the static stylesheet of the same run (throughput: finder / static; p99: finder / static).`,
    ],
    rows: [
      { what: "finder p99 / static route p99 (residents' searches, 50 connections)", figure: `${lat(f.finder)} × (${ms(f.finder.p99Ms)} / ${ms(f.staticCss.p99Ms)})`, target: "≤ 1.5 ×", ok: f.finder.p99Ms <= 1.5 * f.staticCss.p99Ms },
      { what: "search the cache cannot answer: throughput / static route", figure: `${tput(f.finderUncached)} × (${f.finderUncached.requestsPerSecond} / ${f.staticCss.requestsPerSecond} req/s)`, target: "≥ 0.4 ×", ok: f.finderUncached.requestsPerSecond >= 0.4 * f.staticCss.requestsPerSecond },
      { what: "2 processes (--workers 2) / 1 process: residents' searches throughput, p99", figure: `${scale(f.finder, two.finder).toFixed(2)} × (${two.finder.requestsPerSecond} req/s, p99 ${ms(two.finder.p99Ms)}; ${lat(two.finder, two.staticCss)} × static p99)`, target: "≥ 1.6 × where the cores allow it", ok: scale(f.finder, two.finder) >= 1.6 || os.cpus().length <= 2 },
      { what: "2 processes / 1 process: each search new, no cache: throughput, p99", figure: `${scale(f.finderUncached, two.finderUncached).toFixed(2)} × (${two.finderUncached.requestsPerSecond} req/s, p99 ${ms(two.finderUncached.p99Ms)}; ${tput(two.finderUncached, two.staticCss)} × static)`, target: "≥ 1.6 × where the cores allow it", ok: scale(f.finderUncached, two.finderUncached) >= 1.6 || os.cpus().length <= 2 },
      { what: "2 processes / 1 process: static route throughput", figure: `${scale(f.staticCss, two.staticCss).toFixed(2)} × (${two.staticCss.requestsPerSecond} req/s, p99 ${ms(two.staticCss.p99Ms)})`, target: "—", ok: true },
      { what: "finder, residents' searches at 50 connections: p99", figure: ms(f.finder.p99Ms), target: "≤ 50 ms", ok: f.meetsTargets.p99 },
      { what: "finder, residents' searches: throughput (p50)", figure: `${f.finder.requestsPerSecond} req/s (${ms(f.finder.p50Ms)}; ${tput(f.finder)} × static), ${Math.round(f.cacheHitShare * 100)} % from the search cache at most`, target: "—", ok: true },
      { what: "static route (the 144 kB stylesheet, 20 kB as Brotli): throughput, p99", figure: `${f.staticCss.requestsPerSecond} req/s, ${ms(f.staticCss.p99Ms)}`, target: "—", ok: true },
      { what: "ratio finder / static route", figure: f.ratioToStatic.toFixed(2), target: "≥ 0.3", ok: f.meetsTargets.ratio },
      { what: "finder, each search new, no cache: throughput, p50, p99", figure: `${f.finderUncached.requestsPerSecond} req/s, ${ms(f.finderUncached.p50Ms)}, ${ms(f.finderUncached.p99Ms)}`, target: "—", ok: true },
      { what: "ratio finder with each search new, no cache / static route", figure: f.ratioToStaticUncached.toFixed(2), target: "—", ok: true },
      { what: "finder by first free slot, each search new, no cache: throughput, p99", figure: `${f.finderUncachedBySlot.requestsPerSecond} req/s, ${ms(f.finderUncachedBySlot.p99Ms)} (${tput(f.finderUncachedBySlot)} ×, ${lat(f.finderUncachedBySlot)} × static)`, target: "—", ok: true },
      { what: "health route /sante (for scale): throughput, p99", figure: `${f.health.requestsPerSecond} req/s, ${ms(f.health.p99Ms)} (${tput(f.health)} ×, ${lat(f.health)} × static)`, target: "—", ok: true },
      { what: "next free slots, 10 mediators, 500 appointments over 4 weeks (median)", figure: ms(f.nextSlots.medianMs), target: "≤ 5 ms", ok: f.meetsTargets.nextSlots },
    ],
  });
}

if (run("schools") && fs.existsSync(path.join(root, "bench/schools.ts"))) {
  const mod = (await import("./schools.js")) as { benchSchools: () => Promise<{ rows: Row[]; notes?: string[] }> };
  const f = await mod.benchSchools();
  sections.push({ title: "Schools (issue 4)", rows: f.rows, ...(f.notes ? { notes: f.notes } : {}) });
}

if (run("observatory")) {
  const { benchObservatory } = await import("./observatory.js");
  const f = await benchObservatory();
  sections.push({ title: "Connectivity and observatory (issue 12)", rows: f.rows, notes: f.notes });
}

if (run("network")) {
  const { benchNetwork } = await import("./network.js");
  const f = await benchNetwork();
  sections.push({ title: "Network between territories (issue 11)", rows: f.rows, notes: f.notes });
}

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const lines = [
  "# Performance",
  "",
  "Figures measured by `npm run bench` (each benchmark starts its own PostgreSQL server in a temporary directory;",
  "load comes from the same machine over loopback). Tests never assert timings: this page is where speed is tracked.",
  "",
  `Last run: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC — ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}, ${os.platform()} ${os.release()}.`,
  "",
];
for (const s of sections) {
  lines.push(`## ${s.title}`, "");
  for (const n of s.notes ?? []) lines.push(n, "");
  lines.push("| measure | figure | target | met |", "|---|---|---|---|");
  for (const r of s.rows) lines.push(`| ${r.what} | ${r.figure} | ${r.target} | ${r.ok ? "yes" : "**no**"} |`);
  lines.push("");
}
const file = path.join(root, "docs/performance.md");
const previous = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
const [previousBody = "", keep] = previous.split("\n## Notes");
// A partial run (npm run bench -- finder) keeps the other sections of the last full run.
const rerun = new Set(sections.map((s) => s.title));
for (const block of previousBody.split(/\n(?=## )/).slice(1)) {
  const title = block.slice(3, block.indexOf("\n")).trim();
  if (!rerun.has(title)) lines.push(block.trimEnd(), "");
}
fs.writeFileSync(file, lines.join("\n") + (keep ? `\n## Notes${keep}` : ""));
console.log(`\nWritten ${path.relative(process.cwd(), file)}`);
