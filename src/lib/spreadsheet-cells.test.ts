import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { protectText, safeCell, unprotectText } from "./spreadsheet-cells.js";

describe("spreadsheet cells", () => {
  it.each([
    ["=HYPERLINK(\"http://x\",\"clic\")", "'=HYPERLINK(\"http://x\",\"clic\")"],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ["@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["\tx", "'\tx"],
    ["'déjà", "''déjà"],
  ])("neutralises %j", (value, written) => {
    expect(protectText(value)).toBe(written);
  });

  it.each(["+33549941000", "-0.2489", "46.65", "Mairie de Parthenay", "'t Hoekje".slice(1)])("leaves %j as the standard wants it", (value) => {
    expect(protectText(value)).toBe(value);
  });

  it("leaves numbers and empty cells alone", () => {
    expect(safeCell(-3)).toBe(-3);
    expect(safeCell(null)).toBeNull();
  });

  it("gives every text back after a trip through a file", () => {
    fc.assert(fc.property(fc.string(), (text) => unprotectText(protectText(text)) === text));
    fc.assert(fc.property(fc.constantFrom("=", "+", "-", "@", "'", "\t", "a"), fc.string(), (head, tail) => unprotectText(protectText(head + tail)) === head + tail));
  });

  it("keeps an apostrophe a text of another tool starts with when no formula follows", () => {
    expect(unprotectText("'t Hoekje")).toBe("'t Hoekje");
  });
});
