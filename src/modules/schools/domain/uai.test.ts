import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { checkUai, isValidUai, uaiCheckLetter, UAI_CHECK_ALPHABET } from "./uai.js";

describe("checkUai", () => {
  it.each([
    ["0750655E"], // lycée Louis-le-Grand, Paris
    ["0750654D"], // lycée Henri-IV, Paris
    ["0750651A"], // lycée Condorcet, Paris
    ["0301674G"], // école primaire, Lasalle (Gard)
    ["0590119J"],
    ["0690026D"],
    ["9711032V"],
    ["0782562L"],
  ])("accepts the real UAI %s", (uai) => {
    expect(checkUai(uai)).toEqual({ ok: true, uai });
  });

  it("normalises spaces and a lower-case letter", () => {
    expect(checkUai(" 0750655e ")).toEqual({ ok: true, uai: "0750655E" });
  });

  it("rejects a wrong check letter and says which letter is expected", () => {
    // 750001 mod 23 = 17 → U: "0750001A" is not a real UAI.
    expect(checkUai("0750001A")).toEqual({
      ok: false,
      reason: "la lettre de contrôle du code UAI 0750001A est incorrecte : 0750001 doit être suivi de U",
    });
    expect(isValidUai("0750001U")).toBe(true);
    expect(isValidUai("0790506R")).toBe(false);
  });

  it.each([["075065E"], ["07506550E"], ["ABCDEFGH"], ["0750655"], ["0750655É"]])("rejects the malformed code %s", (code) => {
    const result = checkUai(code);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.reason).toContain("7 chiffres suivis d'une lettre");
  });

  it("rejects an empty code", () => {
    expect(checkUai("  ")).toEqual({ ok: false, reason: "le code UAI est vide" });
  });

  it("never uses I, O or Q as check letters", () => {
    expect(UAI_CHECK_ALPHABET).toHaveLength(23);
    expect(UAI_CHECK_ALPHABET).not.toMatch(/[IOQ]/);
  });

  it("accepts exactly one letter for any 7 digits", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), (n) => {
        const digits = String(n).padStart(7, "0");
        const valid = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"].filter((letter) => isValidUai(digits + letter));
        expect(valid).toEqual([uaiCheckLetter(digits)]);
      }),
    );
  });
});
