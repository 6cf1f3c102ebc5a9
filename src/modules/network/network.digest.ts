// The weekly digest of the network, e-mailed to each member territory's elected officials, coordinators,
// administrators and delegates: sheets other members shared or published in the last seven days, motions that
// changed phase, consultations open. Nothing new, no mail. Run by the worker (owner's connection) once a week.
import { sql } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/client.js";
import { queueMail } from "../mail/mail.commands.js";
import { phaseLabels } from "./motions.commands.js";
import type { MotionPhase } from "../../db/schema/index.js";

const DAY = 86_400_000;

/** Queues one digest per recipient of each member territory; returns how many were queued. */
export async function sendWeeklyDigest(db: Executor, { now, publicUrl }: { now: Date; publicUrl: string }): Promise<number> {
  const since = new Date(now.getTime() - 7 * DAY).toISOString();
  const sheets = await queryRows<{ id: number; title: string; territoryId: number; territoryName: string }>(
    db,
    sql`select s.id, s.title, s.territory_id as "territoryId", t.name as "territoryName" from experience_sheets s join territories t on t.id = s.territory_id
        join network_members m on m.territory_id = s.territory_id
        where s.visibility <> 'brouillon' and s.updated_at > ${since}::timestamptz order by s.updated_at desc limit 200`,
  );
  const phases = await queryRows<{ motionId: number; title: string; phase: MotionPhase }>(
    db,
    sql`select distinct m.id as "motionId", m.title, m.phase from audit_events e join motions m on m.id::text = e.entity_id
        where e.action = 'motion.phase' and e.at > ${since}::timestamptz order by m.id`,
  );
  const open = await queryRows<{ id: number; title: string; closesOn: string }>(db, sql`select id, title, closes_on::text as "closesOn" from consultations where published and closes_on >= ${now.toISOString().slice(0, 10)}::date order by closes_on`);
  const recipients = await queryRows<{ email: string; territoryId: number; code: string; name: string }>(
    db,
    sql`select distinct u.email, t.id as "territoryId", t.code, t.name from network_members n join territories t on t.id = n.territory_id
        join memberships ms on ms.territory_id = n.territory_id join users u on u.id = ms.user_id
        where ms.roles && array['admin', 'coordinator', 'elected']::text[]
           or exists (select 1 from network_delegates d where d.territory_id = n.territory_id and d.user_id = u.id)
        order by t.id, u.email`,
  );
  let queued = 0;
  for (const r of recipients) {
    const others = sheets.filter((s) => s.territoryId !== r.territoryId);
    if (others.length === 0 && phases.length === 0 && open.length === 0) continue;
    const lines = [`Bonjour,`, ``, `Les nouvelles du réseau des territoires cette semaine, pour ${r.name} :`];
    if (others.length > 0) lines.push(``, `Fiches d'expérience partagées :`, ...others.slice(0, 20).map((s) => `- ${s.title} (${s.territoryName}) : ${publicUrl}/t/${r.code}/reseau/fiches/${s.id}`));
    if (phases.length > 0) lines.push(``, `Motions :`, ...phases.map((p) => `- ${p.title} : phase « ${phaseLabels[p.phase]} » — ${publicUrl}/t/${r.code}/reseau/motions/${p.motionId}`));
    if (open.length > 0) lines.push(``, `Consultations ouvertes :`, ...open.map((c) => `- ${c.title}, jusqu'au ${c.closesOn.split("-").reverse().join("/")} — ${publicUrl}/t/${r.code}/reseau/consultations/${c.id}`));
    lines.push(``, `Maillage`);
    await queueMail(db, { territoryId: r.territoryId, kind: "network.digest", to: r.email, subject: "Les nouvelles du réseau des territoires cette semaine", text: lines.join("\n"), now });
    queued++;
  }
  return queued;
}
