// Working groups of the network (name, description, member territories) and the controlled list of themes, both
// kept by facilitators.
import { eq, sql } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/client.js";
import { networkThemes, workingGroupMembers, workingGroups } from "../../db/schema/index.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";

export type GroupRow = { id: number; name: string; description: string; members: { territoryId: number; name: string }[] };

export async function listGroups(db: Executor): Promise<GroupRow[]> {
  const groups = await queryRows<{ id: number; name: string; description: string }>(db, sql`select id, name, description from working_groups order by name`);
  const members = await queryRows<{ groupId: number; territoryId: number; name: string }>(db, sql`select g.group_id as "groupId", g.territory_id as "territoryId", t.name from working_group_members g join territories t on t.id = g.territory_id order by t.name`);
  return groups.map((g) => ({ ...g, members: members.filter((m) => m.groupId === g.id).map(({ territoryId, name }) => ({ territoryId, name })) }));
}

export async function createGroup(db: Executor, props: { name: string; description: string; territoryIds: number[]; actor: AuditActor }): Promise<number> {
  const [row] = await db.insert(workingGroups).values({ name: props.name, description: props.description, createdAt: props.actor.at }).returning({ id: workingGroups.id });
  for (const territoryId of props.territoryIds) await db.insert(workingGroupMembers).values({ groupId: row!.id, territoryId });
  await recordAudit(db, { territoryId: null, actor: props.actor, action: "network.group.create", entityType: "working_group", entityId: row!.id });
  return row!.id;
}

/** Adds a theme with a new stable code, or renames an existing one (its code never changes). */
export async function saveTheme(db: Executor, props: { code: string; label: string; actor: AuditActor }): Promise<void> {
  const [{ position }] = (await queryRows<{ position: number }>(db, sql`select coalesce(max(position), 0)::int + 1 as position from network_themes`)) as [{ position: number }];
  await db.insert(networkThemes).values({ code: props.code, label: props.label, position }).onConflictDoUpdate({ target: networkThemes.code, set: { label: props.label } });
  await recordAudit(db, { territoryId: null, actor: props.actor, action: "network.theme", entityType: "theme", entityId: props.code, details: { label: props.label } });
}

export async function groupNameTaken(db: Executor, name: string): Promise<boolean> {
  return (await db.select({ id: workingGroups.id }).from(workingGroups).where(eq(workingGroups.name, name))).length > 0;
}
