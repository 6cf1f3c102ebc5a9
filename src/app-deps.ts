// What the app is built from: configuration, database, clock and limits. A module of its own so that routes and
// plugins depend on this type, not on the app builder that imports them (no import cycle).
import type { Config } from "./config.js";
import type { Database } from "./db/client.js";
import type { Clock } from "./lib/clock.js";

export type RateLimits = { signIn: number; publicForm: number };

export type AppDeps = {
  config: Config;
  database: Database;
  clock: Clock;
  /**
   * The secret that signs citizens' links, read at start with the owner's connection (linkSecret): the web app's
   * database role cannot read it (migration 0011).
   */
  linkSecret: string;
  /** Requests per minute and per address; tests raise them. */
  rateLimits?: RateLimits;
};

export const defaultRateLimits: RateLimits = { signIn: 5, publicForm: 20 };
