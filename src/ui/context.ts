// What every page needs to know about the request: who is there, where, and the form token.
import type { TerritoryRole } from "../db/schema/platform.js";

export type NavItem = { href: string; text: string; current?: boolean };

export type ActorMembership = { territoryId: number; code: string; name: string; roles: TerritoryRole[] };

export type PageActor = {
  userId: number;
  email: string;
  displayName: string;
  isOperator: boolean;
  isFacilitator: boolean;
  memberships: ActorMembership[];
};

export type PageContext = {
  path: string;
  csrfToken: string;
  actor: PageActor | null;
  territory: { id: number; code: string; name: string; demo: boolean } | null;
  nav: NavItem[];
  assetVersion: string;
  demo: boolean;
  devMode: boolean;
};
