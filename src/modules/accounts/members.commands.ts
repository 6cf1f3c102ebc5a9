// Membership commands: invite someone to a territory, change their roles, remove them. Each is audited.
import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { memberships, territories, type TerritoryRole } from "../../db/schema/index.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";
import { queueMail } from "../mail/mail.commands.js";
import { roleLabels } from "./accounts.policy.js";
import { invitationMail } from "./accounts.mails.js";
import { createLoginToken, ensureUser } from "./sign-in.commands.js";

export const INVITATION_DAYS = 7;

/** Adds a person (created if new) to a territory with roles and e-mails them a single-use link. */
export async function inviteMember(
  db: Executor,
  { territoryId, email, displayName = "", roles, actor, now, publicUrl }: { territoryId: number; email: string; displayName?: string; roles: TerritoryRole[]; actor: AuditActor; now: Date; publicUrl: string },
): Promise<{ userId: number; token: string }> {
  const userId = await ensureUser(db, { email, displayName });
  await db
    .insert(memberships)
    .values({ territoryId, userId, roles })
    .onConflictDoUpdate({ target: [memberships.territoryId, memberships.userId], set: { roles } });
  const [territory] = await db.select({ name: territories.name }).from(territories).where(eq(territories.id, territoryId));
  const token = await createLoginToken(db, { userId, purpose: "invitation", territoryId, now, validMinutes: INVITATION_DAYS * 24 * 60 });
  await queueMail(db, {
    territoryId,
    now,
    ...invitationMail({ to: email, link: `${publicUrl}/connexion/lien?jeton=${token}`, territoryName: territory?.name ?? "", roles: roles.map((r) => roleLabels[r]), days: INVITATION_DAYS }),
  });
  await recordAudit(db, { territoryId, actor, action: "member.invite", entityType: "user", entityId: userId, details: { email, roles } });
  return { userId, token };
}

/** Replaces a member's roles in a territory; returns false when the person is not a member. */
export async function changeMemberRoles(
  db: Executor,
  { territoryId, userId, roles, actor }: { territoryId: number; userId: number; roles: TerritoryRole[]; actor: AuditActor },
): Promise<boolean> {
  const [before] = await db
    .select({ roles: memberships.roles })
    .from(memberships)
    .where(and(eq(memberships.territoryId, territoryId), eq(memberships.userId, userId)));
  if (!before) return false;
  await db.update(memberships).set({ roles }).where(and(eq(memberships.territoryId, territoryId), eq(memberships.userId, userId)));
  await recordAudit(db, { territoryId, actor, action: "member.roles", entityType: "user", entityId: userId, details: { before: before.roles, after: roles } });
  return true;
}

/** Removes a person from a territory (their account stays for other territories). */
export async function removeMember(db: Executor, { territoryId, userId, actor }: { territoryId: number; userId: number; actor: AuditActor }): Promise<boolean> {
  const deleted = await db
    .delete(memberships)
    .where(and(eq(memberships.territoryId, territoryId), eq(memberships.userId, userId)))
    .returning({ id: memberships.id });
  if (deleted.length > 0) await recordAudit(db, { territoryId, actor, action: "member.remove", entityType: "user", entityId: userId });
  return deleted.length > 0;
}
