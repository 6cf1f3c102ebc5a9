// Territory navigation: each module adds its entries with the predicate that shows them.
import type { PolicyActor } from "../modules/accounts/accounts.policy.js";
import type { NavItem } from "./context.js";

export type NavEntry = {
  /** Path below /t/<code>, "" for the territory home. */
  path: string;
  text: string;
  order: number;
  visible: (actor: PolicyActor, territoryId: number) => boolean;
};

const entries: NavEntry[] = [];

/** Adds an entry to the territory menu (called once per module at start-up; duplicates are ignored). */
export function addNavEntry(entry: NavEntry): void {
  if (entries.some((e) => e.path === entry.path)) return;
  entries.push(entry);
  entries.sort((a, b) => a.order - b.order);
}

/** The menu a person sees in a territory, with the current page marked. */
export function territoryNav(actor: PolicyActor, territory: { id: number; code: string }, currentPath: string): NavItem[] {
  const base = `/t/${territory.code}`;
  const visible = entries.filter((e) => e.visible(actor, territory.id));
  const current = visible
    .map((e) => `${base}${e.path}`)
    .filter((href) => currentPath === href || currentPath.startsWith(`${href}/`))
    .sort((a, b) => b.length - a.length)[0];
  return visible.map((e) => ({ href: `${base}${e.path}`, text: e.text, current: `${base}${e.path}` === current }));
}
