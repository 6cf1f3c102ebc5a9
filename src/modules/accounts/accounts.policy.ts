// Who may do what: small predicates over the signed-in person and a territory.
import type { TerritoryRole } from "../../db/schema/platform.js";
import type { PageActor } from "../../ui/context.js";

export type PolicyActor = Pick<PageActor, "userId" | "isOperator" | "isFacilitator" | "memberships"> | null;

/** The roles a person holds in a territory (empty when not a member). */
export function rolesIn(actor: PolicyActor, territoryId: number): TerritoryRole[] {
  return actor?.memberships.find((m) => m.territoryId === territoryId)?.roles ?? [];
}

/** True when the person belongs to the territory, whatever the role. */
export function isMember(actor: PolicyActor, territoryId: number): boolean {
  return rolesIn(actor, territoryId).length > 0;
}

/** True when the person holds one of the roles in the territory. Admins hold every role. */
export function hasRole(actor: PolicyActor, territoryId: number, ...roles: TerritoryRole[]): boolean {
  const held = rolesIn(actor, territoryId);
  return held.includes("admin") || roles.some((r) => held.includes(r));
}

export type PlatformAction =
  | "territory.view"
  | "members.view"
  | "members.manage"
  | "groups.manage"
  | "audit.view";

const rules: Record<PlatformAction, (actor: PolicyActor, territoryId: number) => boolean> = {
  "territory.view": isMember,
  "members.view": (a, t) => hasRole(a, t, "coordinator"),
  "members.manage": (a, t) => hasRole(a, t, "admin"),
  "groups.manage": (a, t) => hasRole(a, t, "coordinator"),
  "audit.view": (a, t) => hasRole(a, t, "admin"),
};

/** The single entry point routes and views use: may this person do this in this territory? */
export function can(actor: PolicyActor, action: PlatformAction, territoryId: number): boolean {
  return rules[action](actor, territoryId);
}

/** Every action the person may do in the territory, for views to show or hide links. */
export function abilities(actor: PolicyActor, territoryId: number): Set<PlatformAction> {
  return new Set((Object.keys(rules) as PlatformAction[]).filter((a) => rules[a](actor, territoryId)));
}

export const roleLabels: Record<TerritoryRole, string> = {
  admin: "Administrateur ou administratrice",
  coordinator: "Coordination",
  mediator: "Médiation numérique",
  school_referent: "Référent ou référente d'école",
  elected: "Élu ou élue",
};
