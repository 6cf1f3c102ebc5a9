// Who may do what with mediators, their availability, motifs and settings: coordinators manage everything,
// a mediator manages their own plages and absences and reads the rest, elected officials read.
import { hasRole, type PolicyActor } from "../accounts/accounts.policy.js";

export type MediatorAction = "mediators.view" | "mediators.manage" | "absences.reasons" | "motifs.view" | "motifs.manage" | "settings.manage";

const rules: Record<MediatorAction, (actor: PolicyActor, territoryId: number) => boolean> = {
  "mediators.view": (a, t) => hasRole(a, t, "coordinator", "mediator", "elected"),
  "mediators.manage": (a, t) => hasRole(a, t, "coordinator"),
  // Why someone is absent ("arrêt maladie…") is for the team only, as the absence form tells the mediator.
  "absences.reasons": (a, t) => hasRole(a, t, "coordinator", "mediator"),
  "motifs.view": (a, t) => hasRole(a, t, "coordinator", "mediator", "elected"),
  "motifs.manage": (a, t) => hasRole(a, t, "coordinator"),
  "settings.manage": (a, t) => hasRole(a, t, "coordinator"),
};

/** May this person do this in this territory? */
export function canMediators(actor: PolicyActor, action: MediatorAction, territoryId: number): boolean {
  return rules[action](actor, territoryId);
}

/** May this person change this mediator's plages, one-off openings and absences (coordinators, or the mediator's own account)? */
export function canEditAvailability(actor: PolicyActor, territoryId: number, mediator: { userId: number | null }): boolean {
  if (hasRole(actor, territoryId, "coordinator")) return true;
  return actor !== null && mediator.userId !== null && mediator.userId === actor.userId && hasRole(actor, territoryId, "mediator");
}
