import { describe, expect, it } from "vitest";
import { decideCommune, matchCommunes, nearCommunes, type CommuneEntry } from "./commune-match.js";
import { foldText } from "./fold.js";

const commune = (insee: string, name: string, postcodes: string[], population: number): CommuneEntry => ({
  insee,
  name,
  folded: foldText(name),
  departement: insee.slice(0, 2),
  postcodes,
  population,
});

const communes = [
  commune("79202", "Parthenay", ["79200"], 10000),
  commune("79080", "Châtillon-sur-Thouet", ["79200"], 2600),
  commune("92020", "Châtillon", ["92320"], 37000),
  commune("39122", "Châtillon", ["39130"], 130),
  commune("79213", "Pompaire", ["79200"], 2000),
  commune("79191", "Niort", ["79000"], 59000),
  commune("79263", "Saint-Hilaire-la-Palud", ["79210"], 1600),
];
const byPostcode = (postcode: string) => communes.filter((c) => c.postcodes.includes(postcode));
const decide = (text: string, counts: Record<string, number> = {}) =>
  decideCommune(matchCommunes(communes, text, byPostcode), (insee) => counts[insee] ?? 0, byPostcode);

describe("which commune a person means", () => {
  it.each([
    ["Parthenay", "Parthenay (79)"],
    ["parthenay", "Parthenay (79)"],
    ["PARTHENAY 79200", "Parthenay (79)"],
    ["chatillon sur thouet", "Châtillon-sur-Thouet (79)"],
    ["Châtillon-sur-Thouet", "Châtillon-sur-Thouet (79)"],
    ["Chatillon 79200", "Châtillon-sur-Thouet (79)"],
    ["Pomp", "Pompaire (79)"],
    ["St Hilaire la Palud", "Saint-Hilaire-la-Palud (79)"],
    ["79200", "code postal 79200"],
    ["79200 Nulle-Part", "code postal 79200"],
    ["99999", "code postal 99999"],
  ])("%s → %s", (text, label) => {
    const decision = decide(text);
    expect(decision.kind).toBe("found");
    if (decision.kind === "found") expect(decision.area.label).toBe(label);
  });

  it("covers every commune of a postcode", () => {
    const decision = decide("79200");
    expect(decision.kind === "found" && decision.area).toMatchObject({ kind: "postcode", postcodes: ["79200"], insee: ["79202", "79080", "79213"] });
  });

  it("asks which one when several communes share the name, those with places first", () => {
    const decision = decide("Chatillon", { "79080": 2 });
    expect(decision.kind).toBe("choose");
    if (decision.kind === "choose") expect(decision.choices.map((c) => c.insee)).toEqual(["79080", "92020", "39122"]);
  });

  it("asks, most populated first, when no commune has places", () => {
    const decision = decide("Chatillon");
    if (decision.kind !== "choose") throw new Error("expected a choice");
    expect(decision.choices.map((c) => c.insee)).toEqual(["92020", "39122", "79080"]);
  });

  it("finds nothing for an unknown name", () => {
    expect(decide("Zzyzx").kind).toBe("none");
  });

  it.each([
    ["Partenay", "79202"],
    ["Parthenai", "79202"],
    ["parthenay79", "79202"],
    ["Nyort", "79191"],
    ["Ponpaire", "79213"],
  ])("offers %s → %s when nothing matches as typed (vouliez-vous dire)", (text, insee) => {
    expect(decide(text).kind).not.toBe("found");
    expect(nearCommunes(communes, text)[0]?.insee).toBe(insee);
  });

  it("offers nothing far from every commune, nor for two letters", () => {
    expect(nearCommunes(communes, "Zzyzx")).toEqual([]);
    expect(nearCommunes(communes, "Pa")).toEqual([]);
  });
});
