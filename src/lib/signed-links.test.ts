import { describe, expect, it } from "vitest";
import { signSubject, verifySubject } from "./signed-links.js";

describe("signed links", () => {
  const now = new Date("2027-03-02T10:00:00Z");
  const later = new Date("2027-03-10T10:00:00Z");

  it("accepts its own signature before expiry", () => {
    expect(verifySubject("s", "rdv:1", signSubject("s", "rdv:1", later), now)).toBe(true);
  });
  it("refuses another subject, another secret, a tampered expiry and an expired link", () => {
    const sig = signSubject("s", "rdv:1", later);
    expect(verifySubject("s", "rdv:2", sig, now)).toBe(false);
    expect(verifySubject("t", "rdv:1", sig, now)).toBe(false);
    const [, m] = sig.split(".");
    expect(verifySubject("s", "rdv:1", `${Math.floor(later.getTime() / 1000 + 86400).toString(36)}.${m}`, now)).toBe(false);
    expect(verifySubject("s", "rdv:1", sig, new Date("2027-03-11T00:00:00Z"))).toBe(false);
    expect(verifySubject("s", "rdv:1", "garbage", now)).toBe(false);
  });

  it.each([
    ["trailing junk after a dot", (sig: string) => `${sig}.anything`],
    ["trailing characters", (sig: string) => `${sig}x`],
    ["a leading space", (sig: string) => ` ${sig}`],
    ["a trailing newline", (sig: string) => `${sig}\n`],
    ["an expiry with junk parseInt would skip", (sig: string) => sig.replace(".", "!.")],
  ])("refuses a valid signature with %s", (_case, spoil) => {
    const sig = signSubject("s", "rdv:1", later);
    expect(verifySubject("s", "rdv:1", spoil(sig), now)).toBe(false);
  });
});
