import { describe, expect, it } from "vitest";
import { firstOfMonth, formatDay, plural } from "./format.js";

describe("French dates and counts", () => {
  it("writes the first of a month as an ordinal, and no other day", () => {
    expect(formatDay(new Date("2027-11-01T10:00:00Z"))).toBe("lundi 1er novembre");
    expect(formatDay(new Date("2027-03-01T10:00:00Z"), true)).toBe("lundi 1er mars 2027");
    expect(formatDay(new Date("2027-03-11T10:00:00Z"))).toBe("jeudi 11 mars");
    expect(formatDay(new Date("2027-03-21T10:00:00Z"))).toBe("dimanche 21 mars");
    expect(firstOfMonth("1 novembre 2027")).toBe("1er novembre 2027");
    expect(firstOfMonth("31 mai 2027")).toBe("31 mai 2027");
  });

  it("counts nouns in French: singular up to 1, plural from 2", () => {
    expect(plural(0, "commune", "communes")).toBe("0 commune");
    expect(plural(1, "commune", "communes")).toBe("1 commune");
    expect(plural(38, "commune", "communes")).toBe("38 communes");
  });
});
