// Runtime configuration, read once from the environment.
import path from "node:path";

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionDays: number;
  production: boolean;
  demo: boolean;
  oidc: { issuer: string; clientId: string; clientSecret: string; label: string } | undefined;
  mapTileUrl: string | undefined;
  worker: boolean;
};

/** Builds the configuration from environment variables (documented in docs/operations.md). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, "");
  const oidcIssuer = env.OIDC_ISSUER;
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    dataDir: path.resolve(env.MAILLAGE_DATA_DIR ?? "./data"),
    databaseUrl: env.DATABASE_URL || undefined,
    publicUrl,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? "Maillage <ne-pas-repondre@maillage.localhost>",
    sessionDays: Number(env.SESSION_DAYS ?? 14),
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
    worker: env.MAILLAGE_WORKER !== "0",
  };
}
