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

export type SearchCache = {
  /** The page kept for this search as a visitor without an account sees it (gzip-compressed), if any. */
  anonymousPage(query: FinderQuery, now: Date): Buffer | undefined;
  /**
   * The search's outcome from the cache, or computed by `compute` and kept (unless an error). Identical searches
   * arriving while one is computed wait for it instead of computing it again (after a change clears the cache, a
   * popular search is computed once, not once per visitor).
   */
  resolve(query: FinderQuery, now: Date, compute: () => Promise<SearchOutcome>): Promise<SearchOutcome>;
  /**
   * Keeps the page an anonymous visitor gets for this outcome in place of the outcome: a few kilobytes instead of
   * about ten, so that the cache holds all the searches of a busy half-minute. A signed-in visitor then gets the
   * search computed again (rare on public pages).
   */
  setAnonymousPage(query: FinderQuery, outcome: SearchOutcome, page: Buffer): void;
  /** Stops listening for changes (app shutdown). */
  close(): void;
};

/** An outcome (kept until its page is rendered), or the anonymous page that replaced it. */
type Entry = { at: number; outcome?: SearchOutcome; page?: Buffer };

/** What an outcome weighs in memory (measured: about 8.7 kB for ten result cards and their map points). */
const OUTCOME_BYTES = 10_240;
/** What an entry weighs beside its page (key, object, list node). */
const ENTRY_BYTES = 512;

// The same search whatever the order of its needs in the link.
const keyOf = (query: FinderQuery) => finderUrl({ ...query, besoins: [...query.besoins].sort(), accompagnements: [...query.accompagnements].sort() });

/** A cache of searches kept `ttlMs` at most, within about `maxBytes` of memory; `ttlMs` 0 keeps nothing. */
export function createSearchCache({ ttlMs, maxBytes = 64 * 1_048_576 }: { ttlMs: number; maxBytes?: number }): SearchCache {
  if (ttlMs <= 0) return { anonymousPage: () => undefined, resolve: (_query, _now, compute) => compute(), setAnonymousPage: () => undefined, close: () => undefined };
  const entries = new LRUCache<string, Entry>({
    maxSize: maxBytes,
    sizeCalculation: (entry) => ENTRY_BYTES + (entry.page ? entry.page.length : OUTCOME_BYTES),
  });
  const computing = new Map<string, Promise<SearchOutcome>>();
  // Raised by every change: a search computed before it is handed out once, never kept.
  let generation = 0;
  const stop = onDataChange(() => {
    generation++;
    entries.clear();
    computing.clear();
  });

  function fresh(key: string, now: Date): Entry | undefined {
    const entry = entries.get(key);
    if (!entry) return undefined;
    const age = now.getTime() - entry.at;
    if (age >= 0 && age < ttlMs) return entry;
    entries.delete(key);
    return undefined;
  }

  return {
    anonymousPage(query, now) {
      return fresh(keyOf(query), now)?.page;
    },
    resolve(query, now, compute) {
      const key = keyOf(query);
      const cached = fresh(key, now);
      if (cached?.outcome) return Promise.resolve(cached.outcome);
      const pending = computing.get(key);
      if (pending) return pending;
      const started = generation;
      const computed = compute()
        .then((outcome) => {
          // An entry holding the anonymous page stays as it is: anonymous visitors are most of the traffic.
          if (outcome.kind !== "errors" && generation === started && !cached) entries.set(key, { outcome, at: now.getTime() });
          return outcome;
        })
        .finally(() => {
          if (computing.get(key) === computed) computing.delete(key);
        });
      computing.set(key, computed);
      return computed;
    },
    setAnonymousPage(query, outcome, page) {
      const key = keyOf(query);
      const entry = entries.peek(key);
      // Only in place of that very outcome (the entry may have gone, or been computed again, meanwhile).
      if (entry?.outcome === outcome) entries.set(key, { page, at: entry.at });
    },
    close: stop,
  };
}

/**
 * The next free slot of each place as result lists show it, kept between searches for `ttlMs` (by the app's
 * clock) and forgotten at any change this process sees: neighbouring communes share most of their nearest places,
 * so a search seen for the first time finds most of its places' slots already known. A slot kept may be up to
 * `ttlMs` old, as the searches kept above; the booking steps check it again before offering it.
 */
export type PlaceSlotsCache<T> = {
  /** What is known of a place for this key: its slots, null when it takes no appointment, undefined if unknown. */
  get(key: string, now: Date): T | null | undefined;
  /** A writer for what is computed from now on: its values are not kept if data changes before they are written. */
  writer(): (key: string, now: Date, value: T | null) => void;
  close(): void;
};

/** Places whose slots are kept at most (a few hundred bytes each). */
const PLACES_KEPT = 50_000;

export function createPlaceSlotsCache<T extends object>({ ttlMs }: { ttlMs: number }): PlaceSlotsCache<T> {
  if (ttlMs <= 0) return { get: () => undefined, writer: () => () => undefined, close: () => undefined };
  const entries = new LRUCache<string, { value: T | null; at: number }>({ max: PLACES_KEPT });
  let generation = 0;
  const stop = onDataChange(() => {
    generation++;
    entries.clear();
  });
  return {
    get(key, now) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      const age = now.getTime() - entry.at;
      if (age >= 0 && age < ttlMs) return entry.value;
      entries.delete(key);
      return undefined;
    },
    writer() {
      const started = generation;
      return (key, now, value) => {
        if (generation === started) entries.set(key, { value, at: now.getTime() });
      };
    },
    close: stop,
  };
}
