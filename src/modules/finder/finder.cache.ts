// A short-lived cache of finder searches (results and commune choices, and the page as an anonymous visitor sees
// it), so that the searches many people make at once (the same commune, the same needs) are computed once every
// few seconds instead of once each.
// An entry lives `ttlMs` by the app's clock and every entry goes as soon as this process sees a change
// (data-changes.ts): a booking, a place edited, an import. Changes made by another process show within `ttlMs`.
// The place page and the booking steps never use it: a slot is always checked afresh before it is offered.
import { LRUCache } from "lru-cache";
import { onDataChange } from "../../lib/data-changes.js";
import type { FinderQuery } from "./domain/finder-query.js";
import { finderUrl } from "./domain/finder-query.js";
import type { SearchOutcome } from "./finder.search.js";

/** A search's outcome, and once rendered for a visitor without an account, that page (the same for all of them). */
export type CachedSearch = { outcome: SearchOutcome; anonymousPage?: Buffer };

export type SearchCache = {
  /**
   * The search from the cache, or computed by `compute` and kept (unless an error). Identical searches arriving
   * while one is computed wait for it instead of computing it again (after a change clears the cache, a popular
   * search is computed once, not once per visitor).
   */
  resolve(query: FinderQuery, now: Date, compute: () => Promise<SearchOutcome>): Promise<CachedSearch>;
  /** Keeps the page an anonymous visitor gets for this search, beside its outcome. */
  setAnonymousPage(query: FinderQuery, search: CachedSearch, page: Buffer): void;
  /** Stops listening for changes (app shutdown). */
  close(): void;
};

type Entry = { search: CachedSearch; at: number };

/** What an outcome weighs in memory, roughly (ten result cards and their map points). */
const OUTCOME_BYTES = 16_384;

// The same search whatever the order of its needs in the link.
const keyOf = (query: FinderQuery) => finderUrl({ ...query, besoins: [...query.besoins].sort(), accompagnements: [...query.accompagnements].sort() });

/** A cache of searches kept `ttlMs` at most, within about `maxBytes` of memory; `ttlMs` 0 keeps nothing. */
export function createSearchCache({ ttlMs, maxBytes = 64 * 1_048_576 }: { ttlMs: number; maxBytes?: number }): SearchCache {
  if (ttlMs <= 0) return { resolve: async (_query, _now, compute) => ({ outcome: await compute() }), setAnonymousPage: () => undefined, close: () => undefined };
  const entries = new LRUCache<string, Entry>({
    maxSize: maxBytes,
    sizeCalculation: (entry) => OUTCOME_BYTES + (entry.search.anonymousPage?.length ?? 0),
  });
  const computing = new Map<string, Promise<CachedSearch>>();
  // Raised by every change: a search computed before it is handed out once, never kept.
  let generation = 0;
  const stop = onDataChange(() => {
    generation++;
    entries.clear();
    computing.clear();
  });

  function fresh(key: string, now: Date): CachedSearch | undefined {
    const entry = entries.get(key);
    if (!entry) return undefined;
    const age = now.getTime() - entry.at;
    if (age >= 0 && age < ttlMs) return entry.search;
    entries.delete(key);
    return undefined;
  }

  return {
    resolve(query, now, compute) {
      const key = keyOf(query);
      const cached = fresh(key, now);
      if (cached) return Promise.resolve(cached);
      const pending = computing.get(key);
      if (pending) return pending;
      const started = generation;
      const computed = compute()
        .then((outcome) => {
          const search: CachedSearch = { outcome };
          if (outcome.kind !== "errors" && generation === started) entries.set(key, { search, at: now.getTime() });
          return search;
        })
        .finally(() => {
          if (computing.get(key) === computed) computing.delete(key);
        });
      computing.set(key, computed);
      return computed;
    },
    setAnonymousPage(query, search, page) {
      const key = keyOf(query);
      const entry = entries.peek(key);
      // Set again so that its size counts the page (unless the entry went meanwhile).
      if (entry?.search === search) entries.set(key, { search: { ...search, anonymousPage: page }, at: entry.at });
    },
    close: stop,
  };
}
