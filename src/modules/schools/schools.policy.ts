// Who may do what with a territory's schools: coordinators (and admins) manage everything; elected officials
// read the territory-wide views; a school referent reads their own school(s) only.
import { hasRole, type PolicyActor } from "../accounts/accounts.policy.js";

export type SchoolAction =
  | "schools.view"
  | "schools.manage"
  | "schools.import"
  | "socle.view"
  | "socle.edit"
  | "territory-views.view";

const rules: Record<SchoolAction, (actor: PolicyActor, territoryId: number) => boolean> = {
  "schools.view": (a, t) => hasRole(a, t, "coordinator", "elected", "school_referent"),
  "schools.manage": (a, t) => hasRole(a, t, "coordinator"),
  "schools.import": (a, t) => hasRole(a, t, "coordinator"),
  "socle.view": (a, t) => hasRole(a, t, "coordinator", "elected", "school_referent"),
  "socle.edit": (a, t) => hasRole(a, t, "coordinator"),
  // Harmonisation and indicators compare every school of the territory.
  "territory-views.view": (a, t) => hasRole(a, t, "coordinator", "elected"),
};

/** May this person do this with the schools of this territory? */
export function canSchool(actor: PolicyActor, action: SchoolAction, territoryId: number): boolean {
  return rules[action](actor, territoryId);
}

/** Every schools action the person may do in the territory, for views to show or hide links and buttons. */
export function schoolAbilities(actor: PolicyActor, territoryId: number): Set<SchoolAction> {
  return new Set((Object.keys(rules) as SchoolAction[]).filter((action) => rules[action](actor, territoryId)));
}

/** Which schools a person sees: all of them, only those they are referent of, or none. */
export type SchoolScope = { kind: "all" } | { kind: "own"; userId: number } | { kind: "none" };

/** The schools scope of a person in a territory. */
export function schoolScope(actor: PolicyActor, territoryId: number): SchoolScope {
  if (hasRole(actor, territoryId, "coordinator", "elected")) return { kind: "all" };
  if (actor && hasRole(actor, territoryId, "school_referent")) return { kind: "own", userId: actor.userId };
  return { kind: "none" };
}
