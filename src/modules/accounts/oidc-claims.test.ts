import { describe, expect, it } from "vitest";
import { acrSatisfied, displayNameFromClaims, identityFromClaims } from "./oidc-claims.js";

describe("identityFromClaims", () => {
  it.each([
    ["lower-cases and trims the address", { sub: "a", email: " Agent@Mairie.FR " }, { ok: true, email: "agent@mairie.fr" }],
    ["accepts an address without email_verified (ProConnect)", { sub: "a", email: "a@b.fr" }, { ok: true, email: "a@b.fr" }],
    ["accepts an address marked verified", { sub: "a", email: "a@b.fr", email_verified: true }, { ok: true, email: "a@b.fr" }],
    ["refuses an address marked unverified", { sub: "a", email: "a@b.fr", email_verified: false }, { ok: false, reason: "unverified-email" }],
    ["refuses claims without an address", { sub: "a" }, { ok: false, reason: "no-email" }],
    ["refuses something that is not an address", { sub: "a", email: "pas une adresse" }, { ok: false, reason: "no-email" }],
  ] as const)("%s", (_name, claims, expected) => {
    const result = identityFromClaims({}, claims);
    if (expected.ok) {
      expect(result.ok && result.identity.email).toBe(expected.email);
    } else {
      expect(result).toEqual({ ok: false, reason: expected.reason });
    }
  });

  it("prefers UserInfo over the ID token", () => {
    const result = identityFromClaims({ sub: "s", email: "ancienne@b.fr" }, { sub: "s", email: "nouvelle@b.fr" });
    expect(result.ok && result.identity).toEqual({ subject: "s", email: "nouvelle@b.fr", displayName: "" });
  });
});

describe("displayNameFromClaims", () => {
  it.each([
    [{ given_name: "Camille", usual_name: "Martin" }, "Camille Martin"],
    [{ given_name: "Camille", family_name: "Durand" }, "Camille Durand"],
    [{ given_name: "Camille", usual_name: "Martin", family_name: "Durand" }, "Camille Martin"],
    [{ given_name: "  Jean   Pierre ", usual_name: "" }, "Jean Pierre"],
    [{ given_name: 42 }, ""],
    [{}, ""],
  ])("%j gives %j", (claims, expected) => {
    expect(displayNameFromClaims(claims)).toBe(expected);
  });
});

describe("acrSatisfied", () => {
  it.each([
    [undefined, undefined, true],
    ["eidas1", "eidas1", true],
    ["eidas2 eidas3", "eidas3", true],
    ["eidas1", undefined, false],
    ["eidas2", "eidas1", false],
  ])("asked %j, got %j: %j", (requested, returned, expected) => {
    expect(acrSatisfied(requested, returned)).toBe(expected);
  });
});
