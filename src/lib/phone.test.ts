import { describe, expect, it } from "vitest";
import { toE164, typedForms } from "./phone.js";

describe("phone numbers", () => {
  it.each([
    ["06 12 34 56 78", "+33612345678"],
    ["06-12-34-56-78", "+33612345678"],
    ["+33 6 12 34 56 78", "+33612345678"],
    ["+49 151 1234 5678", "+4915112345678"],
    ["06 12 34", null],
    ["0012345678", null],
  ])("normalises %j to %j", (typed, e164) => {
    expect(toE164(typed)).toBe(e164);
  });

  it("lists the national and international forms of a French number, only the given form of another", () => {
    expect(typedForms("+33612345678")).toEqual(["+33612345678", "0612345678"]);
    expect(typedForms("+4915112345678")).toEqual(["+4915112345678"]);
  });
});
