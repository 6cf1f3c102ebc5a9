// Public data an app process holds in memory and reads again only when its version in the database moved
// (decisions 0055 and 0056: the finder's places, and the public schedules). The version is looked at before a use
// when a change was signalled (a write here or in another instance, data-changes.ts), when the last look is older
// than `checkEveryMs`, and always with `checkEveryMs` 0 (the tests' setting): a use never sees data older than
// that. Concurrent uses share one look at the version and one reading.
import { onDataChange } from "../../lib/data-changes.js";

export type VersionedKeeper<T> = { current(): Promise<T>; close(): void };

export function createVersionedKeeper<T>({
  readVersion,
  load,
  checkEveryMs,
  isStale = () => false,
  nowMs = () => performance.now(),
}: {
  readVersion: () => Promise<string>;
  /** Reads the data; must read its version first, so that a change committed meanwhile shows at the next look. */
  load: () => Promise<{ version: string; value: T }>;
  checkEveryMs: number;
  /** Held data that no longer answers (read for an earlier day, say), whatever its version. */
  isStale?: (value: T) => boolean;
  nowMs?: () => number;
}): VersionedKeeper<T> {
  let held: { version: string; value: T; checkedAt: number; generation: number } | undefined;
  let generation = 0;
  let pending: { promise: Promise<T>; generation: number } | undefined;
  const stop = onDataChange(() => {
    generation++;
  });

  const refresh = async (): Promise<T> => {
    const started = generation;
    const at = nowMs();
    const usable = held && !isStale(held.value);
    const version = usable ? await readVersion() : undefined;
    if (held && usable && version === held.version) {
      held = { ...held, checkedAt: at, generation: started };
      return held.value;
    }
    const loaded = await load();
    held = { ...loaded, checkedAt: at, generation: started };
    return loaded.value;
  };

  return {
    current() {
      const fresh = held && held.generation === generation && checkEveryMs > 0 && nowMs() - held.checkedAt < checkEveryMs && !isStale(held.value);
      if (fresh) return Promise.resolve(held!.value);
      // A refresh started before the last change signal may have read too early: such a use starts its own.
      if (pending?.generation === generation) return pending.promise;
      const started = { generation, promise: refresh() };
      pending = started;
      void started.promise.finally(() => {
        if (pending === started) pending = undefined;
      }).catch(() => undefined);
      return started.promise;
    },
    close: stop,
  };
}
