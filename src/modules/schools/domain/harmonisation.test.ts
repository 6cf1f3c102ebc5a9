import { describe, expect, it } from "vitest";
import { parseSortKey, sortSchools, totalGap, type SortableSchool } from "./harmonisation.js";

const school = (name: string, communeName: string, compliance: number, gaps: [number, number]): SortableSchool => ({
  uai: name,
  name,
  communeName,
  compliance: {
    elements: [
      { element: "affichage", requis: 4, present: 4 - gaps[0], manque: gaps[0] },
      { element: "wifi", requis: 1, present: 1 - gaps[1], manque: gaps[1] },
    ],
    requis: 5,
    met: 5 - gaps[0] - gaps[1],
    compliance,
  },
});

const rows = [school("Les Lilas", "Parthenay", 0.6, [2, 0]), school("Jean Zay", "Amailloux", 0.6, [1, 1]), school("Écureuils", "Parthenay", 1, [0, 0])];

describe("harmonisation sorting", () => {
  it("sorts by compliance, least compliant first, ties by commune then name", () => {
    expect(sortSchools(rows, "conformite", "asc").map((s) => s.name)).toEqual(["Jean Zay", "Les Lilas", "Écureuils"]);
    expect(sortSchools(rows, "conformite", "desc").map((s) => s.name)).toEqual(["Écureuils", "Jean Zay", "Les Lilas"]);
  });

  it("sorts names the French way (accents ignored)", () => {
    expect(sortSchools(rows, "ecole", "asc").map((s) => s.name)).toEqual(["Écureuils", "Jean Zay", "Les Lilas"]);
  });

  it("sorts by the gap of one element or by the total gap", () => {
    expect(sortSchools(rows, "element:affichage", "desc").map((s) => s.name)).toEqual(["Les Lilas", "Jean Zay", "Écureuils"]);
    expect(sortSchools(rows, "manque", "desc").map((s) => totalGap(s.compliance))).toEqual([2, 2, 0]);
  });

  it("falls back to compliance for an unknown key", () => {
    expect(parseSortKey("element:inconnu", ["affichage"])).toBe("conformite");
    expect(parseSortKey("element:affichage", ["affichage"])).toBe("element:affichage");
    expect(parseSortKey("<script>", [])).toBe("conformite");
  });
});
