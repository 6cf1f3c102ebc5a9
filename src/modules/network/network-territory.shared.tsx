// What the member territory's network routes share: the network context and who may write.
import type { FastifyReply, FastifyRequest } from "fastify";
import { sql } from "drizzle-orm";
import { queryRows, type Tx } from "../../db/client.js";
import { ForbiddenError } from "../../plugins/tenant.js";
import { isContributor } from "./network.policy.js";
import { NotMemberPage } from "./views/network-pages.js";

export const isNetworkMember = async (tx: Tx) => (await queryRows<{ member: boolean }>(tx, sql`select app_network_member() as member`))[0]!.member;

export const isDelegate = async (tx: Tx, territoryId: number, userId: number) => (await queryRows(tx, sql`select 1 from network_delegates where territory_id = ${territoryId} and user_id = ${userId}`)).length > 0;

/** The territory's context, once it is a member of the network; a page saying it is not (403), otherwise. */
export async function inNetwork<T>(request: FastifyRequest, reply: FastifyReply, work: (tx: Tx) => Promise<T>): Promise<T | undefined> {
  const outcome = await request.tenant(async (tx) => ((await isNetworkMember(tx)) ? { value: await work(tx) } : undefined));
  if (!outcome) {
    await reply.page(<NotMemberPage ctx={reply.viewContext()} />, 403);
    return undefined;
  }
  return outcome.value;
}

export function requireContributor(request: FastifyRequest): void {
  if (!isContributor(request.actor, request.territory!.id)) throw new ForbiddenError();
}
