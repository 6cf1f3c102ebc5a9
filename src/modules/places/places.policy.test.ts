import { describe, expect, it } from "vitest";
import type { TerritoryRole } from "../../db/schema/platform.js";
import { canPlace, placeAbilities, type PlaceAction } from "./places.policy.js";

const actor = (roles: TerritoryRole[], territoryId = 7) => ({ userId: 1, isOperator: false, isFacilitator: false, memberships: [{ territoryId, code: "t", name: "T", roles }] });

describe("places policy", () => {
  it.each<[TerritoryRole, PlaceAction[]]>([
    ["admin", ["places.view", "places.manage", "places.import", "places.export"]],
    ["coordinator", ["places.view", "places.manage", "places.import", "places.export"]],
    ["mediator", ["places.view", "places.export"]],
    ["elected", ["places.view", "places.export"]],
    ["school_referent", []],
  ])("gives a %s exactly these rights", (role, actions) => {
    expect([...placeAbilities(actor([role]), 7)].sort()).toEqual([...actions].sort());
  });

  it("gives nothing in another territory, nor to a signed-out person", () => {
    expect(canPlace(actor(["coordinator"], 8), "places.view", 7)).toBe(false);
    expect(canPlace(null, "places.view", 7)).toBe(false);
  });
});
