import { describe, expect, it } from "vitest";
import type { TerritoryRole } from "../../db/schema/platform.js";
import { canActivity, type ActivityAction } from "./activity.policy.js";

const actor = (roles: TerritoryRole[]) => ({ userId: 1, isOperator: false, isFacilitator: false, memberships: [{ territoryId: 5, code: "x", name: "X", roles }] });

describe("activity policy", () => {
  it.each<[TerritoryRole, ActivityAction[]]>([
    ["mediator", ["activity.record", "activity.list"]],
    ["coordinator", ["activity.record", "activity.list", "statistics.view", "statistics.export", "statistics.share"]],
    ["admin", ["activity.record", "activity.list", "statistics.view", "statistics.export", "statistics.share"]],
    ["elected", ["statistics.view"]],
    ["school_referent", []],
  ])("lets a %s do exactly %j", (role, allowed) => {
    const all: ActivityAction[] = ["activity.record", "activity.list", "statistics.view", "statistics.export", "statistics.share"];
    expect(all.filter((a) => canActivity(actor([role]), a, 5))).toEqual(allowed);
  });

  it("lets nobody act in a territory they do not belong to", () => {
    expect(canActivity(actor(["admin"]), "statistics.view", 6)).toBe(false);
    expect(canActivity(null, "statistics.view", 5)).toBe(false);
  });
});
