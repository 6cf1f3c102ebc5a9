// The rate limits' counters in the database, so that every app instance counts the same requests (decision 0019),
// by the app's clock. A store for @fastify/rate-limit: one row per route and client (address, or IPv6 /64).
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../db/client.js";
import type { Clock } from "../lib/clock.js";

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;
type RouteParams = { routeInfo?: { method?: string | string[]; url?: string } };

/** The store class @fastify/rate-limit instantiates, bound to a database and a clock. */
export function databaseRateLimitStore(db: Db, clock: Clock) {
  return class DatabaseRateLimitStore {
    private readonly route: string;

    // The plugin passes its merged options, with the route in `routeInfo` (its types say route options).
    constructor(params: object = {}) {
      const route = (params as RouteParams).routeInfo;
      this.route = `${([] as string[]).concat(route?.method ?? "").join(",")} ${route?.url ?? "*"}`;
    }

    /** Counts one more request of `client` in its window (a new window once the last one is over). */
    incr(client: string, callback: Callback, timeWindow: number): void {
      const now = clock();
      const at = now.toISOString();
      queryRows<{ hits: number; window_start: string | Date }>(
        db,
        sql`insert into rate_limits as r (key, window_start, hits) values (${`${this.route}|${client}`}, ${at}::timestamptz, 1)
            on conflict (key) do update set
              hits = case when r.window_start + ${timeWindow} * interval '1 millisecond' <= ${at}::timestamptz then 1 else r.hits + 1 end,
              window_start = case when r.window_start + ${timeWindow} * interval '1 millisecond' <= ${at}::timestamptz then ${at}::timestamptz else r.window_start end
            returning r.hits, r.window_start`,
      ).then(
        ([row]) => callback(null, { current: row!.hits, ttl: Math.max(0, new Date(row!.window_start).getTime() + timeWindow - now.getTime()) }),
        (error: Error) => callback(error),
      );
    }

    child(params: object): DatabaseRateLimitStore {
      return new DatabaseRateLimitStore(params);
    }
  };
}

/** Forgets the counters of windows over for a day (the daily sessions purge calls it). */
export async function purgeRateLimits(db: Db, { now }: { now: Date }): Promise<void> {
  await db.execute(sql`delete from rate_limits where window_start < ${new Date(now.getTime() - 86_400_000).toISOString()}::timestamptz`);
}
