import { describe, expect, it } from "vitest";
import { canMoveTo, detectImageType, itemStateFor, MAX_PHOTO_BYTES, photoProblem } from "./incident-rules.js";

describe("incident steps", () => {
  it.each([
    ["nouveau", "en_cours", true],
    ["nouveau", "resolu", true],
    ["en_cours", "resolu", true],
    ["en_cours", "nouveau", false],
    ["resolu", "en_cours", false],
    ["resolu", "resolu", false],
  ] as const)("%s → %s allowed: %s", (from, to, allowed) => expect(canMoveTo(from, to)).toBe(allowed));

  it("moves the item with the incident", () => {
    expect([itemStateFor("nouveau"), itemStateFor("en_cours"), itemStateFor("resolu"), itemStateFor("resolu", "reforme")]).toEqual(["en_panne", "en_reparation", "en_service", "reforme"]);
  });
});

describe("photos", () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
  const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]);
  const webp = new TextEncoder().encode("RIFF\u0000\u0000\u0000\u0000WEBPVP8 ");

  it("recognises JPEG, PNG and WebP by their signature only", () => {
    expect([detectImageType(png), detectImageType(jpeg), detectImageType(webp), detectImageType(new TextEncoder().encode("<svg>"))]).toEqual(["image/png", "image/jpeg", "image/webp", null]);
  });

  it("refuses a declared type that does not match the bytes, and a file over the limit", () => {
    expect(photoProblem({ bytes: png, declaredType: "image/png" })).toBeNull();
    expect(photoProblem({ bytes: jpeg, declaredType: "image/jpg" })).toBeNull();
    expect(photoProblem({ bytes: png, declaredType: "image/jpeg" })).toMatch(/ne correspond pas/);
    expect(photoProblem({ bytes: new Uint8Array(MAX_PHOTO_BYTES + 1), declaredType: "image/png" })).toMatch(/5 Mo/);
  });
});
