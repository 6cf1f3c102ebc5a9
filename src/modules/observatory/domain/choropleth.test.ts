import fc from "fast-check";
import type { Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { choropleth, classOf, dropRepeatedPoints, quantileClasses } from "./choropleth.js";

const square = (lon: number, lat: number, size = 0.05): Polygon => ({
  type: "Polygon",
  coordinates: [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]],
});

describe("choropleth maps", () => {
  it("cuts values into quantile classes that hold every value", () => {
    const classes = quantileClasses([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5);
    expect(classes.map((c) => [c.from, c.to])).toEqual([[1, 3], [3, 5], [5, 7], [7, 9], [9, 10]]);
    expect(classes.reduce((s, c) => s + c.count, 0)).toBe(10);
    expect(quantileClasses([4, 4, 4])).toEqual([{ index: 0, from: 4, to: 4, count: 3 }]);
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }), (values) => {
        const cs = quantileClasses(values);
        return values.every((v) => classOf(cs, v) !== null) && cs.reduce((s, c) => s + c.count, 0) === values.length;
      }),
    );
  });

  it("projects contours into the box, west on the left and north on top, and lists communes without contour", () => {
    const model = choropleth(
      [
        { code: "a", name: "Ouest", contour: square(-0.4, 46.6), value: 1 },
        { code: "b", name: "Est", contour: square(-0.2, 46.6), value: 2 },
        { code: "c", name: "Nord", contour: square(-0.3, 46.75), value: null },
        { code: "d", name: "Sans contour", contour: null, value: 3 },
      ],
      { width: 400, height: 300 },
    );
    expect(model.withoutContour).toEqual(["d"]);
    const firstX = (d: string) => Number(/^M([\d.]+),/.exec(d)![1]);
    const firstY = (d: string) => Number(/^M[\d.]+,([\d.]+)/.exec(d)![1]);
    const [a, b, c] = model.shapes;
    expect(firstX(a!.d)).toBeLessThan(firstX(b!.d));
    expect(firstY(c!.d)).toBeLessThan(firstY(a!.d));
    for (const s of model.shapes) for (const n of s.d.match(/-?[\d.]+/g)!.map(Number)) expect(n).toBeGreaterThanOrEqual(0), expect(n).toBeLessThanOrEqual(400);
    expect(c!.classIndex).toBeNull();
    expect(a!.classIndex).toBe(0);
  });
});

describe("path data", () => {
  it("drops points that repeat the pixel just drawn, and keeps the shape", () => {
    expect(dropRepeatedPoints("M1,2L1,2L3,4L3,4L3,5Z")).toBe("M1,2L3,4L3,5Z");
    expect(dropRepeatedPoints("M10,20L11,20L10,20Z")).toBe("M10,20L11,20L10,20Z");
  });
});
