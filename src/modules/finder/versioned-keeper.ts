// Public data an app process holds in memory and reads again only when its version in the database moved
// (decisions 0055 and 0056: the finder's places, the public schedules, their busy times). Whether it moved is looked
// at before a use when a change was signalled (a write here or in another instance, data-changes.ts), when the
// last look is older than `checkEveryMs`, and always with `checkEveryMs` 0 (the tests' setting): a use never sees
// data older than that. Concurrent uses share one look and one reading.
import { onDataChange } from "../../lib/data-changes.js";

export type Keeper<T, A = void> = { current(arg: A): Promise<T>; close(): void };

/**
 * The general form: `refresh` looks at the versions and returns what to hold (the held value itself when nothing
 * moved, a value read again in part or whole otherwise); it gets the held value only while `fits` it to `arg`.
 */
export function createKeeper<T, A = void>({
  refresh,
  fits = () => true,
  checkEveryMs,
  nowMs = () => performance.now(),
}: {
  refresh: (held: T | undefined, arg: A) => Promise<T>;
  /** Whether held data still answers for `arg` (read for this day, from these schedules…), whatever its version. */
  fits?: (value: T, arg: A) => boolean;
  checkEveryMs: number;
  nowMs?: () => number;
}): Keeper<T, A> {
  let held: { value: T; checkedAt: number; generation: number } | undefined;
  let generation = 0;
  let pending: { promise: Promise<T>; generation: number; arg: A } | undefined;
  const stop = onDataChange(() => {
    generation++;
  });

  const run = async (arg: A): Promise<T> => {
    const started = generation;
    const at = nowMs();
    const value = await refresh(held && fits(held.value, arg) ? held.value : undefined, arg);
    held = { value, checkedAt: at, generation: started };
    return value;
  };

  return {
    current(arg) {
      const fresh = held && held.generation === generation && checkEveryMs > 0 && nowMs() - held.checkedAt < checkEveryMs && fits(held.value, arg);
      if (fresh) return Promise.resolve(held!.value);
      // A refresh started before the last change signal may have read too early: such a use starts its own.
      if (pending?.generation === generation && pending.arg === arg) return pending.promise;
      const started = { generation, arg, promise: run(arg) };
      pending = started;
      void started.promise.finally(() => {
        if (pending === started) pending = undefined;
      }).catch(() => undefined);
      return started.promise;
    },
    close: stop,
  };
}

export type VersionedKeeper<T> = Keeper<T>;

/** Data with one version: read again whole when the version moved. */
export function createVersionedKeeper<T>({
  readVersion,
  load,
  checkEveryMs,
  isStale = () => false,
  nowMs,
}: {
  readVersion: () => Promise<string>;
  /** Reads the data with its version, on one snapshot. */
  load: () => Promise<{ version: string; value: T }>;
  checkEveryMs: number;
  /** Held data that no longer answers (read for an earlier day, say), whatever its version. */
  isStale?: (value: T) => boolean;
  nowMs?: () => number;
}): VersionedKeeper<T> {
  const keeper = createKeeper<{ version: string; value: T }>({
    refresh: async (held) => (held && (await readVersion()) === held.version ? held : load()),
    fits: (held) => !isStale(held.value),
    checkEveryMs,
    ...(nowMs ? { nowMs } : {}),
  });
  return { current: () => keeper.current().then((held) => held.value), close: keeper.close };
}
