import { describe, expect, it } from "vitest";
import { formatImportError } from "../../schools/import-export/csv.js";
import { parseInseeCsv, parseInseeNumber } from "./insee-files.js";

const codes = new Set(["79202", "79080", "01001"]);

describe("INSEE per-commune files", () => {
  it("reads the 65+ share with its vintage from the population structure file, CODGEO as text", () => {
    const text = ["CODGEO;P22_POP;P22_POP0014;P22_POP65P", "79202;10130,5;1500;3045,2", "01001;800;120;160", "75056;2100000;300000;400000"].join("\n");
    const parsed = parseInseeCsv(text, codes, "200041333");
    expect(parsed.errors).toEqual([]);
    expect(parsed.skipped).toBe(1);
    expect(parsed.values.map((v) => [v.code, v.indicator, v.vintage])).toEqual([
      ["79202", "part_65_plus", "Insee, recensement de la population 2022"],
      ["01001", "part_65_plus", "Insee, recensement de la population 2022"],
    ]);
    expect(parsed.values[0]!.value).toBeCloseTo(3045.2 / 10130.5, 12);
  });

  it("reads several indicators from one file: households alone and single-parent families", () => {
    const text = ["CODGEO;C21_MEN;C21_MENPSEUL;C21_FAM;C21_FAMMONO", "79080;500;150;340;34"].join("\n");
    const parsed = parseInseeCsv(text, codes, "200041333");
    expect(parsed.indicators).toEqual(["part_menages_1_personne", "part_familles_monoparentales"]);
    expect(parsed.values.map((v) => [v.indicator, v.value])).toEqual([
      ["part_menages_1_personne", 0.3],
      ["part_familles_monoparentales", 0.1],
    ]);
  });

  it("adds the low-diploma categories over the non-students aged 15 or more", () => {
    const text = ["CODGEO;P21_NSCOL15P;P21_NSCOL15P_DIPLMIN;P21_NSCOL15P_BEPC;P21_NSCOL15P_CAPBEP;P21_NSCOL15P_SUP2", "79080;1000;200;50;250;100"].join("\n");
    expect(parseInseeCsv(text, codes, "200041333").values[0]).toMatchObject({ indicator: "part_peu_diplomes", value: 0.5, numerator: 500, denominator: 1000 });
  });

  it("treats Filosofi's s and nd markers as missing, reads decimal commas, keeps the EPCI's own row", () => {
    const text = ["CODGEO;NBMENFISC21;TP6021;TP60AGE121", "79202;4500;14,2;s", "79080;s;s;s", "01001;nd;nd;nd", "200041333;12000;12,1;"].join("\n");
    const parsed = parseInseeCsv(text, codes, "200041333");
    expect(parsed.errors).toEqual([]);
    expect(parsed.values.map((v) => [v.code, v.value])).toEqual([
      ["79202", 0.142],
      ["79080", null],
      ["01001", null],
      ["200041333", 0.121],
    ]);
    expect(parsed.values[0]!.vintage).toBe("Insee, Filosofi 2021");
  });

  it("names malformed rows by line and column", () => {
    const text = ["CODGEO;P22_POP;P22_POP65P", "792;100;10", "79202;cent;10", "79080;100;120"].join("\n");
    expect(parseInseeCsv(text, codes, "200041333").errors.map(formatImportError)).toEqual([
      "ligne 2 : CODGEO — « 792 » n'est pas un code commune ni un SIREN",
      "ligne 3 : P22_POP — « cent » n'est pas un nombre (ni « s » ou « nd » pour une valeur secrète)",
      "ligne 4 : P22_POP65P — donne un taux de 120 %, hors de 0 à 100 %",
    ]);
  });

  it("refuses a file without CODGEO or without a known indicator", () => {
    expect(parseInseeCsv("CODE;X\n1;2", codes, "x").errors[0]?.field).toBe("CODGEO");
    expect(parseInseeCsv("CODGEO;X\n79202;2", codes, "x").errors[0]?.field).toBe("en-tête");
  });

  it("parses numbers and markers", () => {
    expect(parseInseeNumber("12,5")).toEqual({ ok: true, value: 12.5 });
    expect(parseInseeNumber("nd")).toEqual({ ok: true, value: null });
    expect(parseInseeNumber("abc").ok).toBe(false);
  });
});
