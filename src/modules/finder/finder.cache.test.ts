import { gunzipSync } from "node:zlib";
import { describe, expect, it, vi } from "vitest";
import { dataChanged } from "../../lib/data-changes.js";
import { parseFinderQuery } from "./domain/finder-query.js";
import { createSearchCache } from "./finder.cache.js";
import type { SearchOutcome } from "./finder.search.js";

const query = parseFinderQuery({ ou: "Parthenay", tri: "distance" });
const choose: SearchOutcome = { kind: "choose", choices: [] };
const at = (seconds: number) => new Date(Date.UTC(2027, 2, 2, 9, 0, seconds));

/** A computation that ends when told to. */
function deferred() {
  let finish: (outcome: SearchOutcome) => void = () => undefined;
  const compute = vi.fn(() => new Promise<SearchOutcome>((resolve) => (finish = resolve)));
  return { compute, finish: (outcome: SearchOutcome) => finish(outcome) };
}

describe("finder search cache", () => {
  it("computes a search asked five times at once only once, and gives all five the same result", async () => {
    const cache = createSearchCache({ ttlMs: 30_000 });
    const { compute, finish } = deferred();
    const asked = Array.from({ length: 5 }, () => cache.resolve(query, at(0), compute));
    finish(choose);
    const results = await Promise.all(asked);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(new Set(results).size).toBe(1);
    cache.close();
  });

  it("keeps a search 30 seconds by the app's clock, the same search whatever the order of its needs", async () => {
    const cache = createSearchCache({ ttlMs: 30_000 });
    const compute = vi.fn(async () => choose);
    await cache.resolve(query, at(0), compute);
    await cache.resolve({ ...query }, at(29), compute);
    expect(compute).toHaveBeenCalledTimes(1);
    await cache.resolve(query, at(30), compute);
    expect(compute).toHaveBeenCalledTimes(2);
    cache.close();
  });

  it("never keeps a search computed while data changed, nor an error", async () => {
    const cache = createSearchCache({ ttlMs: 30_000 });
    const { compute, finish } = deferred();
    const during = cache.resolve(query, at(0), compute);
    dataChanged();
    finish(choose);
    expect(await during).toBe(choose);
    const again = vi.fn(async (): Promise<SearchOutcome> => ({ kind: "errors", errors: { ou: "Indiquez votre commune" } }));
    await cache.resolve(query, at(1), again);
    await cache.resolve(query, at(2), again);
    expect(again).toHaveBeenCalledTimes(2);
    cache.close();
  });

  it("keeps the anonymous page in place of its outcome, and computes the outcome again for a signed-in visitor without dropping the page", async () => {
    const cache = createSearchCache({ ttlMs: 30_000 });
    const compute = vi.fn(async () => choose);
    expect(cache.anonymousPage(query, at(0))).toBeUndefined();
    const outcome = await cache.resolve(query, at(0), compute);
    const page = cache.keepAnonymousPage(query, outcome, "<p>page</p>")!;
    expect(gunzipSync(page).toString("utf8")).toBe("<p>page</p>");
    expect(cache.anonymousPage(query, at(1))).toBe(page);
    await cache.resolve(query, at(2), compute);
    expect(compute).toHaveBeenCalledTimes(2);
    expect(cache.anonymousPage(query, at(3))).toBe(page);
    expect(cache.anonymousPage(query, at(30))).toBeUndefined();
    cache.close();
  });

  it("does not keep a page for an outcome it no longer holds", async () => {
    const cache = createSearchCache({ ttlMs: 30_000 });
    const outcome = await cache.resolve(query, at(0), async () => choose);
    dataChanged();
    expect(cache.keepAnonymousPage(query, outcome, "<p>page</p>")).toBeUndefined();
    expect(cache.anonymousPage(query, at(1))).toBeUndefined();
    cache.close();
  });

  it("computes every time when turned off", async () => {
    const cache = createSearchCache({ ttlMs: 0 });
    const compute = vi.fn(async () => choose);
    await cache.resolve(query, at(0), compute);
    await cache.resolve(query, at(0), compute);
    expect(compute).toHaveBeenCalledTimes(2);
  });
});
