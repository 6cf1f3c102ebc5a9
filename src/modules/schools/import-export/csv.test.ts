import { describe, it, expect } from "vitest";
import { formatImportError, normalizeCode, parseEuroCents, parseFrenchDate, readCsv, recordsFromRows } from "./csv.js";

describe("readCsv", () => {
  it("keeps file line numbers across blank lines and quoted line breaks, without the BOM", () => {
    const { records, error } = readCsv('\uFEFFa;b\n1;"x\ny"\n\n3;4\n');
    expect(error).toBeNull();
    expect(records).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["1", "x\ny"] },
      { line: 5, cells: ["3", "4"] },
    ]);
  });

  it("reports an unreadable file as an error rather than throwing", () => {
    const { records, error } = readCsv('a;b\n1;"x\n');
    expect(records).toEqual([]);
    expect(error?.field).toBe("fichier");
    expect(error?.reason).toMatch(/^fichier CSV illisible/);
  });

  it("numbers rows parsed elsewhere from line 1", () => {
    expect(recordsFromRows([["uai"], ["0750655E"]])).toEqual([
      { line: 1, cells: ["uai"] },
      { line: 2, cells: ["0750655E"] },
    ]);
  });
});

describe("field parsers", () => {
  it("formats errors as `ligne N : champ — raison`", () => {
    expect(formatImportError({ line: 3, field: "cout_ttc", reason: "montant invalide" })).toBe("ligne 3 : cout_ttc — montant invalide");
  });

  it.each([
    ["1234,56", 123_456],
    ["1 234,5", 123_450],
    ["1\u202f234,56 €", 123_456],
    ["89.9", 8_990],
    ["12", 1_200],
  ])("reads the amount %s as %i cents", (input, cents) => {
    expect(parseEuroCents(input)).toEqual({ ok: true, value: cents });
  });

  it.each([["-5"], ["1,234"], ["12,5,3"], ["abc"]])("rejects the amount %s", (input) => {
    expect(parseEuroCents(input).ok).toBe(false);
  });

  it("reads dates written either way and rejects impossible ones", () => {
    expect(parseFrenchDate("2021-09-01")).toEqual({ ok: true, value: "2021-09-01" });
    expect(parseFrenchDate("1/9/2021")).toEqual({ ok: true, value: "2021-09-01" });
    expect(parseFrenchDate("31/02/2021")).toEqual({ ok: false, reason: "« 31/02/2021 » n'est pas une date valide (AAAA-MM-JJ ou JJ/MM/AAAA)" });
    expect(parseFrenchDate("09/2021").ok).toBe(false);
  });

  it("normalises free-typed codes", () => {
    expect(normalizeCode(" Écran interactif ")).toBe("ecran_interactif");
    expect(normalizeCode("Point d'accès Wi-Fi")).toBe("point_d_acces_wi_fi");
    expect(normalizeCode("En réparation")).toBe("en_reparation");
  });
});
