// The rule that keeps the suite independent of when it runs: code reads time only through a clock it is given.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixedClock } from "./clock.js";

const root = path.resolve(import.meta.dirname, "../..");

/** Files of a folder, recursively, whose name matches. */
function filesUnder(dir: string, pattern: RegExp): string[] {
  return fs.readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => pattern.test(f))
    .map((f) => path.join(dir, f));
}

/** Reads of the system clock in TypeScript: `new Date()` without argument, `Date.now()`. */
const systemTime = /new Date\(\)|Date\.now\(\)/;
/** The database server's clock in SQL written by the app: now(), current_date, current_timestamp, localtimestamp. */
const sqlTime = /(?<![.\w])now\(\)|\bcurrent_date\b|\bcurrent_timestamp\b|\blocaltimestamp\b|\btransaction_timestamp\(|\bstatement_timestamp\(|\bclock_timestamp\(/i;

/** Where reading the real clock is right: the production clock itself, and elapsed-time or lock-file bookkeeping. */
const allowed = new Set([
  "src/lib/clock.ts", // systemClock, the one production clock
  "src/db/data-dir-lock.ts", // age of a lock file on disk, compared with the file system's times
  "src/cli.ts", // "Maillage est prêt en 2,1 s": elapsed time, not a date
  "test/support/smtp.ts", // waiting deadlines
  "test/support/cli.ts", // waiting deadlines
  "test/integration/cli-lock.test.ts", // a lock file's own date, as the real process would write it
]);

describe("time is read through the clock", () => {
  it("never reads the system clock outside the production clock and elapsed-time bookkeeping", () => {
    const offenders = [...filesUnder("src", /\.tsx?$/), ...filesUnder("test", /\.tsx?$/), ...filesUnder("bench", /\.tsx?$/)]
      .filter((file) => !allowed.has(file) && !file.startsWith("bench/") && file !== "src/lib/clock.test.ts")
      .flatMap((file) => fs.readFileSync(path.join(root, file), "utf8").split("\n").map((line, i) => ({ file, line: i + 1, text: line })))
      .filter((l) => systemTime.test(l.text) && !l.text.trim().startsWith("//"))
      .map((l) => `${l.file}:${l.line}: ${l.text.trim()}`);
    expect(offenders).toEqual([]);
  });

  it("never asks the database server for the time in the app's statements (only column defaults and migrations may)", () => {
    const offenders = filesUnder("src", /\.tsx?$/)
      .filter((file) => file !== "src/lib/clock.test.ts")
      .flatMap((file) => fs.readFileSync(path.join(root, file), "utf8").split("\n").map((line, i) => ({ file, line: i + 1, text: line })))
      .filter((l) => sqlTime.test(l.text) && !/performance\.now\(\)/.test(l.text) && !l.text.trim().startsWith("//") && !l.text.trim().startsWith("*"))
      .map((l) => `${l.file}:${l.line}: ${l.text.trim()}`);
    expect(offenders).toEqual([]);
  });

  it("keeps a fixed clock where it was set until it is moved", () => {
    const clock = fixedClock(new Date("2027-03-28T00:30:00Z"));
    expect(clock().toISOString()).toBe("2027-03-28T00:30:00.000Z");
    clock.advance(3_600_000);
    expect(clock().toISOString()).toBe("2027-03-28T01:30:00.000Z");
    clock.set(new Date("2027-12-31T23:00:00Z"));
    expect(clock().toISOString()).toBe("2027-12-31T23:00:00.000Z");
  });
});
