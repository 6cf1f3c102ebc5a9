import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseLieuxCsv, toStandardCsv } from "./lieux-csv.js";
import { parseLieuxJson, toStandardJson } from "./lieux-json.js";
import { arbitraryLieuRecord, collectText } from "./lieux.fixtures.js";

// Distinct ids: rows are upserted by id, so a file with a repeated id is rejected by design.
const records = fc.uniqueArray(arbitraryLieuRecord, { minLength: 1, maxLength: 5, selector: (record) => record.id });

describe("round trip of generated valid records", () => {
  it("CSV: parse(export(records)) gives back the records", async () => {
    await fc.assert(
      fc.asyncProperty(records, async (generated) => {
        const result = parseLieuxCsv(await collectText(toStandardCsv(generated)));
        expect(result.errors).toEqual([]);
        expect(result.valid).toEqual(generated);
      }),
      { numRuns: 150 },
    );
  });

  it("JSON: parse(export(records)) gives back the records", () => {
    fc.assert(
      fc.property(records, (generated) => {
        const result = parseLieuxJson(JSON.stringify(toStandardJson(generated)));
        expect(result.errors).toEqual([]);
        expect(result.valid).toEqual(generated);
      }),
      { numRuns: 150 },
    );
  });

  it("importing an export twice changes nothing (idempotent import)", async () => {
    await fc.assert(
      fc.asyncProperty(records, async (generated) => {
        const once = parseLieuxCsv(await collectText(toStandardCsv(generated))).valid;
        const twice = parseLieuxCsv(await collectText(toStandardCsv(once))).valid;
        expect(twice).toEqual(once);
      }),
      { numRuns: 50 },
    );
  });
});
