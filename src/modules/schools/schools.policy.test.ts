import { describe, expect, it } from "vitest";
import type { TerritoryRole } from "../../db/schema/platform.js";
import { canSchool, schoolAbilities, schoolScope } from "./schools.policy.js";

const actor = (roles: TerritoryRole[], territoryId = 1) => ({
  userId: 7,
  isOperator: false,
  isFacilitator: false,
  memberships: [{ territoryId, code: "t", name: "T", roles }],
});

describe("schools policy", () => {
  it.each<[TerritoryRole, string[]]>([
    ["admin", ["schools.view", "schools.manage", "schools.import", "socle.view", "socle.edit", "territory-views.view"]],
    ["coordinator", ["schools.view", "schools.manage", "schools.import", "socle.view", "socle.edit", "territory-views.view"]],
    ["elected", ["schools.view", "socle.view", "territory-views.view"]],
    ["school_referent", ["schools.view", "socle.view"]],
    ["mediator", []],
  ])("gives a %s exactly these abilities", (role, expected) => {
    expect([...schoolAbilities(actor([role]), 1)].sort()).toEqual([...expected].sort());
  });

  it("lets a school referent see only their own schools, and nobody from another territory", () => {
    expect(schoolScope(actor(["school_referent"]), 1)).toEqual({ kind: "own", userId: 7 });
    expect(schoolScope(actor(["school_referent", "elected"]), 1)).toEqual({ kind: "all" });
    expect(schoolScope(actor(["coordinator"]), 2)).toEqual({ kind: "none" });
    expect(schoolScope(null, 1)).toEqual({ kind: "none" });
    expect(canSchool(actor(["coordinator"]), "socle.edit", 2)).toBe(false);
  });
});
