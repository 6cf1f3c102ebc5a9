// Signing in through an OpenID provider: only people who already have an account (they were invited).
import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { memberships, territories, users } from "../../db/schema/index.js";
import { recordAudit } from "../audit/audit.commands.js";
import type { OidcIdentity } from "./oidc-claims.js";

export type OidcSignIn = { userId: number; territoryCodes: string[] };

/**
 * Finds the account of the address the provider vouched for, fills in an empty display name from the provider's
 * claims and audits the sign-in. Returns null when nobody has that address: no account is ever created here.
 */
export async function signInWithOidc(
  db: Executor,
  { identity, issuer, ip }: { identity: OidcIdentity; issuer: string; ip: string | null },
): Promise<OidcSignIn | null> {
  const [user] = await db.select({ id: users.id, displayName: users.displayName }).from(users).where(eq(users.email, identity.email));
  if (!user) return null;
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
    actor: { userId: user.id, label: identity.email, ip },
    action: "session.sign-in",
    entityType: "user",
    entityId: user.id,
    details: { method: "oidc", issuer, subject: identity.subject },
  });
  return { userId: user.id, territoryCodes: rows.map((row) => row.code) };
}
