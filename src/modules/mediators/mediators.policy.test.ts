import { describe, expect, it } from "vitest";
import type { TerritoryRole } from "../../db/schema/index.js";
import { canEditAvailability, canMediators } from "./mediators.policy.js";

const actor = (userId: number, roles: TerritoryRole[]) => ({ userId, isOperator: false, isFacilitator: false, memberships: [{ territoryId: 1, code: "1", name: "T", roles }] });

describe("mediators policy", () => {
  it.each([
    ["coordinator", true, true],
    ["admin", true, true],
    ["mediator", true, false],
    ["elected", true, false],
    ["school_referent", false, false],
  ] as const)("a %s views: %s, manages: %s", (role, views, manages) => {
    const a = actor(7, [role]);
    expect(canMediators(a, "mediators.view", 1)).toBe(views);
    expect(canMediators(a, "motifs.view", 1)).toBe(views);
    expect(canMediators(a, "mediators.manage", 1)).toBe(manages);
    expect(canMediators(a, "motifs.manage", 1)).toBe(manages);
    expect(canMediators(a, "settings.manage", 1)).toBe(manages);
  });

  it("lets a mediator edit only the availability of the mediator linked to their own account", () => {
    const a = actor(7, ["mediator"]);
    expect(canEditAvailability(a, 1, { userId: 7 })).toBe(true);
    expect(canEditAvailability(a, 1, { userId: 8 })).toBe(false);
    expect(canEditAvailability(a, 1, { userId: null })).toBe(false);
    expect(canEditAvailability(a, 2, { userId: 7 })).toBe(false);
  });

  it("lets a coordinator edit any mediator's availability, and nobody signed out", () => {
    expect(canEditAvailability(actor(1, ["coordinator"]), 1, { userId: null })).toBe(true);
    expect(canEditAvailability(actor(7, ["elected"]), 1, { userId: 7 })).toBe(false);
    expect(canEditAvailability(null, 1, { userId: null })).toBe(false);
  });
});
