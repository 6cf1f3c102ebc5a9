import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { communeArea, type SearchArea } from "./commune-match.js";
import { buildPlaceIndex, nearestPlaces, selectCandidates, type IndexedPlace } from "./place-index.js";

let nextId = 1;
function place(overrides: Partial<IndexedPlace> = {}): IndexedPlace {
  const id = overrides.id ?? nextId++;
  return {
    id,
    territoryId: 1,
    nom: `Lieu ${id}`,
    codeInsee: "79202",
    codePostal: "79200",
    latitude: 46.65,
    longitude: -0.25,
    horaires: null,
    commune: "Parthenay",
    services: [],
    adresse: "1 rue de la Gare",
    complementAdresse: null,
    modalitesAcces: [],
    telephone: null,
    supports: [],
    fees: [],
    ...overrides,
  };
}

const parthenay: SearchArea = communeArea({ insee: "79202", name: "Parthenay", folded: "parthenay", departement: "79", postcodes: ["79200"], population: 10_000 });
const noFilters = { besoins: [], accompagnements: [], gratuit: false };

describe("finder candidates in memory", () => {
  it("finds the same nearest places as looking at every place, wherever the search starts", () => {
    // France with its overseas départements, and one dense region (where the search stops after a few rings).
    const anywhere = fc.record({ latitude: fc.double({ min: -21.5, max: 51.2, noNaN: true }), longitude: fc.double({ min: -61.9, max: 55.9, noNaN: true }) });
    const region = fc.record({ latitude: fc.double({ min: 45, max: 47.5, noNaN: true }), longitude: fc.double({ min: -1.5, max: 1.5, noNaN: true }) });
    const scene = fc.oneof(
      fc.tuple(fc.array(anywhere, { maxLength: 300 }), anywhere),
      fc.tuple(fc.array(region, { minLength: 200, maxLength: 1_500 }), region),
    );
    fc.assert(
      fc.property(scene, fc.integer({ min: 1, max: 120 }), ([points, from], count) => {
        const places = points.map((p, i) => place({ id: i + 1, ...p }));
        const index = buildPlaceIndex(places, []);
        const d = (p: IndexedPlace) => (p.longitude! * 0.69 - from.longitude * 0.69) ** 2 + (p.latitude! - from.latitude) ** 2;
        const expected = [...places].sort((a, b) => d(a) - d(b) || a.id - b.id).slice(0, count);
        expect(nearestPlaces(index, from, count).map((p) => p.id)).toEqual(expected.map((p) => p.id));
      }),
      { numRuns: 300 },
    );
  });

  it("places a search at its communes' centre, else the middle of its places, else of its postcode's", () => {
    const inCommune = place({ latitude: 46.6, longitude: -0.2 });
    const samePostcode = place({ codeInsee: "79999", latitude: 46.8, longitude: -0.4 });
    const centre = { insee: "79202", latitude: 46.64, longitude: -0.24 };
    expect(selectCandidates(buildPlaceIndex([inCommune, samePostcode], [centre]), { area: parthenay, filters: noFilters, nearest: 5, areaLimit: 10 })).toMatchObject({ basis: "centre", position: { latitude: 46.64, longitude: -0.24 } });
    expect(selectCandidates(buildPlaceIndex([inCommune, samePostcode], []), { area: parthenay, filters: noFilters, nearest: 5, areaLimit: 10 })).toMatchObject({ basis: "places", position: { latitude: 46.6, longitude: -0.2 } });
    expect(selectCandidates(buildPlaceIndex([samePostcode], []), { area: parthenay, filters: noFilters, nearest: 5, areaLimit: 10 })).toMatchObject({ basis: "postcode", position: { latitude: 46.8, longitude: -0.4 } });
  });

  it("without a position, offers the département's places by name instead of the nearest", () => {
    const unlocated = [place({ nom: "B", codeInsee: "79001", codePostal: "79100", latitude: null, longitude: null }), place({ nom: "A", codeInsee: "79002", codePostal: "79300", latitude: null, longitude: null })];
    const elsewhere = place({ nom: "C", codeInsee: "86194", codePostal: "86000", latitude: 46.58, longitude: 0.34 });
    const found = selectCandidates(buildPlaceIndex([...unlocated, elsewhere], []), { area: parthenay, filters: noFilters, nearest: 5, areaLimit: 10 });
    expect(found.basis).toBe("none");
    expect(found.rows.map((r) => r.nom)).toEqual(["A", "B"]);
  });

  it("keeps the places meeting every filter, among the nearest looked through", () => {
    const helps = place({ services: ["Aide aux démarches administratives"], fees: ["Gratuit"], latitude: 46.7, longitude: -0.3, codeInsee: "79001", codePostal: "79100" });
    const paying = place({ services: ["Aide aux démarches administratives"], fees: ["Payant"], latitude: 46.7, longitude: -0.3, codeInsee: "79001", codePostal: "79100" });
    const other = place({ services: ["Accès internet et matériel informatique"], latitude: 46.7, longitude: -0.3, codeInsee: "79001", codePostal: "79100" });
    const index = buildPlaceIndex([helps, paying, other], [{ insee: "79202", latitude: 46.65, longitude: -0.25 }]);
    const found = selectCandidates(index, { area: parthenay, filters: { besoins: ["Aide aux démarches administratives"], accompagnements: [], gratuit: true }, nearest: 5, areaLimit: 10 });
    expect(found.rows.map((r) => r.id)).toEqual([helps.id]);
  });
});
