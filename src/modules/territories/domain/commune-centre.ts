// The point a commune is "at": where the finder's distances start. Pure.
import { area } from "@turf/area";
import { centerOfMass } from "@turf/center-of-mass";
import type { MultiPolygon, Polygon, Position } from "geojson";

export type LatLon = { lat: number; lon: number };

/**
 * The centre of mass of the commune's main part: for a MultiPolygon, the polygon of largest area (an exclave or
 * an island does not pull the centre out to sea); of that polygon, its outer ring (an enclosed commune, a hole,
 * does not move it). The centre of mass is the balance point of the surface, so it does not depend on how finely
 * the border is drawn, unlike the mean of the border's vertices (@turf/centroid), which a winding river border
 * drags towards itself. Decision 0025.
 */
export function communeCentre(geometry: Polygon | MultiPolygon): LatLon {
  const outerRings: Position[][] = geometry.type === "Polygon" ? [geometry.coordinates[0]!] : geometry.coordinates.map((polygon) => polygon[0]!);
  let main = outerRings[0]!;
  let largest = -1;
  for (const ring of outerRings) {
    const size = area({ type: "Polygon", coordinates: [ring] });
    if (size > largest) {
      largest = size;
      main = ring;
    }
  }
  const [lon, lat] = centerOfMass({ type: "Polygon", coordinates: [main] }).geometry.coordinates as [number, number];
  return { lat, lon };
}
