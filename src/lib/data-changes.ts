// A signal that data the public sees may have changed: a write request succeeded or a job ran, in this process
// ("local") or in another instance on the same PostgreSQL server ("remote", heard through the change feed,
// src/db/change-feed.ts). Caches of public reads listen to it and start again.

/** Where a change happened: here, or in another app instance. */
export type ChangeOrigin = "local" | "remote";

type Listener = (origin: ChangeOrigin) => void;

const listeners = new Set<Listener>();

/** Calls `listener` on every change; returns the function that stops it. */
export function onDataChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells the listeners that data may have changed (here unless said otherwise). */
export function dataChanged(origin: ChangeOrigin = "local"): void {
  for (const listener of listeners) listener(origin);
}
