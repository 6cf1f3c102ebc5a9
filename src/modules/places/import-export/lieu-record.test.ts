import { fromSchemaLieuDeMediationNumerique, toSchemaLieuMediationNumerique } from "@gouvfr-anct/lieux-de-mediation-numerique";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { STANDARD_COLUMNS, toStandardRow } from "./lieu-record.js";
import { arbitraryLieuRecord, fullRecord, variedRecords } from "./lieux.fixtures.js";

// Constraints of the official schema v1.0.2 that do not come from the package's enums.
const OFFICIAL_PATTERNS: Record<string, RegExp> = {
  pivot: /^[a-zA-Z0-9]{9,14}$/,
  code_postal: /^\d{5}$/,
  code_insee: /^([013-9]\d|2[AB1-9])\d{3}$/,
  telephone: /^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)(\d){6,9}$/,
  date_maj: /^\d{4}-\d{2}-\d{2}$/,
};
const OFFICIAL_REQUIRED = ["id", "pivot", "nom", "commune", "code_postal", "adresse", "date_maj"];

function officialViolations(row: Record<string, unknown>): string[] {
  const violations = OFFICIAL_REQUIRED.filter((field) => row[field] === undefined || row[field] === "");
  for (const [field, pattern] of Object.entries(OFFICIAL_PATTERNS)) {
    if (row[field] !== undefined && !pattern.test(String(row[field]))) violations.push(field);
  }
  if (typeof row.presentation_resume === "string" && [...row.presentation_resume].length > 280) violations.push("presentation_resume");
  return violations;
}

describe("toStandardRow", () => {
  it("gives the same flat form as the package's own converters", () => {
    const row = toStandardRow(fullRecord);
    expect(toSchemaLieuMediationNumerique(fromSchemaLieuDeMediationNumerique(row))).toEqual(row);
  });

  it("uses only columns of the standard, in the official order", () => {
    const keys = Object.keys(toStandardRow(fullRecord));
    expect(keys).toEqual(STANDARD_COLUMNS.filter((column) => keys.includes(column)));
    expect(keys).toHaveLength(STANDARD_COLUMNS.length);
  });

  it("meets the official schema's required fields and patterns", () => {
    for (const record of variedRecords) expect(officialViolations({ ...toStandardRow(record) })).toEqual([]);
    fc.assert(fc.property(arbitraryLieuRecord, (record) => officialViolations({ ...toStandardRow(record) }).length === 0));
  });
});
