// Working groups of the network (name, description, member territories, the people who animate them) and the
// controlled list of themes, both kept by facilitators.
import { eq, sql } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/client.js";
import { networkThemes, workingGroupFacilitators, workingGroupMembers, workingGroups } from "../../db/schema/index.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";

export type GroupFacilitator = { userId: number; email: string; name: string };
export type GroupRow = { id: number; name: string; description: string; members: { territoryId: number; name: string }[]; facilitators: GroupFacilitator[] };

/** The working groups by name with their members and animators; with `groupId`, that group only. */
export async function listGroups(db: Executor, { groupId }: { groupId?: number } = {}): Promise<GroupRow[]> {
  const only = groupId === undefined ? sql`true` : sql`group_id = ${groupId}`;
  const groups = await queryRows<{ id: number; name: string; description: string }>(
    db,
    sql`select id, name, description from working_groups where ${groupId === undefined ? sql`true` : sql`id = ${groupId}`} order by name`,
  );
  const members = await queryRows<{ groupId: number; territoryId: number; name: string }>(
    db,
    sql`select g.group_id as "groupId", g.territory_id as "territoryId", t.name from working_group_members g join territories t on t.id = g.territory_id where ${only} order by t.name`,
  );
  const facilitators = await queryRows<GroupFacilitator & { groupId: number }>(
    db,
    sql`select f.group_id as "groupId", u.id as "userId", u.email, coalesce(nullif(u.display_name, ''), u.email) as name
        from working_group_facilitators f join users u on u.id = f.user_id where ${only} order by name, u.id`,
  );
  const byGroup = new Map<number, GroupRow>(groups.map((g) => [g.id, { ...g, members: [], facilitators: [] }]));
  for (const { groupId: id, territoryId, name } of members) byGroup.get(id)?.members.push({ territoryId, name });
  for (const { groupId: id, userId, email, name } of facilitators) byGroup.get(id)?.facilitators.push({ userId, email, name });
  return [...byGroup.values()];
}

/**
 * Changes a group: its name and description, its member territories (among the network's members) and the people
 * who animate it (people with an account, found by e-mail beforehand: see usersByEmail).
 */
export async function updateGroup(db: Executor, props: { groupId: number; name: string; description: string; territoryIds: number[]; facilitatorIds: number[]; actor: AuditActor }): Promise<void> {
  await db.update(workingGroups).set({ name: props.name, description: props.description }).where(eq(workingGroups.id, props.groupId));
  await db.delete(workingGroupMembers).where(eq(workingGroupMembers.groupId, props.groupId));
  for (const territoryId of new Set(props.territoryIds)) await db.insert(workingGroupMembers).values({ groupId: props.groupId, territoryId });
  await db.delete(workingGroupFacilitators).where(eq(workingGroupFacilitators.groupId, props.groupId));
  for (const userId of new Set(props.facilitatorIds)) await db.insert(workingGroupFacilitators).values({ groupId: props.groupId, userId });
  await recordAudit(db, {
    territoryId: null,
    actor: props.actor,
    action: "network.group.update",
    entityType: "working_group",
    entityId: props.groupId,
    details: { territories: props.territoryIds.length, facilitators: props.facilitatorIds.length },
  });
}

/** People with an account, by their e-mail address (compared without case). */
export async function usersByEmail(db: Executor, emails: readonly string[]): Promise<Map<string, number>> {
  if (emails.length === 0) return new Map();
  const rows = await queryRows<{ id: number; email: string }>(db, sql`select id, lower(email) as email from users where lower(email) = any(${sql.param(emails.map((e) => e.toLowerCase()))}::text[])`);
  return new Map(rows.map((r) => [r.email, r.id]));
}

export async function createGroup(db: Executor, props: { name: string; description: string; territoryIds: number[]; facilitatorIds?: number[]; actor: AuditActor }): Promise<number> {
  const [row] = await db.insert(workingGroups).values({ name: props.name, description: props.description, createdAt: props.actor.at }).returning({ id: workingGroups.id });
  for (const territoryId of props.territoryIds) await db.insert(workingGroupMembers).values({ groupId: row!.id, territoryId });
  for (const userId of new Set(props.facilitatorIds ?? [])) await db.insert(workingGroupFacilitators).values({ groupId: row!.id, userId });
  await recordAudit(db, { territoryId: null, actor: props.actor, action: "network.group.create", entityType: "working_group", entityId: row!.id });
  return row!.id;
}

/** Adds a theme with a new stable code, or renames an existing one (its code never changes). */
export async function saveTheme(db: Executor, props: { code: string; label: string; actor: AuditActor }): Promise<void> {
  const [{ position }] = (await queryRows<{ position: number }>(db, sql`select coalesce(max(position), 0)::int + 1 as position from network_themes`)) as [{ position: number }];
  await db.insert(networkThemes).values({ code: props.code, label: props.label, position }).onConflictDoUpdate({ target: networkThemes.code, set: { label: props.label } });
  await recordAudit(db, { territoryId: null, actor: props.actor, action: "network.theme", entityType: "theme", entityId: props.code, details: { label: props.label } });
}

/** Whether another group (than `exceptId`) bears this name. */
export async function groupNameTaken(db: Executor, name: string, exceptId?: number): Promise<boolean> {
  return (await db.select({ id: workingGroups.id }).from(workingGroups).where(eq(workingGroups.name, name))).some((g) => g.id !== exceptId);
}
