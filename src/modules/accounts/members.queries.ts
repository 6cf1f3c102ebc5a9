// Reads the members of a territory.
import { asc, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { memberships, users, type TerritoryRole } from "../../db/schema/index.js";

export type MemberRow = { userId: number; email: string; displayName: string; roles: TerritoryRole[]; lastSignInAt: Date | null };

/** Members of a territory with their roles, by e-mail. */
export async function listMembers(db: Executor, { territoryId }: { territoryId: number }): Promise<MemberRow[]> {
  return db
    .select({ userId: users.id, email: users.email, displayName: users.displayName, roles: memberships.roles, lastSignInAt: users.lastSignInAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.territoryId, territoryId))
    .orderBy(asc(users.email));
}
