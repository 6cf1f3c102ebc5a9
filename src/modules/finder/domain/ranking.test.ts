import { describe, expect, it } from "vitest";
import type { SearchArea } from "./commune-match.js";
import { matchRank, rankPlaces, type RankRow } from "./ranking.js";

const parthenay: SearchArea = { kind: "commune", label: "Parthenay (79)", insee: ["79202"], postcodes: ["79200"], departement: "79" };
const row = (id: number, nom: string, codeInsee: string | null, codePostal: string, latitude: number | null, longitude: number | null): RankRow => ({ id, nom, codeInsee, codePostal, latitude, longitude });

describe("matchRank", () => {
  it.each([
    [row(1, "a", "79202", "79200", null, null), 0],
    [row(2, "b", "79080", "79200", null, null), 1],
    [row(3, "c", "79191", "79000", null, null), 2],
    [row(4, "d", "86194", "86000", null, null), 3],
    [row(5, "e", null, "79200", null, null), 1],
  ])("%j → %s", (r, rank) => {
    expect(matchRank(r, parthenay)).toBe(rank);
  });

  it("counts every commune of a postcode area as the area itself", () => {
    expect(matchRank(row(1, "a", "79080", "79200", null, null), { ...parthenay, kind: "postcode", insee: [] })).toBe(0);
  });

  it("reads Corsican départements from their postcodes", () => {
    expect(matchRank(row(1, "a", "2A004", "20000", null, null), { kind: "commune", label: "", insee: ["2A041"], postcodes: ["20167"], departement: "2A" })).toBe(2);
  });
});

describe("rankPlaces", () => {
  const here = { latitude: 46.6486, longitude: -0.2471 };
  const rows = [
    row(1, "Niort", "79191", "79000", 46.3237, -0.4588),
    row(2, "Sans position ailleurs", "86194", "86000", null, null),
    row(3, "Sans position à Parthenay", "79202", "79200", null, null),
    row(4, "Châtillon", "79080", "79200", 46.6625, -0.2369),
    row(1, "Niort", "79191", "79000", 46.3237, -0.4588),
  ];

  it("puts the nearest first, the searched commune's places without position with them, others without position last", () => {
    const ranked = rankPlaces(rows, parthenay, here, 10);
    expect(ranked.map((r) => r.id)).toEqual([3, 4, 1, 2]);
    expect(ranked[1]!.distanceKm).toBeCloseTo(1.7, 1);
    expect(ranked[0]!.distanceKm).toBeNull();
  });

  it("orders by commune, postcode, département then name without a position", () => {
    expect(rankPlaces(rows, parthenay, undefined, 10).map((r) => r.id)).toEqual([3, 4, 1, 2]);
  });

  it("keeps at most `limit` rows", () => {
    expect(rankPlaces(rows, parthenay, here, 2)).toHaveLength(2);
  });
});
