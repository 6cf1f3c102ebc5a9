import { describe, expect, it } from "vitest";
import type { FrozenMotion } from "../../../db/schema/index.js";
import { amendedText, canonicalJson, contentHash, numberSections, tally, versionDiff, wordDiff } from "./motion-text.js";

describe("motion text", () => {
  it("numbers questions and proposals across the text, the preamble without a number", () => {
    const numbered = numberSections([
      { id: 4, kind: "proposition" as const, position: 4 },
      { id: 1, kind: "preambule" as const, position: 1 },
      { id: 2, kind: "question" as const, position: 2 },
      { id: 3, kind: "proposition" as const, position: 3 },
      { id: 5, kind: "question" as const, position: 5 },
      { id: 6, kind: "proposition" as const, position: 6 },
    ]);
    expect(numbered.map((s) => s.label)).toEqual(["Préambule", "Question 1", "Proposition 1", "Proposition 2", "Question 2", "Proposition 3"]);
  });

  it("needs the quorum and strictly more than the majority of votes expressed; abstentions count as present", () => {
    const rule = { quorum: 0.5, majority: 0.5 };
    expect(tally(["pour", "pour", "contre"], 10, rule)).toMatchObject({ quorumMet: false, adopted: false, voters: 3 });
    expect(tally(["pour", "pour", "pour", "contre", "abstention"], 10, rule)).toMatchObject({ pour: 3, contre: 1, abstention: 1, quorumMet: true, adopted: true });
    expect(tally(["pour", "contre", "abstention", "abstention", "abstention"], 10, rule).adopted).toBe(false);
    expect(tally(["pour", "pour", "contre"], 3, { quorum: 0.5, majority: 2 / 3 }).adopted).toBe(false);
    expect(tally(["abstention", "abstention"], 2, rule).adopted).toBe(false);
    expect(tally([], 0, rule).quorumMet).toBe(false);
  });

  it("hashes the same content the same way whatever the key order", () => {
    const a: FrozenMotion = { title: "Motion", year: 2027, contributions: 3, sections: [{ id: 1, kind: "preambule", number: "", title: "", body: "Texte", contributions: 0 }] };
    const b = JSON.parse(JSON.stringify({ year: 2027, sections: a.sections, contributions: 3, title: "Motion" })) as FrozenMotion;
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash({ ...a, title: "Motion 2" })).not.toBe(contentHash(a));
  });

  it("shows word-level changes and the text an amendment would give", () => {
    const parts = wordDiff("Former les enseignants au numérique", "Former tous les enseignants au numérique éducatif");
    expect(parts.filter((p) => p.change === "added").map((p) => p.text.trim())).toEqual(["tous", "éducatif"]);
    expect(parts.filter((p) => p.change === "removed")).toEqual([]);
    expect(amendedText("ajouter", "A", "B")).toBe("A\n\nB");
    expect(amendedText("supprimer", "A", "")).toBe("");
    expect(amendedText("remplacer", "A", "B")).toBe("B");
  });

  it("compares two versions section by section", () => {
    const v1: FrozenMotion = { title: "M", year: 2027, contributions: 0, sections: [{ id: 1, kind: "proposition", number: "1", title: "", body: "Un texte", contributions: 0 }, { id: 2, kind: "proposition", number: "2", title: "", body: "Retirée", contributions: 0 }] };
    const v2: FrozenMotion = { ...v1, sections: [{ ...v1.sections[0]!, body: "Un autre texte" }, { id: 3, kind: "proposition", number: "2", title: "", body: "Nouvelle", contributions: 0 }] };
    expect(versionDiff(v1, v2).map((d) => d.status)).toEqual(["changed", "added", "removed"]);
  });
});
