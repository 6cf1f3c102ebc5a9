// The yearly motion: a facilitator creates it and moves its phases (each change e-mailed with the deadline as an
// .ics); member territories contribute, amend and vote (one vote per territory, by a delegate); adoption freezes a
// numbered version; deliveries and answers follow. Territory writes run in the territory's context, the
// facilitator's and partners' in a signed network context (row-level security checks both).
import { and, eq, inArray, sql } from "drizzle-orm";
import ical from "ical-generator";
import { queryRows, type Executor } from "../../db/client.js";
import {
  motionAmendments,
  motionAnswers,
  motionContributions,
  motionDeliveries,
  motionSections,
  motionVersions,
  motionVotes,
  motions,
  type AmendmentKind,
  type FollowUpStatus,
  type FrozenMotion,
  type MotionPhase,
  type SectionKind,
  type VoteChoice,
} from "../../db/schema/index.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";
import { queueMail } from "../mail/mail.commands.js";
import { amendedText, contentHash, numberSections, tally } from "./domain/motion-text.js";

export const phaseLabels: Record<MotionPhase, string> = {
  contributions: "Contributions",
  redaction: "Rédaction",
  amendements: "Amendements",
  vote: "Vote",
  adoptee: "Adoptée",
  remise: "Remise",
  suivi: "Suivi des réponses",
};

/** A refused step, with the French reason shown to the person. */
export class MotionRuleError extends Error {}

export async function createMotion(db: Executor, props: { title: string; year: number; description: string; quorum: number; majority: number; deadlines: Partial<Record<MotionPhase, string>>; actor: AuditActor; demo?: boolean }): Promise<number> {
  const [row] = await db
    .insert(motions)
    .values({ title: props.title, year: props.year, description: props.description, quorum: props.quorum, majority: props.majority, deadlines: props.deadlines, demo: props.demo ?? false, createdAt: props.actor.at })
    .returning({ id: motions.id });
  await recordAudit(db, { territoryId: null, actor: props.actor, action: "motion.create", entityType: "motion", entityId: row!.id });
  return row!.id;
}

/** The .ics of a phase's deadline: an all-day event on that Paris date. */
export function deadlineIcs(props: { motionId: number; title: string; phase: MotionPhase; date: string; host: string }): string {
  const calendar = ical({ prodId: { company: "Maillage", product: "Réseau", language: "FR" } });
  const next = new Date(`${props.date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  calendar.createEvent({
    id: `motion-${props.motionId}-${props.phase}@${props.host}`,
    allDay: true,
    start: props.date,
    end: next.toISOString().slice(0, 10),
    summary: `${props.title} : fin de la phase « ${phaseLabels[props.phase]} »`,
  });
  return calendar.toString();
}

/**
 * Moves a motion to a phase (facilitator's context) and e-mails every member territory's elected officials,
 * coordinators and delegates, with the phase's deadline as an .ics when it has one.
 */
export async function setPhase(db: Executor, props: { motionId: number; phase: MotionPhase; deadline?: string | null; actor: AuditActor; baseUrl: string }): Promise<void> {
  const [motion] = await db.select().from(motions).where(eq(motions.id, props.motionId));
  if (!motion) throw new MotionRuleError("Cette motion n'existe pas.");
  const deadlines = { ...motion.deadlines };
  if (props.deadline) deadlines[props.phase] = props.deadline;
  await db.update(motions).set({ phase: props.phase, deadlines }).where(eq(motions.id, props.motionId));
  await recordAudit(db, { territoryId: null, actor: props.actor, action: "motion.phase", entityType: "motion", entityId: props.motionId, details: { from: motion.phase, to: props.phase } });
  const deadline = deadlines[props.phase];
  const recipients = await queryRows<{ email: string; territory_name: string }>(db, sql`select email, territory_name from maillage_network_recipients()`);
  const host = new URL(props.baseUrl).host;
  const ics = deadline ? deadlineIcs({ motionId: props.motionId, title: motion.title, phase: props.phase, date: deadline, host }) : null;
  const when = deadline ? ` jusqu'au ${new Date(`${deadline}T12:00:00Z`).toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" })}` : "";
  for (const r of recipients) {
    await queueMail(db, {
      territoryId: null,
      kind: "network.phase",
      to: r.email,
      subject: `${motion.title} : phase « ${phaseLabels[props.phase]} »${when}`,
      text: `Bonjour,\n\nLa motion « ${motion.title} » entre dans la phase « ${phaseLabels[props.phase]} »${when}.\n\nPour y participer au nom de ${r.territory_name} : ${props.baseUrl}/reseau\n\nMaillage`,
      ...(ics ? { attachments: [{ filename: "echeance.ics", contentType: "text/calendar; charset=utf-8", content: Buffer.from(ics).toString("base64") }] } : {}),
      now: props.actor.at,
    });
  }
}

async function phaseOf(db: Executor, motionId: number): Promise<MotionPhase> {
  const [row] = await db.select({ phase: motions.phase }).from(motions).where(eq(motions.id, motionId));
  if (!row) throw new MotionRuleError("Cette motion n'existe pas ou n'est pas ouverte à votre territoire.");
  return row.phase;
}

/** A member territory's contribution, during the contributions phase. */
export async function addContribution(db: Executor, props: { motionId: number; territoryId: number; theme: string; body: string; actor: AuditActor }): Promise<number> {
  if ((await phaseOf(db, props.motionId)) !== "contributions") throw new MotionRuleError("Les contributions sont closes pour cette motion.");
  const [row] = await db
    .insert(motionContributions)
    .values({ motionId: props.motionId, territoryId: props.territoryId, authorUserId: props.actor.userId, theme: props.theme, body: props.body, createdAt: props.actor.at })
    .returning({ id: motionContributions.id });
  await recordAudit(db, { territoryId: props.territoryId, actor: props.actor, action: "motion.contribution", entityType: "motion", entityId: props.motionId });
  return row!.id;
}

/** A facilitator's tags on a contribution. */
export async function tagContribution(db: Executor, props: { contributionId: number; tags: string[] }): Promise<void> {
  await db.update(motionContributions).set({ tags: props.tags }).where(eq(motionContributions.id, props.contributionId));
}

/**
 * Adds or changes a section of the text (facilitator), with the contributions a proposal synthesises. Never during
 * the vote; after the adoption, a change waits for a new adoption to make a new version (the adopted ones stay).
 */
export async function saveSection(db: Executor, props: { motionId: number; sectionId?: number; kind: SectionKind; position: number; title: string; body: string; contributionIds: number[]; actor: AuditActor }): Promise<number> {
  const phase = await phaseOf(db, props.motionId);
  if (phase === "vote") throw new MotionRuleError("Le texte ne change pas pendant le vote : après l'adoption, une modification fera une nouvelle version.");
  const values = { kind: props.kind, position: props.position, title: props.title, body: props.body, contributionIds: props.contributionIds, updatedAt: props.actor.at };
  if (props.sectionId) {
    await db.update(motionSections).set(values).where(and(eq(motionSections.id, props.sectionId), eq(motionSections.motionId, props.motionId)));
    return props.sectionId;
  }
  const [row] = await db.insert(motionSections).values({ motionId: props.motionId, ...values }).returning({ id: motionSections.id });
  await recordAudit(db, { territoryId: null, actor: props.actor, action: "motion.section", entityType: "motion", entityId: props.motionId });
  return row!.id;
}

/** An amendment to a proposal, during the amendment phase (territory's context). */
export async function submitAmendment(db: Executor, props: { motionId: number; sectionId: number; territoryId: number; kind: AmendmentKind; proposed: string; justification: string; submit: boolean; actor: AuditActor }): Promise<number> {
  if ((await phaseOf(db, props.motionId)) !== "amendements") throw new MotionRuleError("Les amendements ne sont ouverts que pendant la phase « Amendements ».");
  const [section] = await db.select({ body: motionSections.body }).from(motionSections).where(and(eq(motionSections.id, props.sectionId), eq(motionSections.motionId, props.motionId)));
  if (!section) throw new MotionRuleError("Cette proposition n'existe pas.");
  const [row] = await db
    .insert(motionAmendments)
    .values({ motionId: props.motionId, sectionId: props.sectionId, territoryId: props.territoryId, authorUserId: props.actor.userId, kind: props.kind, original: section.body, proposed: props.kind === "supprimer" ? "" : props.proposed, justification: props.justification, state: props.submit ? "depose" : "brouillon", createdAt: props.actor.at })
    .returning({ id: motionAmendments.id });
  await recordAudit(db, { territoryId: props.territoryId, actor: props.actor, action: "motion.amendment", entityType: "motion_amendment", entityId: row!.id, details: { state: props.submit ? "depose" : "brouillon" } });
  return row!.id;
}

/** The author territory submits its draft or withdraws its amendment. */
export async function changeOwnAmendment(db: Executor, props: { amendmentId: number; territoryId: number; to: "depose" | "retire"; actor: AuditActor }): Promise<boolean> {
  const from = props.to === "depose" ? ["brouillon"] : ["brouillon", "depose"];
  const rows = await db
    .update(motionAmendments)
    .set({ state: props.to, decidedAt: props.to === "retire" ? props.actor.at : null })
    .where(and(eq(motionAmendments.id, props.amendmentId), eq(motionAmendments.territoryId, props.territoryId), inArray(motionAmendments.state, from as never[])))
    .returning({ id: motionAmendments.id });
  return rows.length > 0;
}

/**
 * A facilitator's decision on a submitted amendment: accepted (the proposal's text becomes the amended one),
 * rejected or merged (with the reason).
 */
export async function decideAmendment(db: Executor, props: { amendmentId: number; decision: "accepte" | "rejete" | "fusionne"; reason: string; actor: AuditActor }): Promise<void> {
  const [a] = await db.select().from(motionAmendments).where(eq(motionAmendments.id, props.amendmentId));
  if (!a || a.state !== "depose") throw new MotionRuleError("Seul un amendement déposé peut être accepté, rejeté ou fusionné.");
  if (props.decision !== "accepte" && !props.reason) throw new MotionRuleError("Donnez la raison du rejet ou de la fusion : l'auteur la lira.");
  await db.update(motionAmendments).set({ state: props.decision, reason: props.reason, decidedAt: props.actor.at }).where(eq(motionAmendments.id, a.id));
  if (props.decision === "accepte") {
    const [section] = await db.select({ body: motionSections.body }).from(motionSections).where(eq(motionSections.id, a.sectionId));
    await db.update(motionSections).set({ body: amendedText(a.kind, section?.body ?? a.original, a.proposed), updatedAt: props.actor.at }).where(eq(motionSections.id, a.sectionId));
  }
  await recordAudit(db, { territoryId: null, actor: props.actor, action: `motion.amendment.${props.decision}`, entityType: "motion_amendment", entityId: a.id });
}

/**
 * A territory's vote on a proposal (sectionId) or on the whole text (null), cast by one of its delegates. A second
 * vote of the territory replaces the first, whoever casts it: the unique constraint (nulls not distinct) keeps one.
 */
export async function castVote(db: Executor, props: { motionId: number; sectionId: number | null; territoryId: number; choice: VoteChoice; actor: AuditActor & { userId: number } }): Promise<void> {
  if ((await phaseOf(db, props.motionId)) !== "vote") throw new MotionRuleError("Le vote n'est pas ouvert pour cette motion.");
  await db
    .insert(motionVotes)
    .values({ motionId: props.motionId, sectionId: props.sectionId, territoryId: props.territoryId, delegateUserId: props.actor.userId, choice: props.choice, castAt: props.actor.at })
    .onConflictDoUpdate({ target: [motionVotes.motionId, motionVotes.sectionId, motionVotes.territoryId], set: { choice: props.choice, delegateUserId: props.actor.userId, castAt: props.actor.at } });
  await recordAudit(db, { territoryId: props.territoryId, actor: props.actor, action: "motion.vote", entityType: "motion", entityId: props.motionId, details: { sectionId: props.sectionId, choice: props.choice } });
}

/**
 * Closes the vote and freezes the text (facilitator): the proposals with their results, numbered; the signatory
 * territories are those that voted for the whole text. The version is numbered after the motion's last one.
 */
export async function adoptMotion(db: Executor, props: { motionId: number; actor: AuditActor }): Promise<{ versionId: number; number: number; hash: string }> {
  const [motion] = await db.select().from(motions).where(eq(motions.id, props.motionId));
  if (!motion) throw new MotionRuleError("Cette motion n'existe pas.");
  if (motion.phase !== "vote" && motion.phase !== "adoptee" && motion.phase !== "remise" && motion.phase !== "suivi") throw new MotionRuleError("Le texte s'adopte à la clôture du vote.");
  const sections = numberSections(await db.select().from(motionSections).where(eq(motionSections.motionId, props.motionId)));
  const votes = await db.select({ sectionId: motionVotes.sectionId, choice: motionVotes.choice, territoryId: motionVotes.territoryId }).from(motionVotes).where(eq(motionVotes.motionId, props.motionId));
  const [{ members }] = (await queryRows<{ members: number }>(db, sql`select count(*)::int as members from network_members`)) as [{ members: number }];
  const rule = { quorum: motion.quorum, majority: motion.majority };
  const whole = tally(votes.filter((v) => v.sectionId === null).map((v) => v.choice), members, rule);
  if (!whole.adopted) throw new MotionRuleError(`Le texte n'est pas adopté : ${whole.pour} pour, ${whole.contre} contre, ${whole.abstention} abstention(s) sur ${members} territoires (quorum ${whole.quorumMet ? "atteint" : "non atteint"}).`);
  const contributions = (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from motion_contributions where motion_id = ${props.motionId}`))[0]!.n;
  const content: FrozenMotion = {
    title: motion.title,
    year: motion.year,
    contributions,
    sections: sections.map((s) => {
      const base = { id: s.id, kind: s.kind, number: s.number, title: s.title, body: s.body, contributions: s.contributionIds.length };
      if (s.kind !== "proposition") return base;
      const r = tally(votes.filter((v) => v.sectionId === s.id).map((v) => v.choice), members, rule);
      return { ...base, result: { pour: r.pour, contre: r.contre, abstention: r.abstention, adopted: r.adopted } };
    }),
  };
  const signatoryIds = votes.filter((v) => v.sectionId === null && v.choice === "pour").map((v) => v.territoryId);
  const signatories = signatoryIds.length > 0 ? (await queryRows<{ name: string }>(db, sql`select name from territories where id = any(${`{${signatoryIds.join(",")}}`}::int[]) order by name`)).map((r) => r.name) : [];
  const [{ next }] = (await queryRows<{ next: number }>(db, sql`select coalesce(max(number), 0)::int + 1 as next from motion_versions where motion_id = ${props.motionId}`)) as [{ next: number }];
  const hash = contentHash(content);
  const [last] = await db.select({ number: motionVersions.number, hash: motionVersions.contentHash }).from(motionVersions).where(eq(motionVersions.motionId, props.motionId)).orderBy(sql`${motionVersions.number} desc`).limit(1);
  if (last && last.hash === hash) throw new MotionRuleError(`Le texte n'a pas changé depuis la version ${last.number} : modifiez-le avant d'adopter une nouvelle version.`);
  const [row] = await db.insert(motionVersions).values({ motionId: props.motionId, number: next, content, contentHash: hash, signatories, adoptedAt: props.actor.at }).returning({ id: motionVersions.id });
  if (motion.phase === "vote") await db.update(motions).set({ phase: "adoptee" }).where(eq(motions.id, props.motionId));
  await recordAudit(db, { territoryId: null, actor: props.actor, action: "motion.adopt", entityType: "motion", entityId: props.motionId, details: { version: next, hash } });
  return { versionId: row!.id, number: next, hash };
}

/** Records that the adopted text was handed over; the motion moves to « Remise ». */
export async function recordDelivery(db: Executor, props: { motionId: number; versionId: number; recipient: string; deliveredOn: string; note: string; actor: AuditActor }): Promise<void> {
  await db.insert(motionDeliveries).values({ motionId: props.motionId, versionId: props.versionId, recipient: props.recipient, deliveredOn: props.deliveredOn, note: props.note, createdAt: props.actor.at });
  await db.update(motions).set({ phase: "remise" }).where(and(eq(motions.id, props.motionId), inArray(motions.phase, ["adoptee"] as MotionPhase[])));
  await recordAudit(db, { territoryId: null, actor: props.actor, action: "motion.delivery", entityType: "motion", entityId: props.motionId, details: { recipient: props.recipient } });
}

/** An answer obtained on an adopted proposal (facilitator or partner); the motion is then followed up. */
export async function postAnswer(db: Executor, props: { motionId: number; sectionId: number; answeredOn: string; institution: string; summary: string; status: FollowUpStatus; attachment?: { filename: string; type: string; bytes: Buffer } | undefined; actor: AuditActor }): Promise<number> {
  const file = props.attachment ? { attachmentFilename: props.attachment.filename, attachmentType: props.attachment.type, attachment: props.attachment.bytes } : {};
  const [row] = await db
    .insert(motionAnswers)
    .values({ motionId: props.motionId, sectionId: props.sectionId, answeredOn: props.answeredOn, institution: props.institution, summary: props.summary, status: props.status, authorUserId: props.actor.userId, createdAt: props.actor.at, ...file })
    .returning({ id: motionAnswers.id });
  await recordAudit(db, { territoryId: null, actor: props.actor, action: "motion.answer", entityType: "motion", entityId: props.motionId, details: { sectionId: props.sectionId, status: props.status } });
  return row!.id;
}
