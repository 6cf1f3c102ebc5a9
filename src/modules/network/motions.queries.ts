// Reading motions: the process, its text with contributions, amendments and vote tallies, frozen versions and the
// public follow-up of adopted proposals. Row-level security decides what each context sees.
import { sql } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/client.js";
import type { AmendmentKind, AmendmentState, FollowUpStatus, FrozenMotion, MotionPhase, SectionKind, VoteChoice } from "../../db/schema/index.js";
import { numberSections, tally, type Tally } from "./domain/motion-text.js";

export type MotionRow = { id: number; title: string; year: number; description: string; phase: MotionPhase; deadlines: Partial<Record<MotionPhase, string>>; quorum: number; majority: number; demo: boolean };

export async function listMotions(db: Executor): Promise<MotionRow[]> {
  return queryRows<MotionRow>(db, sql`select id, title, year, description, phase, deadlines, quorum, majority, demo from motions order by year desc, id desc`);
}

export async function getMotion(db: Executor, { id }: { id: number }): Promise<MotionRow | undefined> {
  return (await queryRows<MotionRow>(db, sql`select id, title, year, description, phase, deadlines, quorum, majority, demo from motions where id = ${id}`))[0];
}

export type ContributionRow = { id: number; territoryId: number; territoryName: string; theme: string; body: string; tags: string[]; createdAt: Date };

export async function listContributions(db: Executor, { motionId }: { motionId: number }): Promise<ContributionRow[]> {
  const rows = await queryRows<ContributionRow & { createdAt: string | Date }>(
    db,
    sql`select c.id, c.territory_id as "territoryId", t.name as "territoryName", c.theme, c.body, c.tags, c.created_at as "createdAt"
        from motion_contributions c join territories t on t.id = c.territory_id where c.motion_id = ${motionId} order by c.theme, c.created_at, c.id`,
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
}

export type SectionView = { id: number; kind: SectionKind; position: number; title: string; body: string; contributionIds: number[]; number: string; label: string };

export async function listSections(db: Executor, { motionId }: { motionId: number }): Promise<SectionView[]> {
  const rows = await queryRows<Omit<SectionView, "number" | "label">>(
    db,
    sql`select id, kind, position, title, body, contribution_ids as "contributionIds" from motion_sections where motion_id = ${motionId}`,
  );
  return numberSections(rows);
}

export type AmendmentRow = { id: number; sectionId: number; territoryId: number; territoryName: string; kind: AmendmentKind; original: string; proposed: string; justification: string; state: AmendmentState; reason: string; createdAt: Date };

export async function listAmendments(db: Executor, { motionId }: { motionId: number }): Promise<AmendmentRow[]> {
  const rows = await queryRows<AmendmentRow & { createdAt: string | Date }>(
    db,
    sql`select a.id, a.section_id as "sectionId", a.territory_id as "territoryId", t.name as "territoryName", a.kind, a.original, a.proposed,
          a.justification, a.state, a.reason, a.created_at as "createdAt"
        from motion_amendments a join territories t on t.id = a.territory_id where a.motion_id = ${motionId} order by a.created_at, a.id`,
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
}

export type VoteRow = { sectionId: number | null; territoryId: number; territoryName: string; choice: VoteChoice };

export async function listVotes(db: Executor, { motionId }: { motionId: number }): Promise<VoteRow[]> {
  return queryRows<VoteRow>(
    db,
    sql`select v.section_id as "sectionId", v.territory_id as "territoryId", t.name as "territoryName", v.choice
        from motion_votes v join territories t on t.id = v.territory_id where v.motion_id = ${motionId} order by t.name`,
  );
}

export async function memberCount(db: Executor): Promise<number> {
  return (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from network_members`))[0]!.n;
}

/** Each proposal's tally (key: section id, "texte" for the whole text). */
export function tallies(motion: MotionRow, sections: SectionView[], votes: VoteRow[], members: number): Map<number | "texte", Tally> {
  const rule = { quorum: motion.quorum, majority: motion.majority };
  // Votes grouped once (a pass over every vote), not filtered again for each proposal.
  const choices = new Map<number | "texte", VoteRow["choice"][]>();
  for (const vote of votes) {
    const key = vote.sectionId ?? "texte";
    const list = choices.get(key);
    if (list) list.push(vote.choice);
    else choices.set(key, [vote.choice]);
  }
  const out = new Map<number | "texte", Tally>();
  out.set("texte", tally(choices.get("texte") ?? [], members, rule));
  for (const s of sections) if (s.kind === "proposition") out.set(s.id, tally(choices.get(s.id) ?? [], members, rule));
  return out;
}

export type VersionRow = { id: number; motionId: number; number: number; content: FrozenMotion; contentHash: string; signatories: string[]; adoptedAt: Date };

export async function listVersions(db: Executor, { motionId }: { motionId?: number } = {}): Promise<VersionRow[]> {
  const rows = await queryRows<VersionRow & { adoptedAt: string | Date }>(
    db,
    sql`select id, motion_id as "motionId", number, content, content_hash as "contentHash", signatories, adopted_at as "adoptedAt"
        from motion_versions ${motionId ? sql`where motion_id = ${motionId}` : sql``} order by adopted_at desc, number desc`,
  );
  return rows.map((r) => ({ ...r, adoptedAt: new Date(r.adoptedAt) }));
}

export async function getVersion(db: Executor, { motionId, number }: { motionId: number; number: number }): Promise<VersionRow | undefined> {
  return (await listVersions(db, { motionId })).find((v) => v.number === number);
}

export type DeliveryRow = { id: number; motionId: number; versionNumber: number; recipient: string; deliveredOn: string; note: string };

export async function listDeliveries(db: Executor, { motionId }: { motionId?: number } = {}): Promise<DeliveryRow[]> {
  return queryRows<DeliveryRow>(
    db,
    sql`select d.id, d.motion_id as "motionId", v.number as "versionNumber", d.recipient, d.delivered_on::text as "deliveredOn", d.note
        from motion_deliveries d join motion_versions v on v.id = d.version_id ${motionId ? sql`where d.motion_id = ${motionId}` : sql``} order by d.delivered_on, d.id`,
  );
}

export type AnswerRow = { id: number; motionId: number; sectionId: number; answeredOn: string; institution: string; summary: string; status: FollowUpStatus; attachmentFilename: string | null };

export async function listAnswers(db: Executor, { motionId }: { motionId?: number } = {}): Promise<AnswerRow[]> {
  return queryRows<AnswerRow>(
    db,
    sql`select id, motion_id as "motionId", section_id as "sectionId", answered_on::text as "answeredOn", institution, summary, status,
          attachment_filename as "attachmentFilename"
        from motion_answers ${motionId ? sql`where motion_id = ${motionId}` : sql``} order by answered_on, id`,
  );
}

export const followUpLabels: Record<FollowUpStatus, string> = {
  sans_reponse: "Sans réponse",
  reponse_recue: "Réponse reçue",
  engagement: "Engagement",
  mis_en_oeuvre: "Mis en œuvre",
  refuse: "Refusé",
};

export type FollowedProposal = { motionId: number; motionTitle: string; year: number; versionNumber: number; sectionId: number; number: string; body: string; status: FollowUpStatus; answers: AnswerRow[] };

/**
 * Every adopted proposal across the years (from the latest version of each motion), with its answers and its
 * status: the latest answer's, « sans réponse » without one. Public.
 */
export async function followUp(db: Executor, { motionId }: { motionId?: number } = {}): Promise<FollowedProposal[]> {
  const versions = await listVersions(db, motionId ? { motionId } : {});
  const answers = await listAnswers(db, motionId ? { motionId } : {});
  const answersOf = new Map<number, AnswerRow[]>();
  for (const a of answers) {
    const list = answersOf.get(a.sectionId);
    if (list) list.push(a);
    else answersOf.set(a.sectionId, [a]);
  }
  const latest = new Map<number, VersionRow>();
  for (const v of versions) if (!latest.has(v.motionId) || latest.get(v.motionId)!.number < v.number) latest.set(v.motionId, v);
  const out: FollowedProposal[] = [];
  for (const v of [...latest.values()].sort((a, b) => b.content.year - a.content.year || b.motionId - a.motionId)) {
    for (const s of v.content.sections) {
      if (s.kind !== "proposition" || (s.result && !s.result.adopted)) continue;
      const own = answersOf.get(s.id) ?? [];
      out.push({ motionId: v.motionId, motionTitle: v.content.title, year: v.content.year, versionNumber: v.number, sectionId: s.id, number: s.number, body: s.body, status: own.at(-1)?.status ?? "sans_reponse", answers: own });
    }
  }
  return out;
}

/** The document that came with an answer (public, like the answer). */
export async function getAnswerAttachment(db: Executor, { id }: { id: number }): Promise<{ filename: string; mediaType: string; content: Buffer } | undefined> {
  const [row] = await queryRows<{ filename: string; mediaType: string; content: Uint8Array }>(db, sql`select attachment_filename as filename, attachment_type as "mediaType", attachment as content from motion_answers where id = ${id} and attachment is not null`);
  return row ? { filename: row.filename, mediaType: row.mediaType, content: Buffer.from(row.content) } : undefined;
}
