// `npm run bench`: runs every benchmark on a throw-away PostgreSQL server and writes docs/performance.md.
// Usage: npm run bench [-- finder places booking schools] (default: all).
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
  sections.push({
    title: "Public finder and slots (issue 3)",
    notes: [`Data set: ${f.dataSet.places} places, ${f.dataSet.mediators} mediators, ${f.dataSet.appointments} appointments (generated in ${f.dataSet.generationSeconds.toFixed(0)} s).`],
    rows: [
      { what: "finder, residents' searches at 50 connections: p99", figure: ms(f.finder.p99Ms), target: "≤ 50 ms", ok: f.meetsTargets.p99 },
      { what: "finder, residents' searches: throughput (p50)", figure: `${f.finder.requestsPerSecond} req/s (${ms(f.finder.p50Ms)}), ${Math.round(f.cacheHitShare * 100)} % from the search cache at most`, target: "—", ok: true },
      { what: "static route (the 144 kB stylesheet, 20 kB as Brotli): throughput, p99", figure: `${f.staticCss.requestsPerSecond} req/s, ${ms(f.staticCss.p99Ms)}`, target: "—", ok: true },
      { what: "ratio finder / static route", figure: f.ratioToStatic.toFixed(2), target: "≥ 0.3", ok: f.meetsTargets.ratio },
      { what: "finder, each search new, no cache: throughput, p50, p99", figure: `${f.finderUncached.requestsPerSecond} req/s, ${ms(f.finderUncached.p50Ms)}, ${ms(f.finderUncached.p99Ms)}`, target: "—", ok: true },
      { what: "ratio finder with each search new, no cache / static route", figure: f.ratioToStaticUncached.toFixed(2), target: "—", ok: true },
      { what: "finder by first free slot, each search new, no cache: throughput, p99", figure: `${f.finderUncachedBySlot.requestsPerSecond} req/s, ${ms(f.finderUncachedBySlot.p99Ms)}`, target: "—", ok: true },
      { what: "health route /sante (for scale): throughput, p99", figure: `${f.health.requestsPerSecond} req/s, ${ms(f.health.p99Ms)}`, target: "—", ok: true },
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
