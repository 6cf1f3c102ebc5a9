// What the facilitators' route files share: their signed network context and their main page, which forms
// re-render with their errors.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Db, Tx } from "../../db/client.js";
import { withNetwork } from "../../db/tenant.js";
import { text } from "../../lib/validation.js";
import { NotFoundError } from "../../plugins/tenant.js";
import { listConsultations } from "./consultations.js";
import { listGroups } from "./groups-themes.js";
import { listMotions } from "./motions.queries.js";
import { listMembers } from "./network.queries.js";
import { listThemes } from "./sheets.queries.js";
import { FacilitationPage } from "./views/network-pages.js";

/** Runs `work` in the facilitator's signed network context; a 404 for anyone who is not a facilitator. */
export function facilitating<T>(db: Db, request: FastifyRequest, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (!request.actor?.isFacilitator) throw new NotFoundError();
  return withNetwork(db, { role: "facilitator", userId: request.actor.userId }, work);
}

const notices: Record<string, string> = {
  membre: "Le territoire est membre du réseau.",
  groupe: "Le groupe de travail est créé.",
  groupe_modifie: "Le groupe de travail est enregistré.",
  theme: "Le thème est enregistré.",
};

/** The facilitators' page (/reseau/animation), with a form's errors and values when one was refused. */
export async function facilitationPage(db: Db, request: FastifyRequest, reply: FastifyReply, extra: { errors?: Record<string, string>; values?: Record<string, string>; status?: number } = {}) {
  const [motions, members, consultations, groups, themes] = await facilitating(db, request, async (tx) => [await listMotions(tx), await listMembers(tx), await listConsultations(tx), await listGroups(tx), await listThemes(tx)] as const);
  const notice = notices[text((request.query as { fait?: string }).fait)];
  return reply.page(<FacilitationPage ctx={reply.viewContext()} motions={motions} members={members} consultations={consultations} groups={groups} themes={themes} errors={extra.errors ?? {}} values={extra.values ?? {}} {...(notice && !extra.errors ? { notice } : {})} />, extra.status ?? 200);
}

/** A day written as YYYY-MM-DD that exists, or undefined. */
export const isoDate = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : undefined);
