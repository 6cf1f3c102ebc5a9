// Tells the other app instances on the same PostgreSQL server that public data changed, and hears them, with
// LISTEN/NOTIFY (decision 0019): a write in one instance clears the finder's caches in every instance at once,
// instead of when their entries expire.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { dataChanged, onDataChange } from "../lib/data-changes.js";

export const CHANGE_CHANNEL = "maillage_data_changed";

export type ChangeFeed = { instanceId: string; stop(): Promise<void> };

/**
 * Listens on its own connection (not one of the pools: a LISTEN lasts as long as the connection). Local changes
 * are sent as one NOTIFY at a time, several changes during one send becoming one more. When the connection
 * drops, it reconnects; changes may have been missed meanwhile, so the caches are cleared then too.
 */
export function startChangeFeed(url: string, options: { retryMs?: number; log?: (message: string) => void } = {}): ChangeFeed {
  const instanceId = randomUUID();
  const retryMs = options.retryMs ?? 1_000;
  let client: pg.Client | undefined;
  let stopped = false;
  let sending = false;
  let pending = false;
  let retry: NodeJS.Timeout | undefined;
  let listenedBefore = false;

  const send = async (): Promise<void> => {
    if (sending) {
      pending = true;
      return;
    }
    sending = true;
    try {
      do {
        pending = false;
        await client?.query("select pg_notify($1, $2)", [CHANGE_CHANNEL, instanceId]);
      } while (pending && !stopped);
    } catch (error) {
      options.log?.(`change feed: notify failed (${(error as Error).message})`);
    } finally {
      sending = false;
    }
  };

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on("notification", (message) => {
      if (message.channel === CHANGE_CHANNEL && message.payload !== instanceId) dataChanged("remote");
    });
    const lost = () => {
      if (client !== next || stopped) return;
      client = undefined;
      options.log?.("change feed: connection lost, reconnecting");
      retry = setTimeout(() => void connect(), retryMs);
    };
    next.on("error", lost);
    next.on("end", lost);
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANGE_CHANNEL}`);
      if (stopped) return void (await next.end());
      client = next;
      // Whatever changed while this instance was not listening is unknown: start the caches again.
      if (listenedBefore) dataChanged("remote");
      listenedBefore = true;
    } catch (error) {
      options.log?.(`change feed: cannot listen (${(error as Error).message})`);
      void next.end().catch(() => {});
      if (!stopped) retry = setTimeout(() => void connect(), retryMs);
    }
  };

  const stopListening = onDataChange((origin) => {
    if (origin === "local") void send();
  });
  void connect();

  return {
    instanceId,
    async stop() {
      stopped = true;
      stopListening();
      clearTimeout(retry);
      const last = client;
      client = undefined;
      await last?.end().catch(() => {});
    },
  };
}
