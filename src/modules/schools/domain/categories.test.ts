import { describe, it, expect } from "vitest";
import {
  CATEGORY_LABELS,
  DEFAULT_LIFETIME_YEARS,
  EQUIPMENT_CATEGORIES,
  ITEM_STATES,
  STATE_LABELS,
  isCountedState,
  isEquipmentCategory,
  isItemState,
} from "./categories.js";
import { addYears, isIsoDate, yearsBetween } from "./dates.js";
import { endOfLifeDate } from "./inventory.js";

describe("categories and states", () => {
  it("lists the category codes of issue 4 in order", () => {
    expect(EQUIPMENT_CATEGORIES).toEqual([
      "ecran_interactif", "videoprojecteur_interactif", "videoprojecteur", "ordinateur_portable_enseignant",
      "ordinateur_direction", "ordinateur_eleve", "tablette", "visualiseur", "imprimante_reseau",
      "point_acces_wifi", "valise_rechargement", "autre",
    ]);
  });

  it("lists the state codes of issue 4 in order", () => {
    expect(ITEM_STATES).toEqual(["en_service", "en_panne", "en_reparation", "reforme"]);
  });

  it("has a French label for every code", () => {
    expect(Object.keys(CATEGORY_LABELS).sort()).toEqual([...EQUIPMENT_CATEGORIES].sort());
    expect(Object.keys(STATE_LABELS).sort()).toEqual([...ITEM_STATES].sort());
  });

  it("counts items in service or under repair only", () => {
    expect(ITEM_STATES.filter(isCountedState)).toEqual(["en_service", "en_reparation"]);
  });

  it("gives every category a whole, positive default lifetime", () => {
    for (const category of EQUIPMENT_CATEGORIES) {
      expect(Number.isInteger(DEFAULT_LIFETIME_YEARS[category]) && DEFAULT_LIFETIME_YEARS[category] > 0).toBe(true);
    }
  });

  it("recognises codes and rejects others", () => {
    expect(isEquipmentCategory("tablette")).toBe(true);
    expect(isEquipmentCategory("Tablette")).toBe(false);
    expect(isItemState("reforme")).toBe(true);
    expect(isItemState("perdu")).toBe(false);
  });
});

describe("dates and end of life", () => {
  it("rejects impossible dates", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2023-13-01")).toBe(false);
    expect(isIsoDate("01/02/2023")).toBe(false);
  });

  it("adds years, turning 29 February into 28 February", () => {
    expect(addYears("2020-09-01", 5)).toBe("2025-09-01");
    expect(addYears("2024-02-29", 1)).toBe("2025-02-28");
  });

  it("measures ages in years of 365.25 days", () => {
    expect(yearsBetween("2021-01-01", "2025-01-01")).toBe(1461 / 365.25);
  });

  it("prefers the item's own end of life, then acquisition + lifetime, else none", () => {
    expect(endOfLifeDate({ category: "tablette", acquisitionDate: "2020-03-15", endOfLife: "2030-01-01" })).toBe("2030-01-01");
    expect(endOfLifeDate({ category: "tablette", acquisitionDate: "2020-03-15" })).toBe("2024-03-15");
    expect(endOfLifeDate({ category: "tablette", acquisitionDate: "2020-03-15" }, { ...DEFAULT_LIFETIME_YEARS, tablette: 6 })).toBe("2026-03-15");
    expect(endOfLifeDate({ category: "tablette", acquisitionDate: null })).toBeNull();
  });
});
