// Who may do what in the network between territories. Roles: contributor (an elected official, a coordinator or
// an administrator of a member territory), delegate (votes for their territory), facilitator (instance level),
// partner (a person of a partner institution: reads adopted texts and answers them).
import { hasRole, type PolicyActor } from "../accounts/accounts.policy.js";

/** Writes sheets, contributions, amendments and consultation answers for the territory. */
export function isContributor(actor: PolicyActor, territoryId: number): boolean {
  return hasRole(actor, territoryId, "elected", "coordinator");
}

/** Names the territory's delegates. */
export function namesDelegates(actor: PolicyActor, territoryId: number): boolean {
  return hasRole(actor, territoryId, "admin");
}

export function isFacilitator(actor: PolicyActor): boolean {
  return Boolean(actor?.isFacilitator);
}
