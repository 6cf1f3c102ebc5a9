// Who may answer a person's request about their personal data: the territory's admins, who answer for the
// territory as data controller. Coordinators and mediators see appointments day to day, not this search.
import { hasRole, type PolicyActor } from "../accounts/accounts.policy.js";

/** May this person search and erase a citizen's data in this territory? */
export function canAnswerDataRequests(actor: PolicyActor, territoryId: number): boolean {
  return hasRole(actor, territoryId, "admin");
}
