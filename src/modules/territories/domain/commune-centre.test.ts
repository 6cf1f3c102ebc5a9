import fs from "node:fs";
import fc from "fast-check";
import type { Polygon, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { communeCentre } from "./commune-centre.js";

const rectangle = (lon: number, lat: number, width: number, height: number): Position[] => [
  [lon, lat],
  [lon + width, lat],
  [lon + width, lat + height],
  [lon, lat + height],
  [lon, lat],
];

/** The same ring with `extra` points added along its first edge. */
function densified(ring: Position[], extra: number): Position[] {
  const [a, b] = [ring[0]!, ring[1]!];
  const added = Array.from({ length: extra }, (_, i) => {
    const t = (i + 1) / (extra + 1);
    return [a[0]! + (b[0]! - a[0]!) * t, a[1]! + (b[1]! - a[1]!) * t];
  });
  return [a, ...added, ...ring.slice(1)];
}

const box = fc.record({
  lon: fc.double({ min: -5, max: 8, noNaN: true }),
  lat: fc.double({ min: 42, max: 51, noNaN: true }),
  width: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
  height: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
});

describe("communeCentre", () => {
  it("is the middle of a rectangle", () => {
    fc.assert(
      fc.property(box, ({ lon, lat, width, height }) => {
        const centre = communeCentre({ type: "Polygon", coordinates: [rectangle(lon, lat, width, height)] });
        expect(centre.lon).toBeCloseTo(lon + width / 2, 9);
        expect(centre.lat).toBeCloseTo(lat + height / 2, 9);
      }),
    );
  });

  it("does not move when a border is drawn with more points (the mean of the vertices would)", () => {
    fc.assert(
      fc.property(box, fc.integer({ min: 1, max: 60 }), ({ lon, lat, width, height }, extra) => {
        const ring = rectangle(lon, lat, width, height);
        const plain = communeCentre({ type: "Polygon", coordinates: [ring] });
        const dense = communeCentre({ type: "Polygon", coordinates: [densified(ring, extra)] });
        expect(dense.lon).toBeCloseTo(plain.lon, 9);
        expect(dense.lat).toBeCloseTo(plain.lat, 9);
      }),
    );
  });

  it("is the centre of the largest part of a MultiPolygon, whatever the order of the parts", () => {
    const main = rectangle(-0.3, 46.6, 0.1, 0.1);
    const exclave = rectangle(-1.5, 46.0, 0.01, 0.01);
    for (const coordinates of [[[main], [exclave]], [[exclave], [main]]]) {
      const centre = communeCentre({ type: "MultiPolygon", coordinates });
      expect(centre.lon).toBeCloseTo(-0.25, 9);
      expect(centre.lat).toBeCloseTo(46.65, 9);
    }
  });

  it("ignores holes (an enclosed commune does not move the centre)", () => {
    const outer = rectangle(0, 46, 0.2, 0.2);
    const hole = rectangle(0.01, 46.01, 0.05, 0.05).reverse();
    expect(communeCentre({ type: "Polygon", coordinates: [outer, hole] })).toEqual(communeCentre({ type: "Polygon", coordinates: [outer] }));
  });

  it("puts each of the 38 demo communes' centres inside its outline's bounding box", () => {
    const text = fs.readFileSync(new URL("../../demo/data/contours-parthenay-gatine.geojson", import.meta.url), "utf8");
    const features = (JSON.parse(text) as { features: { properties: { code: string }; geometry: Polygon }[] }).features;
    expect(features).toHaveLength(38);
    for (const feature of features) {
      const ring = feature.geometry.coordinates[0]!;
      const lons = ring.map((p) => p[0]!);
      const lats = ring.map((p) => p[1]!);
      const centre = communeCentre(feature.geometry);
      expect(centre.lon, feature.properties.code).toBeGreaterThan(Math.min(...lons));
      expect(centre.lon, feature.properties.code).toBeLessThan(Math.max(...lons));
      expect(centre.lat, feature.properties.code).toBeGreaterThan(Math.min(...lats));
      expect(centre.lat, feature.properties.code).toBeLessThan(Math.max(...lats));
    }
    // Parthenay's centre falls in the town, about a kilometre from its France Services.
    const parthenay = communeCentre(features.find((f) => f.properties.code === "79202")!.geometry);
    expect(Math.abs(parthenay.lat - 46.6486)).toBeLessThan(0.02);
    expect(Math.abs(parthenay.lon - -0.2478)).toBeLessThan(0.03);
  });
});
