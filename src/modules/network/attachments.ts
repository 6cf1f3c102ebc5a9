// Files attached to an experience sheet: PDF or images, the type read from the content (never the name or the
// declared type), 10 MB at most, 10 per sheet.
import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/client.js";
import { sheetAttachments } from "../../db/schema/index.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";
import { detectImageType } from "../schools/incidents/incident-rules.js";

export const MAX_ATTACHMENT_BYTES = 10 * 1_048_576;
export const MAX_ATTACHMENTS = 10;

/** The file's type from its first bytes: PDF, JPEG, PNG or WebP; null otherwise. */
export function detectAttachmentType(bytes: Uint8Array): string | null {
  if (bytes.length >= 5 && Buffer.from(bytes.subarray(0, 5)).toString("latin1") === "%PDF-") return "application/pdf";
  return detectImageType(bytes);
}

/** Why a file is refused (French), or null. */
export function attachmentProblem(file: { bytes: Uint8Array; tooLarge: boolean; filename: string }): string | null {
  if (file.tooLarge || file.bytes.length > MAX_ATTACHMENT_BYTES) return "Le fichier dépasse 10 Mo : envoyez un fichier plus léger";
  if (file.bytes.length === 0) return "Choisissez un fichier";
  if (!detectAttachmentType(file.bytes)) return "Le fichier doit être un PDF ou une image JPEG, PNG ou WebP (son contenu a été vérifié, pas seulement son nom)";
  return null;
}

/** A file name safe for a Content-Disposition header and a page: no path, no control or quote characters. */
export function safeFilename(name: string, type: string): string {
  const base = name.split(/[\\/]/).pop()!.replace(/[^\p{L}\p{N} ._()-]/gu, "_").trim().slice(0, 100) || "piece-jointe";
  const extension = { "application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp" }[type] ?? "";
  return base.toLowerCase().endsWith(extension) ? base : `${base}${extension}`;
}

export type AttachmentRow = { id: number; filename: string; mediaType: string; size: number };

export async function listAttachments(db: Executor, { sheetId }: { sheetId: number }): Promise<AttachmentRow[]> {
  return queryRows<AttachmentRow>(db, sql`select id, filename, media_type as "mediaType", size from sheet_attachments where sheet_id = ${sheetId} order by id`);
}

export async function getAttachment(db: Executor, { sheetId, id }: { sheetId: number; id: number }): Promise<(AttachmentRow & { content: Buffer }) | undefined> {
  const [row] = await db.select({ id: sheetAttachments.id, filename: sheetAttachments.filename, mediaType: sheetAttachments.mediaType, size: sheetAttachments.size, content: sheetAttachments.content }).from(sheetAttachments).where(and(eq(sheetAttachments.sheetId, sheetId), eq(sheetAttachments.id, id)));
  return row ? { ...row, content: Buffer.from(row.content) } : undefined;
}

export async function addAttachment(db: Executor, props: { territoryId: number; sheetId: number; filename: string; bytes: Buffer; actor: AuditActor }): Promise<number | "too-many"> {
  if ((await listAttachments(db, { sheetId: props.sheetId })).length >= MAX_ATTACHMENTS) return "too-many";
  const mediaType = detectAttachmentType(props.bytes)!;
  const [row] = await db
    .insert(sheetAttachments)
    .values({ territoryId: props.territoryId, sheetId: props.sheetId, filename: safeFilename(props.filename, mediaType), mediaType, size: props.bytes.length, content: props.bytes, createdAt: props.actor.at })
    .returning({ id: sheetAttachments.id });
  await recordAudit(db, { territoryId: props.territoryId, actor: props.actor, action: "sheet.attachment.add", entityType: "experience_sheet", entityId: props.sheetId });
  return row!.id;
}

export async function removeAttachment(db: Executor, props: { territoryId: number; sheetId: number; id: number; actor: AuditActor }): Promise<boolean> {
  const rows = await db.delete(sheetAttachments).where(and(eq(sheetAttachments.id, props.id), eq(sheetAttachments.sheetId, props.sheetId), eq(sheetAttachments.territoryId, props.territoryId))).returning({ id: sheetAttachments.id });
  if (rows.length > 0) await recordAudit(db, { territoryId: props.territoryId, actor: props.actor, action: "sheet.attachment.remove", entityType: "experience_sheet", entityId: props.sheetId });
  return rows.length > 0;
}
