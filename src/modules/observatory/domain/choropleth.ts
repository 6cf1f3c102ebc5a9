// Choropleth maps drawn on the server: commune contours (GeoJSON, WGS84) projected with d3-geo's conformal
// conic (the projection of France's Lambert-93, here fitted to the territory), values cut into classes by
// quantiles, each class with its own fill and hatching so that colour is never the only cue. Pure.
import { geoConicConformal, geoPath } from "d3-geo";
import type { MultiPolygon, Polygon } from "geojson";

export type MapCommune = { code: string; name: string; contour: Polygon | MultiPolygon | null; value: number | null };

export type MapClass = { index: number; from: number; to: number; count: number };

export type MapShape = { code: string; name: string; d: string; value: number | null; classIndex: number | null };

export type ChoroplethModel = { width: number; height: number; shapes: MapShape[]; classes: MapClass[]; withoutContour: string[] };

/** Up to `k` classes by quantiles of the known values (fewer when values repeat); [from, to] each. */
export function quantileClasses(values: readonly number[], k = 5): MapClass[] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const breaks: number[] = [];
  for (let i = 1; i < k; i++) breaks.push(sorted[Math.min(sorted.length - 1, Math.floor((i * sorted.length) / k))]!);
  const bounds = [...new Set([sorted[0]!, ...breaks, sorted.at(-1)!])].sort((a, b) => a - b);
  if (bounds.length === 1) return [{ index: 0, from: bounds[0]!, to: bounds[0]!, count: sorted.length }];
  const classes: MapClass[] = [];
  for (let i = 0; i < bounds.length - 1; i++) classes.push({ index: i, from: bounds[i]!, to: bounds[i + 1]!, count: 0 });
  for (const v of sorted) classes[classOf(classes, v)!]!.count++;
  return classes;
}

/** The class of a value: [from, to) except the last, which includes its upper bound. */
export function classOf(classes: readonly MapClass[], value: number): number | null {
  if (classes.length === 0) return null;
  for (const c of classes) if (value < c.to || c.index === classes.length - 1) return value >= c.from || c.index === 0 ? c.index : null;
  return null;
}

/**
 * The geometry with each polygon wound the way d3-geo reads it (clockwise on the sphere): GeoJSON files wind
 * exterior rings counter-clockwise (RFC 7946), which d3 would read as the whole globe minus the commune.
 */
export function rewind(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
  // Communes are small: the sign of the planar area in (longitude, latitude) tells the winding (positive =
  // counter-clockwise). d3 wants the exterior ring clockwise and holes counter-clockwise.
  const signedArea = (ring: Polygon["coordinates"][number]) => {
    let a = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
    return a / 2;
  };
  const fix = (rings: Polygon["coordinates"]) => rings.map((ring, i) => ((i === 0 ? signedArea(ring) > 0 : signedArea(ring) < 0) ? [...ring].reverse() : ring));
  return geometry.type === "Polygon" ? { type: "Polygon", coordinates: fix(geometry.coordinates) } : { type: "MultiPolygon", coordinates: geometry.coordinates.map(fix) };
}

/** The SVG path of each commune's outline projected into a width × height box (depends on contours only). */
export function projectOutlines(outlines: readonly { code: string; contour: Polygon | MultiPolygon }[], { width = 640, height = 560 } = {}): Map<string, string> {
  if (outlines.length === 0) return new Map();
  const wound = outlines.map((o) => ({ code: o.code, contour: rewind(o.contour) }));
  const collection = { type: "FeatureCollection" as const, features: wound.map((c) => ({ type: "Feature" as const, properties: {}, geometry: c.contour })) };
  const [lon, lat] = centreOf(wound.map((c) => c.contour));
  const projection = geoConicConformal().parallels([lat - 1, lat + 1]).rotate([-lon, 0]).precision(0).fitExtent([[4, 4], [width - 4, height - 4]], collection);
  const path = geoPath(projection).digits(0);
  return new Map(wound.map((c) => [c.code, dropRepeatedPoints(path(c.contour) ?? "")]));
}

/** Projects the communes into a width × height box and classes their values (`paths` from projectOutlines, if kept). */
export function choropleth(communes: readonly MapCommune[], { width = 640, height = 560, classes: k = 5, paths }: { width?: number; height?: number; classes?: number; paths?: Map<string, string> } = {}): ChoroplethModel {
  const drawn = communes.filter((c): c is MapCommune & { contour: Polygon | MultiPolygon } => c.contour !== null);
  const classes = quantileClasses(communes.map((c) => c.value).filter((v): v is number => v !== null), k);
  const projected = paths ?? projectOutlines(drawn, { width, height });
  return {
    width,
    height,
    shapes: communes.filter((c) => projected.has(c.code)).map((c) => ({ code: c.code, name: c.name, d: projected.get(c.code)!, value: c.value, classIndex: c.value === null ? null : classOf(classes, c.value) })),
    classes,
    withoutContour: communes.filter((c) => !projected.has(c.code)).map((c) => c.code),
  };
}

/**
 * Path data without the points that fall on the pixel just drawn (outlines have far more vertices than a map of a
 * few hundred pixels can show): the same drawing, several times lighter.
 */
export function dropRepeatedPoints(d: string): string {
  const out: string[] = [];
  let previous = "";
  for (const [token, command, point] of d.matchAll(/([MLZ])([^MLZ]*)/g) as Iterable<[string, string, string]>) {
    if (command === "L" && point === previous) continue;
    out.push(token);
    previous = command === "Z" ? "" : point;
  }
  return out.join("");
}

/** Mean longitude and latitude of the contours' vertices (the projection's centre). */
function centreOf(geometries: readonly (Polygon | MultiPolygon)[]): [number, number] {
  let lon = 0;
  let lat = 0;
  let n = 0;
  for (const g of geometries) {
    const rings = g.type === "Polygon" ? g.coordinates : g.coordinates.flat();
    for (const ring of rings) {
      for (const [x, y] of ring) {
        lon += x!;
        lat += y!;
        n++;
      }
    }
  }
  return n === 0 ? [2.5, 46.5] : [lon / n, lat / n];
}
