// Short-lived caches of the finder: searches (results and commune choices, then the page as an anonymous visitor
// sees it), so that the searches many people make at once (the same commune, the same needs) are computed once
// every few seconds instead of once each; and each listed place's next free slot, shared between searches.
// An entry lives `ttlMs` by the app's clock and every entry goes as soon as this process sees a change
// (data-changes.ts): a booking, a place edited, an import. Changes made by another process show within `ttlMs`.
// The place page and the booking steps never use them: a slot is always checked afresh before it is offered.
import { gzipSync } from "node:zlib";
import { LRUCache } from "lru-cache";
import { onDataChange } from "../../lib/data-changes.js";
import type { FinderQuery } from "./domain/finder-query.js";
import { finderUrl } from "./domain/finder-query.js";
import type { SearchOutcome } from "./finder.search.js";

/**
 * An LRU of values stamped with the app's clock when set: older than `ttlMs` (or stamped in the future) is gone.
 * Emptied at every data change; `generation()` tells whether one happened since a computation started.
 */
function timedEntries<V extends object>(ttlMs: number, limits: { max: number } | { maxSize: number; sizeOf: (value: V) => number }, onClear?: () => void) {
  const entries = new LRUCache<string, { value: V; at: number }>(
    "max" in limits ? limits : { maxSize: limits.maxSize, sizeCalculation: (entry) => limits.sizeOf(entry.value) },
  );
  let generation = 0;
  const stop = onDataChange(() => {
    generation++;
    entries.clear();
    onClear?.();
  });
  return {
    get(key: string, now: Date): V | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      const age = now.getTime() - entry.at;
      if (age >= 0 && age < ttlMs) return entry.value;
      entries.delete(key);
      return undefined;
    },
    /** The entry as it is, fresh or not, without touching its place in the LRU order. */
    peek: (key: string) => entries.peek(key),
    set: (key: string, value: V, at: number) => void entries.set(key, { value, at }),
    generation: () => generation,
    close: stop,
  };
}

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
   * Keeps the page an anonymous visitor gets for this outcome, gzip-compressed (fastest level), in place of the
   * outcome: a few kilobytes instead of about thirty, so that the cache holds all the searches of a busy
   * half-minute. Returns the compressed page when kept (undefined when the outcome is no longer held, or the cache
   * is off). A signed-in visitor then gets the search computed again (rare on public pages).
   */
  keepAnonymousPage(query: FinderQuery, outcome: SearchOutcome, document: string): Buffer | undefined;
  /** Stops listening for changes (app shutdown). */
  close(): void;
};

/** An outcome (kept until its page is rendered), or the anonymous page that replaced it. */
type Entry = { outcome?: SearchOutcome; page?: Buffer };

/** What an outcome weighs in memory (measured: about 8.7 kB for ten result cards and their map points). */
const OUTCOME_BYTES = 10_240;
/** What an entry weighs beside its page (key, object, list node). */
const ENTRY_BYTES = 512;

// The same search whatever the order of its needs in the link.
const keyOf = (query: FinderQuery) => finderUrl({ ...query, besoins: [...query.besoins].sort(), accompagnements: [...query.accompagnements].sort() });

/** A cache of searches kept `ttlMs` at most, within about `maxBytes` of memory; `ttlMs` 0 keeps nothing. */
export function createSearchCache({ ttlMs, maxBytes = 64 * 1_048_576 }: { ttlMs: number; maxBytes?: number }): SearchCache {
  if (ttlMs <= 0) return { anonymousPage: () => undefined, resolve: (_query, _now, compute) => compute(), keepAnonymousPage: () => undefined, close: () => undefined };
  const computing = new Map<string, Promise<SearchOutcome>>();
  // A search computed before a change is handed out once, never kept.
  const entries = timedEntries<Entry>(ttlMs, { maxSize: maxBytes, sizeOf: (entry) => ENTRY_BYTES + (entry.page ? entry.page.length : OUTCOME_BYTES) }, () => computing.clear());

  return {
    anonymousPage(query, now) {
      return entries.get(keyOf(query), now)?.page;
    },
    resolve(query, now, compute) {
      const key = keyOf(query);
      const cached = entries.get(key, now);
      if (cached?.outcome) return Promise.resolve(cached.outcome);
      const pending = computing.get(key);
      if (pending) return pending;
      const started = entries.generation();
      const computed = compute()
        .then((outcome) => {
          // An entry holding the anonymous page stays as it is: anonymous visitors are most of the traffic.
          if (outcome.kind !== "errors" && entries.generation() === started && !cached) entries.set(key, { outcome }, now.getTime());
          return outcome;
        })
        .finally(() => {
          if (computing.get(key) === computed) computing.delete(key);
        });
      computing.set(key, computed);
      return computed;
    },
    keepAnonymousPage(query, outcome, document) {
      const key = keyOf(query);
      const entry = entries.peek(key);
      // Only in place of that very outcome (the entry may have gone, or been computed again, meanwhile).
      if (entry?.value.outcome !== outcome) return undefined;
      const page = gzipSync(document, { level: 1 });
      entries.set(key, { page }, entry.at);
      return page;
    },
    close: entries.close,
  };
}

/**
 * The next free slot of each place as result lists show it, kept between searches for `ttlMs`: neighbouring
 * communes share most of their nearest places, so a search seen for the first time finds most of its places'
 * slots already known. A slot kept may be up to `ttlMs` old, as the searches kept above; the booking steps check
 * it again before offering it.
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
  const entries = timedEntries<{ slots: T | null }>(ttlMs, { max: PLACES_KEPT });
  return {
    get: (key, now) => entries.get(key, now)?.slots,
    writer() {
      const started = entries.generation();
      return (key, now, slots) => {
        if (entries.generation() === started) entries.set(key, { slots }, now.getTime());
      };
    },
    close: entries.close,
  };
}
