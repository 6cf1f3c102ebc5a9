// A motion's text: numbering of its sections, vote tallies with quorum and majority, the frozen version's
// canonical form and hash, and word-level differences. Pure.
import { createHash } from "node:crypto";
import { diffWordsWithSpace } from "diff";
import type { FrozenMotion, SectionKind, VoteChoice } from "../../../db/schema/index.js";

export type SectionLike = { id: number; kind: SectionKind; position: number };

/**
 * Numbers sections in reading order: questions 1, 2, …; proposals 1, 2, … across the whole text (as in the 2022
 * motion's « 4 questions, 29 propositions »); the preamble has no number.
 */
export function numberSections<T extends SectionLike>(sections: readonly T[]): (T & { number: string; label: string })[] {
  let questions = 0;
  let proposals = 0;
  return [...sections]
    .sort((a, b) => a.position - b.position || a.id - b.id)
    .map((s) => {
      if (s.kind === "question") {
        questions += 1;
        return { ...s, number: String(questions), label: `Question ${questions}` };
      }
      if (s.kind === "proposition") {
        proposals += 1;
        return { ...s, number: String(proposals), label: `Proposition ${proposals}` };
      }
      return { ...s, number: "", label: "Préambule" };
    });
}

export type VoteRule = { quorum: number; majority: number };

export type Tally = { pour: number; contre: number; abstention: number; voters: number; members: number; quorumMet: boolean; adopted: boolean };

/**
 * Counts one proposal's votes: the quorum is a share of member territories that voted (abstentions count as
 * present); the proposal is adopted when the quorum is met and « pour » is strictly more than `majority` of the
 * votes expressed (pour + contre).
 */
export function tally(choices: readonly VoteChoice[], members: number, rule: VoteRule): Tally {
  const pour = choices.filter((c) => c === "pour").length;
  const contre = choices.filter((c) => c === "contre").length;
  const abstention = choices.length - pour - contre;
  const voters = choices.length;
  const quorumMet = members > 0 && voters >= Math.ceil(rule.quorum * members);
  const expressed = pour + contre;
  return { pour, contre, abstention, voters, members, quorumMet, adopted: quorumMet && expressed > 0 && pour > rule.majority * expressed };
}

/** JSON with object keys sorted at every level: the same content always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of a frozen motion's canonical JSON. */
export function contentHash(content: FrozenMotion): string {
  return createHash("sha256").update(canonicalJson(content), "utf8").digest("hex");
}

export type DiffPart = { text: string; change: "same" | "added" | "removed" };

/** Word-level differences between two texts, spaces kept (jsdiff's diffWordsWithSpace). */
export function wordDiff(before: string, after: string): DiffPart[] {
  return diffWordsWithSpace(before, after).map((p) => ({ text: p.value, change: p.added ? "added" : p.removed ? "removed" : "same" }));
}

/** The text a section would have if the amendment were accepted. */
export function amendedText(kind: "remplacer" | "ajouter" | "supprimer", original: string, proposed: string): string {
  if (kind === "remplacer") return proposed;
  if (kind === "ajouter") return original ? `${original}\n\n${proposed}` : proposed;
  return "";
}

/** Differences between two frozen versions, section by section (matched by section id, then by order). */
export function versionDiff(a: FrozenMotion, b: FrozenMotion): { label: string; parts: DiffPart[]; status: "same" | "changed" | "added" | "removed" }[] {
  const label = (s: FrozenMotion["sections"][number]) => (s.kind === "preambule" ? "Préambule" : `${s.kind === "question" ? "Question" : "Proposition"} ${s.number}`);
  const byId = new Map(a.sections.map((s) => [s.id, s]));
  const seen = new Set<number>();
  const out: ReturnType<typeof versionDiff> = [];
  for (const s of b.sections) {
    const before = byId.get(s.id);
    if (!before) {
      out.push({ label: label(s), parts: [{ text: s.body, change: "added" }], status: "added" });
      continue;
    }
    seen.add(s.id);
    const parts = wordDiff(`${before.title}\n${before.body}`, `${s.title}\n${s.body}`);
    out.push({ label: label(s), parts, status: parts.every((p) => p.change === "same") ? "same" : "changed" });
  }
  for (const s of a.sections) if (!seen.has(s.id)) out.push({ label: label(s), parts: [{ text: s.body, change: "removed" }], status: "removed" });
  return out;
}
