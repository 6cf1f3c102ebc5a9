import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { centsToInput, parseEurosToCents, parsePercentToRate, rateToInput } from "./money.js";
import { parseRules, parseScenario, ruleValuesOf, type RuleValues } from "./plan-form.js";

const rule = (over: Partial<RuleValues>): RuleValues => ({ programme: "Socle numérique 2021", taux: "66", plafond: "", categories: ["ecran_interactif"], annees: "", ...over });

describe("amounts and rates as typed", () => {
  it.each([
    ["1 234,5", 123_450],
    ["1234.50 €", 123_450],
    ["89,9", 8_990],
    ["0", 0],
    ["", null],
  ])("reads %s as %s cents", (typed, cents) => expect(parseEurosToCents(typed)).toBe(cents));

  it.each(["12,345", "-5", "abc", "1,2,3"])("refuses %s", (typed) => expect(parseEurosToCents(typed)).toBeNaN());

  it("writes back any amount of cents so that it reads the same", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), (cents) => parseEurosToCents(centsToInput(cents)) === cents));
  });

  it("reads percentages into rates and back", () => {
    expect(parsePercentToRate("66,5 %")).toBe(0.665);
    expect(parsePercentToRate("")).toBeNull();
    expect(rateToInput(0.665)).toBe("66,5");
  });
});

describe("co-funding rules", () => {
  it("keeps the order, drops blank rows, and leaves empty years for every year of the plan", () => {
    const blank = rule({ programme: "", taux: "", categories: [] });
    const parsed = parseRules([rule({ plafond: "10 000" }), blank, rule({ programme: "TNE", taux: "50", annees: "2028, 2027" })]);
    expect(parsed).toEqual({
      ok: true,
      data: [
        { programme: "Socle numérique 2021", rate: 0.66, capCents: 1_000_000, eligibleCategories: ["ecran_interactif"], years: [] },
        { programme: "TNE", rate: 0.5, capCents: null, eligibleCategories: ["ecran_interactif"], years: [2027, 2028] },
      ],
    });
  });

  it("asks for the rate of a named programme and refuses a rate above 100 %", () => {
    const parsed = parseRules([rule({ taux: "" }), rule({ programme: "TNE", taux: "120" })]);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(Object.keys(parsed.errors)).toEqual(["regle0_taux", "regle1_taux"]);
  });

  it("offers the named examples only while the territory has no rule", () => {
    expect(ruleValuesOf([]).map((r) => [r.programme, r.taux])).toEqual([["Socle numérique 2021", ""], ["Territoires numériques éducatifs", ""]]);
    expect(ruleValuesOf([], { examples: false })).toEqual([]);
  });
});

describe("scenario parameters", () => {
  const values = { name: "Plan", startYear: "2027", years: "2", gapSchedule: "first_year" };
  it("accepts 2 to 6 years", () => {
    expect(parseScenario(values).ok).toBe(true);
    expect(parseScenario({ ...values, years: "6" }).ok).toBe(true);
    expect(parseScenario({ ...values, years: "1" }).ok).toBe(false);
    expect(parseScenario({ ...values, years: "7" }).ok).toBe(false);
  });
});
