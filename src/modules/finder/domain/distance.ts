/** Distances between places on the Earth and how they are told to people. */

export type Position = { latitude: number; longitude: number };

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in kilometres (haversine formula). */
export function haversineKm(a: Position, b: Position): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The mean of the given positions (places of one commune are close: no need for a spherical mean), or undefined. */
export function meanPosition(points: readonly Partial<Position>[]): Position | undefined {
  const known = points.filter((p): p is Position => Number.isFinite(p.latitude) && Number.isFinite(p.longitude));
  if (known.length === 0) return undefined;
  const sum = known.reduce((acc, p) => ({ latitude: acc.latitude + p.latitude, longitude: acc.longitude + p.longitude }), { latitude: 0, longitude: 0 });
  return { latitude: sum.latitude / known.length, longitude: sum.longitude / known.length };
}

/** "350 m", "1,2 km", "12 km", with a non-breaking space; distances are rounded, never more precise than useful. */
export function formatDistance(km: number): string {
  if (km < 1) return `${Math.max(50, Math.round((km * 1000) / 50) * 50)}\u00a0m`;
  if (km < 10) return `${(Math.round(km * 10) / 10).toLocaleString("fr-FR")}\u00a0km`;
  return `${Math.round(km).toLocaleString("fr-FR")}\u00a0km`;
}
