// Reads the whole network shares: its members, and a motion's text with everything its pages show.
import { sql } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/client.js";
import { getMotion, listAmendments, listContributions, listSections, listVotes, memberCount, tallies } from "./motions.queries.js";
import type { MotionText } from "./views/motion-pages.js";
import type { MemberRow } from "./views/network-pages.js";

export async function listMembers(db: Executor): Promise<MemberRow[]> {
  return queryRows<MemberRow>(db, sql`select m.territory_id as "territoryId", t.code, t.name, t.kind, m.population from network_members m join territories t on t.id = m.territory_id order by t.name`);
}

/** The motion's text with everything a page shows about it. */
export async function motionText(db: Executor, motion: NonNullable<Awaited<ReturnType<typeof getMotion>>>): Promise<MotionText> {
  const sections = await listSections(db, { motionId: motion.id });
  const votes = await listVotes(db, { motionId: motion.id });
  return {
    sections,
    amendments: await listAmendments(db, { motionId: motion.id }),
    contributions: await listContributions(db, { motionId: motion.id }),
    votes,
    tallies: tallies(motion, sections, votes, await memberCount(db)),
  };
}
