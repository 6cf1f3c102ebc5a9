// Fixtures of the network between territories: member territories with a coordinator, an elected official and a
// delegate; a facilitator; a partner.
import { eq } from "drizzle-orm";
import { users } from "../../src/db/schema/index.js";
import { withNetwork, withTenant } from "../../src/db/tenant.js";
import { addPartner, joinNetwork, setDelegate } from "../../src/modules/network/network.commands.js";
import type { Database } from "../../src/db/client.js";
import { makeTerritory, makeUser, testActor } from "./app.js";

type WithDatabase = { database: Database };

export type NetworkMember = { id: number; code: string; name: string; coordinatorId: number; electedId: number; delegateIds: number[] };

let seq = 0;

/** A territory joined to the network, with a coordinator, an elected official and `delegates` delegates. */
export async function makeMemberTerritory(t: WithDatabase, { name, delegates = 1, join = true }: { name?: string; delegates?: number; join?: boolean } = {}): Promise<NetworkMember> {
  seq++;
  const territory = await makeTerritory(t.database, name ? { name } : {});
  const tag = `${seq}-${process.pid}`;
  const coordinatorId = await makeUser(t.database, { email: `coord-reseau-${tag}@exemple.fr`, territoryId: territory.id, roles: ["coordinator"] });
  const electedId = await makeUser(t.database, { email: `elu-reseau-${tag}@exemple.fr`, territoryId: territory.id, roles: ["elected"] });
  const delegateIds: number[] = [];
  for (let i = 0; i < delegates; i++) delegateIds.push(await makeUser(t.database, { email: `delegue-${i}-${tag}@exemple.fr`, territoryId: territory.id, roles: ["elected"] }));
  if (join) await t.database.db.transaction((tx) => joinNetwork(tx, { territory, actor: testActor }));
  for (const userId of delegateIds) await withTenant(t.database.db, territory.id, (tx) => setDelegate(tx, { territoryId: territory.id, userId, delegate: true, actor: testActor }));
  return { id: territory.id, code: territory.code, name: territory.name, coordinatorId, electedId, delegateIds };
}

export async function makeFacilitator(t: WithDatabase, email = `animation-${++seq}-${process.pid}@exemple.fr`): Promise<number> {
  const userId = await makeUser(t.database, { email });
  await t.database.db.update(users).set({ isFacilitator: true }).where(eq(users.id, userId));
  return userId;
}

export async function makePartner(t: WithDatabase, institution: string, facilitatorId: number): Promise<number> {
  const userId = await makeUser(t.database, { email: `partenaire-${++seq}-${process.pid}@exemple.fr` });
  await withNetwork(t.database.db, { role: "facilitator", userId: facilitatorId }, (tx) => addPartner(tx, { userId, institution, actor: testActor }));
  return userId;
}
