import { describe, it, expect } from "vitest";
import { computeCompliance } from "../domain/socle.js";
import { HARMONISATION_COLUMNS, harmonisationRows } from "./harmonisation.js";

describe("harmonisationRows", () => {
  it("yields one row per school and element with the issue's columns", () => {
    const compliance = computeCompliance({ classes: [{ id: "c1" }] }, [
      { id: "1", category: "ecran_interactif", state: "en_service", classId: "c1" },
    ]);
    const rows = [...harmonisationRows([{ uai: "0301674G", ecole: "Ecole primaire", commune: "Lasalle", compliance }])];
    expect(rows).toHaveLength(6);
    expect(Object.keys(rows[0]!)).toEqual([...HARMONISATION_COLUMNS]);
    expect(rows[0]).toEqual({ uai: "0301674G", ecole: "Ecole primaire", commune: "Lasalle", element: "affichage", requis: 1, present: 1, manque: 0 });
    expect(rows[2]).toEqual({ uai: "0301674G", ecole: "Ecole primaire", commune: "Lasalle", element: "mobiles", requis: 12, present: 0, manque: 12 });
  });
});
