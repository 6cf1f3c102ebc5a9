import { describe, expect, it } from "vitest";
import { foldText, nameWithoutPostcode, postcodeIn } from "./fold.js";

describe("foldText", () => {
  it.each([
    ["Châtillon-sur-Thouet", "chatillon sur thouet"],
    ["CHATILLON sur thouet", "chatillon sur thouet"],
    ["L’Absie", "l absie"],
    ["St-Hilaire-la-Palud", "saint hilaire la palud"],
    ["Ste Néomaye", "sainte neomaye"],
    ["Œuilly", "oeuilly"],
    ["  Saint   Maixent  ", "saint maixent"],
    ["", ""],
  ])("%s → %s", (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });
});

describe("postcodes in what people type", () => {
  it.each([
    ["79200", "79200", ""],
    ["Parthenay 79200", "79200", "parthenay"],
    ["79200 Châtillon", "79200", "chatillon"],
    ["Parthenay", undefined, "parthenay"],
    ["792000", undefined, "792000"],
  ])("%s → postcode %s, name %s", (input, postcode, name) => {
    expect(postcodeIn(input)).toBe(postcode);
    expect(postcode ? nameWithoutPostcode(input) : foldText(input)).toBe(name);
  });
});
