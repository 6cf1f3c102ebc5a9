import { describe, expect, it } from "vitest";
import { formatDistance, haversineKm, meanPosition } from "./distance.js";

describe("haversineKm", () => {
  it.each([
    ["Parthenay → Niort", { latitude: 46.6486, longitude: -0.2471 }, { latitude: 46.3237, longitude: -0.4588 }, 39.5],
    ["Paris → Lyon", { latitude: 48.8566, longitude: 2.3522 }, { latitude: 45.764, longitude: 4.8357 }, 391.5],
    ["same point", { latitude: 46, longitude: 0 }, { latitude: 46, longitude: 0 }, 0],
  ])("%s", (_name, a, b, km) => {
    expect(haversineKm(a, b)).toBeCloseTo(km, 0);
    expect(haversineKm(b, a)).toBeCloseTo(haversineKm(a, b), 9);
  });
});

describe("meanPosition", () => {
  it("averages the known positions and ignores the missing ones", () => {
    expect(meanPosition([{ latitude: 46, longitude: 0 }, { latitude: 47, longitude: 1 }, {}])).toEqual({ latitude: 46.5, longitude: 0.5 });
  });
  it("is undefined when no position is known", () => {
    expect(meanPosition([{}, { latitude: 46 }])).toBeUndefined();
  });
});

describe("formatDistance", () => {
  it.each([
    [0.01, "50\u00a0m"],
    [0.349, "350\u00a0m"],
    [1.234, "1,2\u00a0km"],
    [9.96, "10\u00a0km"],
    [12.4, "12\u00a0km"],
  ])("%s km → %s", (km, text) => {
    expect(formatDistance(km)).toBe(text);
  });
});
