import { describe, expect, it } from "vitest";
import type { TerritoryRole } from "../../db/schema/index.js";
import { canAnswerDataRequests } from "./personal-data.policy.js";

const actor = (roles: TerritoryRole[], isOperator = false) => ({ userId: 7, isOperator, isFacilitator: false, memberships: [{ territoryId: 1, code: "1", name: "T", roles }] });

describe("personal-data requests policy", () => {
  it.each([
    ["admin", true],
    ["coordinator", false],
    ["mediator", false],
    ["elected", false],
    ["school_referent", false],
  ] as const)("a %s may answer: %s", (role, may) => {
    expect(canAnswerDataRequests(actor([role]), 1)).toBe(may);
  });

  it("refuses an admin of another territory, an instance operator without a role, and a signed-out visitor", () => {
    expect(canAnswerDataRequests(actor(["admin"]), 2)).toBe(false);
    expect(canAnswerDataRequests(actor([], true), 1)).toBe(false);
    expect(canAnswerDataRequests(null, 1)).toBe(false);
  });
});
