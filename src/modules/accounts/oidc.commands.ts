// Signing in through an OpenID provider: only people who already have an account (they were invited), bound to
// their identity at the provider from their first sign-in.
import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { memberships, territories, users } from "../../db/schema/index.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";
import type { OidcIdentity } from "./oidc-claims.js";
import { normaliseEmail } from "./sign-in.commands.js";

export type OidcSignIn =
  | { kind: "signed-in"; userId: number; territoryCodes: string[] }
  /** Nobody has that address: no account is ever created here. */
  | { kind: "no-account" }
  /** The account of that address is bound to another identity of this provider (the address changed hands). */
  | { kind: "other-identity" };

/**
 * Finds the account of the identity the provider vouched for: the one bound to its subject (`sub`) at an earlier
 * sign-in, else the one of its address, which is then bound to it. An account already bound to another subject of
 * the same provider is refused: an address given to someone else must not open its former owner's account. Fills
 * in an empty display name from the provider's claims and audits the sign-in.
 */
export async function signInWithOidc(
  db: Executor,
  { identity, issuer, ip, now }: { identity: OidcIdentity; issuer: string; ip: string | null; now: Date },
): Promise<OidcSignIn> {
  const columns = { id: users.id, displayName: users.displayName, oidcIssuer: users.oidcIssuer, oidcSubject: users.oidcSubject };
  const [bound] = identity.subject ? await db.select(columns).from(users).where(and(eq(users.oidcIssuer, issuer), eq(users.oidcSubject, identity.subject))) : [];
  const [byEmail] = bound ? [] : await db.select(columns).from(users).where(eq(users.email, identity.email));
  const user = bound ?? byEmail;
  if (!user) return { kind: "no-account" };
  if (!bound && user.oidcIssuer === issuer && user.oidcSubject !== null && user.oidcSubject !== identity.subject) {
    await recordAudit(db, {
      territoryId: null,
      actor: { userId: null, label: identity.email, ip, at: now },
      action: "session.sign-in-refused",
      entityType: "user",
      entityId: user.id,
      details: { method: "oidc", issuer, subject: identity.subject, reason: "other-identity" },
    });
    return { kind: "other-identity" };
  }
  if (!bound && identity.subject) await db.update(users).set({ oidcIssuer: issuer, oidcSubject: identity.subject }).where(eq(users.id, user.id));
  if (user.displayName.trim() === "" && identity.displayName !== "") {
    await db
      .update(users)
      .set({ displayName: identity.displayName })
      .where(and(eq(users.id, user.id), eq(users.displayName, user.displayName)));
  }
  const rows = await db
    .select({ code: territories.code })
    .from(memberships)
    .innerJoin(territories, eq(territories.id, memberships.territoryId))
    .where(eq(memberships.userId, user.id))
    .orderBy(territories.code);
  await recordAudit(db, {
    territoryId: null,
    actor: { userId: user.id, label: identity.email, ip, at: now },
    action: "session.sign-in",
    entityType: "user",
    entityId: user.id,
    details: { method: "oidc", issuer, subject: identity.subject },
  });
  return { kind: "signed-in", userId: user.id, territoryCodes: rows.map((row) => row.code) };
}

/**
 * Unbinds the account of `email` from its provider identity (an operator's decision, after checking who holds the
 * address now): its next sign-in through the provider binds it again. Audited when something was unbound.
 */
export async function unlinkOidcIdentity(db: Executor, { email, actor }: { email: string; actor: AuditActor }): Promise<"unlinked" | "not-linked" | "no-account"> {
  const [user] = await db.select({ id: users.id, subject: users.oidcSubject }).from(users).where(eq(users.email, normaliseEmail(email)));
  if (!user) return "no-account";
  if (user.subject === null) return "not-linked";
  await db.update(users).set({ oidcIssuer: null, oidcSubject: null }).where(eq(users.id, user.id));
  await recordAudit(db, { territoryId: null, actor, action: "user.oidc-unlink", entityType: "user", entityId: user.id, details: {} });
  return "unlinked";
}
