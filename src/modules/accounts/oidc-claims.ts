// Reads what an OpenID provider says about a person (ProConnect's claims included): pure, no I/O.

export type OidcIdentity = { subject: string; email: string; displayName: string };

export type OidcIdentityResult = { ok: true; identity: OidcIdentity } | { ok: false; reason: "no-email" | "unverified-email" };

const DISPLAY_NAME_MAX = 120;

function claimText(value: unknown): string {
  return typeof value === "string" ? value.replace(/\s+/g, " ").trim() : "";
}

/**
 * Turns the ID token and UserInfo claims into the e-mail address and name Maillage uses, or says why they
 * cannot be used. UserInfo wins over the ID token where both carry a claim.
 */
export function identityFromClaims(idToken: Record<string, unknown>, userInfo: Record<string, unknown> = {}): OidcIdentityResult {
  const claims = { ...idToken, ...userInfo };
  const email = claimText(claims.email).toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) return { ok: false, reason: "no-email" };
  // ProConnect does not send `email_verified`: its identity providers vouch for the address. A provider that
  // says explicitly that the address is unverified is refused, since the address is what lets a person in.
  if (claims.email_verified === false || claims.email_verified === "false") return { ok: false, reason: "unverified-email" };
  return { ok: true, identity: { subject: claimText(claims.sub), email, displayName: displayNameFromClaims(claims) } };
}

/** "Given name Family name" from given_name and usual_name (ProConnect) or family_name (standard claims). */
export function displayNameFromClaims(claims: Record<string, unknown>): string {
  const given = claimText(claims.given_name);
  const family = claimText(claims.usual_name) || claimText(claims.family_name);
  return [given, family].filter(Boolean).join(" ").slice(0, DISPLAY_NAME_MAX);
}

/** True when no assurance level was asked for, or the provider reports one of those asked for (`acr` claim). */
export function acrSatisfied(requested: string | undefined, returned: unknown): boolean {
  if (!requested) return true;
  return typeof returned === "string" && requested.split(/\s+/).includes(returned);
}
