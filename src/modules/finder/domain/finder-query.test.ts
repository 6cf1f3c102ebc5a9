import { describe, expect, it } from "vitest";
import { finderUrl, isSubmitted, parseFinderQuery } from "./finder-query.js";

describe("parseFinderQuery", () => {
  it("reads every field of the form", () => {
    const query = parseFinderQuery({
      ou: "  Parthenay   79200 ",
      commune: "79202",
      besoin: ["Aide aux démarches administratives", "Loisirs et créations numériques"],
      accompagnement: "Surdité",
      gratuit: "oui",
      ouvert: "oui",
      tri: "creneau",
      page: "3",
    });
    expect(query).toEqual({
      ou: "Parthenay 79200",
      commune: "79202",
      besoins: ["Aide aux démarches administratives", "Loisirs et créations numériques"],
      accompagnements: ["Surdité"],
      gratuit: true,
      ouvert: true,
      tri: "creneau",
      page: 3,
    });
  });

  it.each([
    ["unknown need", { besoin: "Pirater la NASA" }, { besoins: [] }],
    ["unknown support", { accompagnement: ["Surdité", "autre"] }, { accompagnements: ["Surdité"] }],
    ["unknown sort", { tri: "prix" }, { tri: "distance" }],
    ["page zero", { page: "0" }, { page: 1 }],
    ["page not a number", { page: "deux" }, { page: 1 }],
    ["commune not an INSEE code", { commune: "'; drop" }, { commune: undefined }],
    ["Corsican INSEE code", { commune: "2a004" }, { commune: "2A004" }],
    ["checkbox not ticked", { gratuit: "non" }, { gratuit: false }],
  ])("ignores or corrects a hand-edited value: %s", (_name, raw, expected) => {
    expect(parseFinderQuery(raw)).toMatchObject(expected);
  });

  it("cuts a very long text", () => {
    expect(parseFinderQuery({ ou: "a".repeat(500) }).ou).toHaveLength(100);
  });
});

describe("isSubmitted", () => {
  it.each([
    [{}, false],
    [{ page: "2" }, false],
    [{ ou: "" }, true],
    [{ besoin: "Aide aux démarches administratives" }, true],
  ])("%j → %s", (raw, expected) => {
    expect(isSubmitted(raw)).toBe(expected);
  });
});

describe("finderUrl", () => {
  it("gives back the same search, with the page changed", () => {
    const query = parseFinderQuery({ ou: "Niort", besoin: "Aide aux démarches administratives", gratuit: "oui" });
    const url = finderUrl(query, { page: 2 });
    expect(url).toBe("/lieux?ou=Niort&besoin=Aide+aux+d%C3%A9marches+administratives&gratuit=oui&tri=distance&page=2");
    expect(parseFinderQuery(Object.fromEntries(new URL(url, "http://x").searchParams))).toEqual({ ...query, page: 2 });
  });
});
