import { describe, expect, it } from "vitest";
import { FILAIRE_CUMULATIVE, FILAIRE_EXCLUSIVE_2019, observatoryWorkbook, TECHNO_2026T1, TECHNO_HEADER } from "../connectivity.fixtures.js";
import { formatImportError } from "../../schools/import-export/csv.js";
import { parseMciCsv, quarterLabel } from "./arcep-files.js";
import { parseObservatoryWorkbook } from "./arcep-observatory.js";

const all = new Set(["2A004", "97611", "40101"]);

describe("Ma connexion internet files", () => {
  it("reads the real technologies rows, codes as strings", () => {
    const parsed = parseMciCsv(TECHNO_2026T1, all);
    expect(parsed.source).toBe("mci_techno");
    expect(parsed.errors).toEqual([]);
    expect(parsed.figures.map(({ communeInsee, premises, ftth, quarter }) => ({ communeInsee, premises, ftth, quarter }))).toEqual([
      { communeInsee: "2A004", premises: 46329, ftth: 45327, quarter: "2026-03-31" },
      { communeInsee: "97611", premises: 18048, ftth: 1264, quarter: "2026-03-31" },
      { communeInsee: "40101", premises: 245, ftth: 243, quarter: "2026-03-31" },
    ]);
  });

  it("counts rows of other communes as skipped", () => {
    const parsed = parseMciCsv(TECHNO_2026T1, new Set(["40101"]));
    expect(parsed).toMatchObject({ totalRows: 3, skipped: 2, errors: [] });
    expect(parsed.figures).toHaveLength(1);
  });

  it("reads cumulative wired classes: ≥ 30 Mbit/s is elig_thd30", () => {
    const parsed = parseMciCsv(FILAIRE_CUMULATIVE, all);
    expect(parsed.label).toContain("cumulatives");
    expect(parsed.figures.map((f) => [f.communeInsee, f.thd30, f.premises])).toEqual([
      ["40101", 243, 245],
      ["2A004", 45900, 46329],
    ]);
  });

  it("reads the older exclusive classes: ≥ 30 Mbit/s adds thd30, thd100 and thd1g, after the comment line", () => {
    const parsed = parseMciCsv(FILAIRE_EXCLUSIVE_2019, all);
    expect(parsed.errors).toEqual([]);
    expect(parsed.label).toContain("exclusives");
    expect(parsed.figures.map((f) => [f.communeInsee, f.thd30, f.premises, f.quarter])).toEqual([
      ["40101", 138, 148, "2019-09-30"],
      ["2A004", 30000, 45000, "2019-09-30"],
    ]);
  });

  it("names every malformed row by line, field and reason", () => {
    const text = [TECHNO_HEADER, "4010;Gaas;40;75;245;all;243;0;0;0;245;0;245;2026-03-31", "40101;Gaas;40;75;245;all;;0;0;0;245;0;245;2026-03-30", "2A004;Ajaccio;2A;94;100;all;120;0;0;0;0;0;0;2026-03-31"].join("\n");
    expect(parseMciCsv(text, all).errors.map(formatImportError)).toEqual([
      "ligne 2 : code_insee — « 4010 » n'est pas un code commune (5 caractères, par ex. 01001 ou 2A004)",
      "ligne 3 : date — « 2026-03-30 » n'est pas une fin de trimestre (AAAA-03-31, -06-30, -09-30 ou -12-31)",
      "ligne 3 : elig_ftth — valeur manquante",
      "ligne 4 : elig_ftth — 120 locaux éligibles pour 100 locaux",
    ]);
  });

  it("refuses a file it does not recognise, and one with a column missing", () => {
    expect(parseMciCsv("a;b\n1;2", all).errors[0]?.field).toBe("en-tête");
    const noDate = TECHNO_2026T1.replace(";date", ";jour");
    expect(parseMciCsv(noDate, all).errors.map(formatImportError)).toEqual(["ligne 1 : date — colonne absente de l'en-tête"]);
  });

  it("labels quarters the French way", () => {
    expect(quarterLabel("2026-03-31")).toBe("T1 2026");
    expect(quarterLabel("2025-12-31")).toBe("T4 2025");
  });
});

describe("FttH observatory workbook", () => {
  it("finds the header by name and reads one figure per quarter, denominators net of premises under construction", async () => {
    const bytes = await observatoryWorkbook([
      { code: 1001, estimate: 410, building: 10, quarters: { "T4 2024": 100, "T1 2025": 200, "T2 2025": null } },
      { code: "2A004", estimate: 46000, quarters: { "T4 2024": 40000, "T1 2025": 46100 } },
      { code: "75056", estimate: 1, quarters: { "T4 2024": 1 } },
    ]);
    const parsed = await parseObservatoryWorkbook(bytes, new Set(["01001", "2A004"]));
    expect(parsed.errors).toEqual([]);
    expect(parsed.skipped).toBe(1);
    expect(parsed.figures.map((f) => [f.communeInsee, f.quarter, f.ftth, f.premises])).toEqual([
      ["01001", "2024-12-31", 100, 400],
      ["01001", "2025-03-31", 200, 400],
      ["2A004", "2024-12-31", 40000, 46000],
      ["2A004", "2025-03-31", 46100, 46000],
    ]);
  });

  it("reports a malformed cell with its Excel row", async () => {
    const bytes = await observatoryWorkbook([{ code: "01001", estimate: 400, quarters: { "T4 2024": "beaucoup" as unknown as number } }]);
    const parsed = await parseObservatoryWorkbook(bytes, new Set(["01001"]));
    expect(parsed.errors.map(formatImportError)).toEqual(["ligne 6 : T4 2024 — « beaucoup » n'est pas un nombre entier positif ou nul"]);
  });
});
