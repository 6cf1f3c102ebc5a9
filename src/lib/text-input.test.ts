import { describe, expect, it } from "vitest";
import { controlCharacterIn, firstControlCharacter, lengthReason } from "./text-input.js";

describe("control characters in text input", () => {
  it.each([
    ["Dupont\u0000", 6, "U+0000"],
    ["a\u001bb", 1, "U+001B"],
    ["x\u007f", 1, "U+007F"],
    ["\u0085y", 0, "U+0085"],
  ])("finds %j at index %i (%s)", (value, index, code) => {
    expect(controlCharacterIn(value)).toEqual({ index, code });
  });

  it("lets tabs and line breaks through in multi-line text only", () => {
    expect(controlCharacterIn("ligne 1\r\nligne\t2")).toBeUndefined();
    expect(controlCharacterIn("ligne 1\nligne 2", { multiline: false })).toEqual({ index: 7, code: "U+000A" });
  });

  it("accepts ordinary French text, non-breaking spaces and emoji", () => {
    expect(controlCharacterIn("Élodie Ça va\u00a0? l’été 🙂")).toBeUndefined();
  });

  it("names the first field of a body that holds one, nested or repeated", () => {
    expect(firstControlCharacter({ nom: "Martin", telephone: "06", besoins: ["a", "b\u0000"] })).toEqual({ field: "besoins", found: { index: 1, code: "U+0000" } });
    expect(firstControlCharacter({ lieu: { nom: "x\u0001" } })).toEqual({ field: "lieu.nom", found: { index: 1, code: "U+0001" } });
    expect(firstControlCharacter({ nom: "Martin", n: 3, ok: true })).toBeUndefined();
  });

  it("says how long a value may be in French", () => {
    expect(lengthReason(2000, 1800 + 1000)).toBe("trop long : 2\u202f000 caractères au plus (2\u202f800 reçus)");
  });
});
