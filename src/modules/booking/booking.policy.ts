// Who may see agendas and book for someone.
import { hasRole, type PolicyActor } from "../accounts/accounts.policy.js";

/** Mediators, coordinators and admins see the agendas of the territory's network. */
export function canSeeAgenda(actor: PolicyActor, territoryId: number): boolean {
  return hasRole(actor, territoryId, "mediator", "coordinator");
}

/** The same people book for someone on the phone or at the desk, and record outcomes. */
export function canBookForSomeone(actor: PolicyActor, territoryId: number): boolean {
  return hasRole(actor, territoryId, "mediator", "coordinator");
}
