// Who may record accompaniments, read statistics, export them and share them.
import { hasRole, type PolicyActor } from "../accounts/accounts.policy.js";

export type ActivityAction = "activity.record" | "activity.list" | "statistics.view" | "statistics.export" | "statistics.share";

const rules: Record<ActivityAction, (actor: PolicyActor, territoryId: number) => boolean> = {
  "activity.record": (a, t) => hasRole(a, t, "mediator", "coordinator"),
  "activity.list": (a, t) => hasRole(a, t, "mediator", "coordinator"),
  "statistics.view": (a, t) => hasRole(a, t, "coordinator", "elected"),
  "statistics.export": (a, t) => hasRole(a, t, "coordinator"),
  "statistics.share": (a, t) => hasRole(a, t, "coordinator"),
};

/** May this person do this accompaniment or statistics action in this territory? (Admins may do everything.) */
export function canActivity(actor: PolicyActor, action: ActivityAction, territoryId: number): boolean {
  return rules[action](actor, territoryId);
}
