// The OpenID Connect relying party (openid-client v6): discovery, authorization request, code exchange.
// ProConnect profile: authorization code flow with PKCE (S256), state and nonce, signed ID token, UserInfo.
import { timingSafeEqual } from "node:crypto";
import * as client from "openid-client";
import type { Config } from "../../config.js";

export const DEFAULT_OIDC_SCOPES = "openid email given_name usual_name";

export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  label: string;
  scopes: string;
  /** Space-separated assurance levels to ask for (ProConnect: e.g. "eidas1"); the ID token must match one. */
  acrValues: string | undefined;
  redirectUri: string;
};

/** What the browser keeps between the redirection to the provider and its return (never in the URL but `state`). */
export type PendingSignIn = { state: string; nonce: string; codeVerifier: string };

/** What a sign-in brings back: the ID token's claims, UserInfo, and the ID token itself (for the sign-out). */
export type OidcClaims = { idToken: Record<string, unknown>; userInfo: Record<string, unknown>; rawIdToken: string };

/** A failed exchange: the provider could not be reached ("unavailable") or its answer was not acceptable ("refused"). */
export class OidcError extends Error {
  constructor(
    readonly kind: "unavailable" | "refused",
    options: { cause: unknown },
  ) {
    super(`OpenID Connect ${kind}`, options);
  }
}

type OidcConfigExtras = { scopes?: string; acrValues?: string };

/**
 * The OpenID Connect settings, or undefined when not configured. Scopes and acr_values come from the
 * configuration object when it carries them, else from OIDC_SCOPES / OIDC_ACR_VALUES.
 */
export function oidcSettings(config: Config, env: NodeJS.ProcessEnv = process.env): OidcSettings | undefined {
  if (!config.oidc) return undefined;
  const extras = config.oidc as typeof config.oidc & OidcConfigExtras;
  const scopes = (extras.scopes ?? env.OIDC_SCOPES ?? "").trim() || DEFAULT_OIDC_SCOPES;
  const acrValues = (extras.acrValues ?? env.OIDC_ACR_VALUES ?? "").trim() || undefined;
  return {
    issuer: config.oidc.issuer,
    clientId: config.oidc.clientId,
    clientSecret: config.oidc.clientSecret,
    label: config.oidc.label,
    scopes: scopes.split(/\s+/).includes("openid") ? scopes : `openid ${scopes}`,
    acrValues,
    redirectUri: `${config.publicUrl}/connexion/oidc/retour`,
  };
}

/** Plain http is only accepted for a provider on this machine (the tests' and a developer's local provider). */
function isLocalHttp(issuer: URL): boolean {
  return issuer.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(issuer.hostname);
}

// One discovery per provider and process; a failed one is forgotten so that the next sign-in retries.
const discovered = new Map<string, Promise<client.Configuration>>();

function discover(settings: OidcSettings): Promise<client.Configuration> {
  const key = JSON.stringify([settings.issuer, settings.clientId, settings.clientSecret]);
  let configuration = discovered.get(key);
  if (!configuration) {
    const issuer = new URL(settings.issuer);
    configuration = client
      .discovery(
        issuer,
        settings.clientId,
        { client_secret: settings.clientSecret },
        client.ClientSecretBasic(settings.clientSecret),
        { timeout: 10, ...(isLocalHttp(issuer) ? { execute: [client.allowInsecureRequests] } : {}) },
      )
      .then((found) => {
        // Verify the signatures of ID tokens (and signed UserInfo, as ProConnect sends) against the provider's keys.
        client.enableNonRepudiationChecks(found);
        return found;
      });
    configuration.catch(() => discovered.delete(key));
    discovered.set(key, configuration);
  }
  return configuration;
}

function isUnavailable(error: unknown): boolean {
  if (error instanceof TypeError) return true; // fetch could not connect
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return true;
  if (error instanceof client.ClientError) {
    return ["OAUTH_RESPONSE_IS_NOT_CONFORM", "OAUTH_RESPONSE_IS_NOT_JSON", "OAUTH_HTTP_REQUEST_FORBIDDEN"].includes(error.code ?? "");
  }
  return false;
}

function classify(error: unknown): OidcError {
  return new OidcError(isUnavailable(error) ? "unavailable" : "refused", { cause: error });
}

/** Prepares the redirection to the provider: the authorization URL and the secrets to keep in a cookie. */
export async function beginOidcSignIn(settings: OidcSettings): Promise<{ url: URL; pending: PendingSignIn }> {
  let configuration: client.Configuration;
  try {
    configuration = await discover(settings);
  } catch (error) {
    throw new OidcError("unavailable", { cause: error });
  }
  const pending: PendingSignIn = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: settings.redirectUri,
    scope: settings.scopes,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: "S256",
    ...(settings.acrValues ? { acr_values: settings.acrValues } : {}),
  });
  return { url, pending };
}

/** Exchanges the code from the provider's redirection (checking state, nonce, PKCE, signature) and reads UserInfo. */
export async function completeOidcSignIn(settings: OidcSettings, callbackUrl: URL, pending: PendingSignIn): Promise<OidcClaims> {
  try {
    const configuration = await discover(settings);
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new Error("no ID token");
    const userInfo = await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
    return { idToken: { ...idToken }, userInfo: { ...userInfo }, rawIdToken: tokens.id_token! };
  } catch (error) {
    throw classify(error);
  }
}

/**
 * Where to send the browser to sign out at the provider too (RP-initiated logout, as ProConnect asks), or
 * undefined when the provider offers no end-session endpoint or cannot be reached: the local sign-out stands.
 */
export async function oidcSignOutUrl(settings: OidcSettings, { idToken, postLogoutRedirectUri }: { idToken: string; postLogoutRedirectUri: string }): Promise<URL | undefined> {
  try {
    const configuration = await discover(settings);
    if (!configuration.serverMetadata().end_session_endpoint) return undefined;
    return client.buildEndSessionUrl(configuration, { id_token_hint: idToken, post_logout_redirect_uri: postLogoutRedirectUri, state: client.randomState() });
  } catch {
    return undefined;
  }
}

/** Serialises the pending sign-in for its cookie (the three values are base64url, hence no dot). */
export function encodePending(pending: PendingSignIn): string {
  return [pending.state, pending.nonce, pending.codeVerifier].join(".");
}

/** Reads the pending sign-in back from its cookie, or null when absent or malformed. */
export function decodePending(value: string | undefined): PendingSignIn | null {
  const parts = (value ?? "").split(".");
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]{20,128}$/.test(part))) return null;
  const [state, nonce, codeVerifier] = parts as [string, string, string];
  return { state, nonce, codeVerifier };
}

/** Compares the `state` returned by the provider with the one kept in the cookie, in constant time. */
export function sameState(returned: string, expected: string): boolean {
  const a = Buffer.from(returned);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
