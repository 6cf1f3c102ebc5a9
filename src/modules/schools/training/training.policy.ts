// Who may do what with teacher training: coordinators (and admins) manage sessions and attendance; elected
// officials read the sessions and the shares of trained teachers; a school referent reads them for their
// own schools and gets their schools' registration links to pass on to the teachers.
import { hasRole, type PolicyActor } from "../../accounts/accounts.policy.js";
import type { IncidentScope as SchoolScope } from "../incidents/incidents.policy.js";

export type TrainingAction = "training.view" | "training.manage";

const rules: Record<TrainingAction, (actor: PolicyActor, territoryId: number) => boolean> = {
  "training.view": (a, t) => hasRole(a, t, "coordinator", "elected", "school_referent"),
  "training.manage": (a, t) => hasRole(a, t, "coordinator"),
};

/** May this person do this with the territory's training sessions? */
export function canTraining(actor: PolicyActor, action: TrainingAction, territoryId: number): boolean {
  return rules[action](actor, territoryId);
}

/** Whose schools' links and shares a person sees: all, or those they are referent of. */
export function trainingScope(actor: PolicyActor, territoryId: number): SchoolScope {
  if (hasRole(actor, territoryId, "coordinator", "elected")) return { kind: "all" };
  if (actor && hasRole(actor, territoryId, "school_referent")) return { kind: "own", userId: actor.userId };
  return { kind: "none" };
}
