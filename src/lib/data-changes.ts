// A process-local signal that data the public sees may have changed: a write request succeeded or a job ran.
// Caches of public reads listen to it; changes made by another process reach them when their entries expire.

type Listener = () => void;

const listeners = new Set<Listener>();

/** Calls `listener` on every change; returns the function that stops it. */
export function onDataChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells the listeners that data may have changed. */
export function dataChanged(): void {
  for (const listener of listeners) listener();
}
