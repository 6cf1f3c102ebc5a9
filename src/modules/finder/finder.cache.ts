// A short-lived cache of finder searches (results and commune choices), so that the searches many people make at
// once (the same commune, the same needs) cost one database round trip every few seconds instead of one each.
// An entry lives `ttlMs` by the app's clock and every entry goes as soon as this process sees a change
// (data-changes.ts): a booking, a place edited, an import. Changes made by another process show within `ttlMs`.
// The place page and the booking steps never use it: a slot is always checked afresh before it is offered.
import { LRUCache } from "lru-cache";
import { onDataChange } from "../../lib/data-changes.js";
import type { FinderQuery } from "./domain/finder-query.js";
import { finderUrl } from "./domain/finder-query.js";
import type { SearchOutcome } from "./finder.search.js";

export type SearchCache = {
  get(query: FinderQuery, now: Date): SearchOutcome | undefined;
  set(query: FinderQuery, outcome: SearchOutcome, now: Date): void;
  /** Stops listening for changes (app shutdown). */
  close(): void;
};

type Entry = { outcome: SearchOutcome; at: number };

// The same search whatever the order of its needs in the link.
const keyOf = (query: FinderQuery) => finderUrl({ ...query, besoins: [...query.besoins].sort(), accompagnements: [...query.accompagnements].sort() });

/** A cache of at most `maxEntries` searches, each kept `ttlMs` at most; `ttlMs` 0 keeps nothing. */
export function createSearchCache({ ttlMs, maxEntries = 1000 }: { ttlMs: number; maxEntries?: number }): SearchCache {
  if (ttlMs <= 0) return { get: () => undefined, set: () => undefined, close: () => undefined };
  const entries = new LRUCache<string, Entry>({ max: maxEntries });
  const stop = onDataChange(() => entries.clear());
  return {
    get(query, now) {
      const key = keyOf(query);
      const entry = entries.get(key);
      if (!entry) return undefined;
      const age = now.getTime() - entry.at;
      if (age >= 0 && age < ttlMs) return entry.outcome;
      entries.delete(key);
      return undefined;
    },
    set(query, outcome, now) {
      if (outcome.kind !== "errors") entries.set(keyOf(query), { outcome, at: now.getTime() });
    },
    close: stop,
  };
}
