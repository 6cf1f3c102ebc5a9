// Who may do what with the multi-year plan: coordinators (and admins) build and edit it; elected officials
// read it and download the budget export, since they vote it.
import { hasRole, type PolicyActor } from "../../accounts/accounts.policy.js";

export type PlanAction = "plan.view" | "plan.manage";

const rules: Record<PlanAction, (actor: PolicyActor, territoryId: number) => boolean> = {
  "plan.view": (a, t) => hasRole(a, t, "coordinator", "elected"),
  "plan.manage": (a, t) => hasRole(a, t, "coordinator"),
};

/** May this person do this with the territory's plan? */
export function canPlan(actor: PolicyActor, action: PlanAction, territoryId: number): boolean {
  return rules[action](actor, territoryId);
}
