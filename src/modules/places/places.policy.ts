// Who may do what with a territory's places: coordinators manage them; mediators and elected officials read them.
import { hasRole, type PolicyActor } from "../accounts/accounts.policy.js";

export type PlaceAction = "places.view" | "places.manage" | "places.import" | "places.export";

const rules: Record<PlaceAction, (actor: PolicyActor, territoryId: number) => boolean> = {
  "places.view": (a, t) => hasRole(a, t, "coordinator", "mediator", "elected"),
  "places.manage": (a, t) => hasRole(a, t, "coordinator"),
  "places.import": (a, t) => hasRole(a, t, "coordinator"),
  "places.export": (a, t) => hasRole(a, t, "coordinator", "mediator", "elected"),
};

/** May this person do this with the places of this territory? */
export function canPlace(actor: PolicyActor, action: PlaceAction, territoryId: number): boolean {
  return rules[action](actor, territoryId);
}

/** Every place action the person may do in the territory, for views to show or hide links and buttons. */
export function placeAbilities(actor: PolicyActor, territoryId: number): Set<PlaceAction> {
  return new Set((Object.keys(rules) as PlaceAction[]).filter((action) => rules[action](actor, territoryId)));
}
