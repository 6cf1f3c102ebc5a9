import { describe, expect, it } from "vitest";
import { formatContourError, formatUnmatched, matchContours, parseContours, readInseeCode } from "./contours-geojson.js";

const square = [
  [
    [-0.3, 46.6],
    [-0.2, 46.6],
    [-0.2, 46.7],
    [-0.3, 46.7],
    [-0.3, 46.6],
  ],
];

const feature = (properties: Record<string, unknown>, geometry: unknown = { type: "Polygon", coordinates: square }) => ({ type: "Feature", properties, geometry });
const collection = (...features: unknown[]) => JSON.stringify({ type: "FeatureCollection", features });

describe("parseContours", () => {
  it("reads the code under the names IGN, Etalab and france-geojson use, and computes each centre", () => {
    const parsed = parseContours(collection(feature({ code: "79202", nom: "Parthenay" }), feature({ INSEE_COM: "79080" }), feature({ codgeo: "2A004" })));
    expect(parsed.errors).toEqual([]);
    expect(parsed.features.map((f) => [f.feature, f.insee, f.name])).toEqual([
      [1, "79202", "Parthenay"],
      [2, "79080", undefined],
      [3, "2A004", undefined],
    ]);
    expect(parsed.features[0]!.centre.lat).toBeCloseTo(46.65, 9);
    expect(parsed.features[0]!.centre.lon).toBeCloseTo(-0.25, 9);
  });

  it("reports every bad feature with its number, field and reason", () => {
    const parsed = parseContours(
      collection(
        feature({ code: "79202" }),
        { type: "Point" },
        feature({ nom: "Sans code" }),
        feature({ code: "7920" }),
        feature({ code: "79202" }),
        feature({ code: "79080" }, { type: "Point", coordinates: [0, 46] }),
        feature({ code: "79081" }, { type: "Polygon", coordinates: [[[450000, 6600000], [460000, 6600000], [460000, 6610000], [450000, 6600000]]] }),
        feature({ code: "79082" }, { type: "Polygon", coordinates: [[[0, 46], [1, 46], [1, 47], [0, 47]]] }),
        feature({ code: "79083" }, null),
      ),
    );
    expect(parsed.total).toBe(9);
    expect(parsed.features.map((f) => f.insee)).toEqual(["79202"]);
    expect(parsed.errors.map(formatContourError)).toEqual([
      "élément 2 : type — un élément de « features » doit être un objet « Feature »",
      "élément 3 : code — code INSEE absent (propriétés attendues : code, insee_com, code_insee, insee, codgeo, com)",
      "élément 4 : code — « 7920 » n'est pas un code INSEE de commune (5 caractères, ex. 79202)",
      "élément 5 : code — la commune 79202 a déjà un contour à l'élément 1",
      "élément 6 : geometry — type « Point » : le contour d'une commune est un Polygon ou un MultiPolygon",
      "élément 7 : geometry — la position [450000, 6600000] n'est pas en degrés de longitude et latitude : le fichier doit être en WGS 84 (EPSG:4326), pas en Lambert 93",
      "élément 8 : geometry — un anneau doit se refermer (la dernière position égale la première)",
      "élément 9 : geometry — géométrie absente",
    ]);
  });

  it("takes the code from the property it is told to use", () => {
    const parsed = parseContours(collection(feature({ code: "99999", CODE_COM: "79202" })), { codeProperty: "code_com" });
    expect(parsed.features.map((f) => f.insee)).toEqual(["79202"]);
  });

  it("refuses a file that is not JSON, not a FeatureCollection, or in another projection", () => {
    expect(parseContours("{ pas du json").fatal).toBe("le fichier n'est pas du JSON valide");
    expect(parseContours(JSON.stringify(feature({ code: "79202" }))).fatal).toMatch(/n'est pas une FeatureCollection/);
    const lambert = JSON.stringify({ type: "FeatureCollection", crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::2154" } }, features: [] });
    expect(parseContours(lambert).fatal).toBe("le fichier est en urn:ogc:def:crs:EPSG::2154 : convertissez-le en WGS 84 (EPSG:4326), la projection du GeoJSON");
    const wgs84 = JSON.stringify({ type: "FeatureCollection", crs: { type: "name", properties: { name: "urn:ogc:def:crs:OGC:1.3:CRS84" } }, features: [] });
    expect(parseContours(wgs84).fatal).toBeUndefined();
  });
});

describe("readInseeCode", () => {
  it.each([
    ["79202", "79202"],
    [" 2a004 ", "2A004"],
    [1001, "01001"],
    ["7920", undefined],
    [79.5, undefined],
    [null, undefined],
  ])("%j → %j", (value, expected) => {
    expect(readInseeCode(value)).toBe(expected);
  });
});

describe("matchContours", () => {
  it("keeps the territory's communes, lists the others and the communes left without a contour", () => {
    const parsed = parseContours(collection(feature({ code: "79202", nom: "Parthenay" }), feature({ code: "79049", nom: "Bressuire" })));
    const match = matchContours(parsed.features, ["79080", "79202"]);
    expect(match.matched.map((f) => f.insee)).toEqual(["79202"]);
    expect(match.unmatched.map(formatUnmatched)).toEqual(["élément 2 : code 79049 (Bressuire) — pas une commune du territoire, ignoré"]);
    expect(match.missing).toEqual(["79080"]);
  });
});
