// Who may do what with connectivity and the observatory: coordinators (and admins) import, set the target,
// edit the index and plan; elected officials read everything, including commune pages and saved scenarios.
import { hasRole, type PolicyActor } from "../accounts/accounts.policy.js";

export type ObservatoryAction = "observatory.view" | "observatory.manage";

const rules: Record<ObservatoryAction, (actor: PolicyActor, territoryId: number) => boolean> = {
  "observatory.view": (a, t) => hasRole(a, t, "coordinator", "elected"),
  "observatory.manage": (a, t) => hasRole(a, t, "coordinator"),
};

/** May this person do this in the territory's observatory? */
export function canObservatory(actor: PolicyActor, action: ObservatoryAction, territoryId: number): boolean {
  return rules[action](actor, territoryId);
}
