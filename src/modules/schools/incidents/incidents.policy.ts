// Who may do what with incidents: school referents report and follow those of their own schools;
// coordinators (and admins) see every incident, report, and move them on.
import { hasRole, type PolicyActor } from "../../accounts/accounts.policy.js";

export type IncidentAction = "incidents.view" | "incidents.report" | "incidents.follow";

const rules: Record<IncidentAction, (actor: PolicyActor, territoryId: number) => boolean> = {
  "incidents.view": (a, t) => hasRole(a, t, "coordinator", "school_referent"),
  "incidents.report": (a, t) => hasRole(a, t, "coordinator", "school_referent"),
  "incidents.follow": (a, t) => hasRole(a, t, "coordinator"),
};

/** May this person do this with the territory's incidents? */
export function canIncident(actor: PolicyActor, action: IncidentAction, territoryId: number): boolean {
  return rules[action](actor, territoryId);
}

/** Which schools' incidents a person sees: every school, or those they are referent of. */
export type IncidentScope = { kind: "all" } | { kind: "own"; userId: number } | { kind: "none" };

/** The incidents scope of a person in a territory. */
export function incidentScope(actor: PolicyActor, territoryId: number): IncidentScope {
  if (hasRole(actor, territoryId, "coordinator")) return { kind: "all" };
  if (actor && hasRole(actor, territoryId, "school_referent")) return { kind: "own", userId: actor.userId };
  return { kind: "none" };
}
