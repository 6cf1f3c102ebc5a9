// Runtime configuration, read once from the environment.
import path from "node:path";
import { defaultAssetsDir } from "./ui/assets.js";

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  /** Where the browser assets are built at start and served from (MAILLAGE_ASSETS_DIR, default dist/assets). */
  assetsDir: string;
  /** The web app's connection (DATABASE_URL): on a server, a role that is neither superuser nor owner (decision 0018). */
  databaseUrl: string | undefined;
  /** The owner's connection (MIGRATION_DATABASE_URL): migrations, the CLI, the job worker; DATABASE_URL when unset. */
  migrationDatabaseUrl: string | undefined;
  /** A streaming replica for public reads (DATABASE_REPLICA_URL), or none. */
  replicaDatabaseUrl: string | undefined;
  /** Past this lag the replica is left aside until it catches up (DATABASE_REPLICA_MAX_LAG_SECONDS, default 5). */
  replicaMaxLagSeconds: number;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionDays: number;
  production: boolean;
  demo: boolean;
  oidc: { issuer: string; clientId: string; clientSecret: string; label: string } | undefined;
  mapTileUrl: string | undefined;
  /** Credit shown on the map, as the tile provider requires (MAP_ATTRIBUTION). */
  mapAttribution: string;
  worker: boolean;
  /** Which proxies may set X-Forwarded-* (TRUST_PROXY: "true", or addresses/CIDRs like "127.0.0.1,10.0.0.0/8"); off by default. */
  trustProxy: boolean | string;
  /** How long a finder search may be served from memory (FINDER_CACHE_SECONDS, default 30; 0 turns it off). */
  finderCacheSeconds: number;
  /**
   * How long the finder's published places (held in memory) may go without a look at their version when no change
   * was signalled (FINDER_PLACES_CHECK_MS, default 1000; 0 looks before every search). Also for the public
   * schedules and their busy times (decision 0056).
   */
  finderPlacesCheckMs: number;
};

/** Builds the configuration from environment variables (documented in docs/operations.md). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = positiveInteger(env.PORT, 3000, "PORT");
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, "");
  const oidcIssuer = env.OIDC_ISSUER;
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    dataDir: path.resolve(env.MAILLAGE_DATA_DIR ?? "./data"),
    assetsDir: env.MAILLAGE_ASSETS_DIR ? path.resolve(env.MAILLAGE_ASSETS_DIR) : defaultAssetsDir,
    databaseUrl: env.DATABASE_URL || undefined,
    migrationDatabaseUrl: env.MIGRATION_DATABASE_URL || undefined,
    replicaDatabaseUrl: env.DATABASE_REPLICA_URL || undefined,
    replicaMaxLagSeconds: positiveInteger(env.DATABASE_REPLICA_MAX_LAG_SECONDS, 5, "DATABASE_REPLICA_MAX_LAG_SECONDS"),
    publicUrl,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? "Maillage <ne-pas-repondre@maillage.localhost>",
    sessionDays: positiveInteger(env.SESSION_DAYS, 14, "SESSION_DAYS"),
    production: env.NODE_ENV === "production",
    demo: env.MAILLAGE_DEMO === "1",
    oidc: oidcIssuer
      ? {
          issuer: oidcIssuer,
          clientId: env.OIDC_CLIENT_ID ?? "",
          clientSecret: env.OIDC_CLIENT_SECRET ?? "",
          label: env.OIDC_LABEL ?? "ProConnect",
        }
      : undefined,
    mapTileUrl: env.MAP_TILE_URL || undefined,
    mapAttribution: env.MAP_ATTRIBUTION ?? "© les contributeurs d'OpenStreetMap",
    worker: env.MAILLAGE_WORKER !== "0",
    finderCacheSeconds: nonNegativeInteger(env.FINDER_CACHE_SECONDS, 30, "FINDER_CACHE_SECONDS"),
    finderPlacesCheckMs: nonNegativeInteger(env.FINDER_PLACES_CHECK_MS, 1000, "FINDER_PLACES_CHECK_MS"),
    trustProxy: !env.TRUST_PROXY || env.TRUST_PROXY === "0" || env.TRUST_PROXY === "false" ? false : env.TRUST_PROXY === "true" ? true : env.TRUST_PROXY,
  };
}

/** The owner's connection string: migrations, CLI commands and the job worker use it; undefined on PGlite. */
export function ownerDatabaseUrl(config: Pick<Config, "databaseUrl" | "migrationDatabaseUrl">): string | undefined {
  return config.migrationDatabaseUrl ?? config.databaseUrl;
}

function positiveInteger(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} doit être un entier positif (reçu : ${value})`);
  return n;
}

function nonNegativeInteger(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} doit être un entier positif ou nul (reçu : ${value})`);
  return n;
}
