// The adopted text, laid out to be handed over: DOCX (docx) and PDF (pdfkit), with its version, date, content hash
// and signatory territories.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import PDFDocument from "pdfkit";
import type { FrozenMotion } from "../../../db/schema/index.js";

export type ExportedVersion = { number: number; content: FrozenMotion; contentHash: string; signatories: string[]; adoptedAt: Date };

const dateFr = (d: Date) => d.toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" });

/** The text's blocks in reading order, shared by both formats. */
function blocks(v: ExportedVersion): { kind: "title" | "subtitle" | "heading" | "text" | "small"; text: string }[] {
  const c = v.content;
  const proposals = c.sections.filter((s) => s.kind === "proposition").length;
  const questions = c.sections.filter((s) => s.kind === "question").length;
  const out: ReturnType<typeof blocks> = [
    { kind: "title", text: c.title },
    { kind: "subtitle", text: `Motion adoptée le ${dateFr(v.adoptedAt)} (version ${v.number})` },
    { kind: "small", text: `${c.contributions} contributions des territoires, ${questions} questions, ${proposals} propositions.` },
  ];
  for (const s of c.sections) {
    if (s.kind === "preambule") out.push({ kind: "heading", text: s.title || "Préambule" });
    else if (s.kind === "question") out.push({ kind: "heading", text: `Question ${s.number}${s.title ? ` : ${s.title}` : ""}` });
    else out.push({ kind: "heading", text: `Proposition ${s.number}${s.title ? ` : ${s.title}` : ""}` });
    for (const paragraph of s.body.split(/\n{2,}/)) if (paragraph.trim()) out.push({ kind: "text", text: paragraph.trim() });
    if (s.result) out.push({ kind: "small", text: `Vote : ${s.result.pour} pour, ${s.result.contre} contre, ${s.result.abstention} abstention${s.result.abstention > 1 ? "s" : ""}.` });
  }
  out.push({ kind: "heading", text: "Territoires signataires" });
  out.push({ kind: "text", text: v.signatories.length > 0 ? v.signatories.join(", ") : "Aucun" });
  out.push({ kind: "small", text: `Empreinte SHA-256 du texte adopté : ${v.contentHash}` });
  return out;
}

export async function motionDocx(v: ExportedVersion): Promise<Buffer> {
  const children = blocks(v).map((b) => {
    if (b.kind === "title") return new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(b.text)] });
    if (b.kind === "subtitle") return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: b.text, italics: true })] });
    if (b.kind === "heading") return new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240 }, children: [new TextRun(b.text)] });
    if (b.kind === "small") return new Paragraph({ children: [new TextRun({ text: b.text, size: 18, color: "505a5f" })] });
    return new Paragraph({ spacing: { after: 120 }, children: [new TextRun(b.text)] });
  });
  const doc = new Document({
    creator: "Maillage",
    title: v.content.title,
    description: `Version ${v.number}, ${v.contentHash}`,
    styles: { default: { document: { run: { font: "Arial", size: 22 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

export function motionPdf(v: ExportedVersion): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: "A4", margin: 56, info: { Title: v.content.title, Author: "Maillage", Subject: `Version ${v.number}` }, lang: "fr-FR" });
    const chunks: Buffer[] = [];
    pdf.on("data", (c: Buffer) => chunks.push(c));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
    for (const b of blocks(v)) {
      if (b.kind === "title") pdf.font("Helvetica-Bold").fontSize(20).text(b.text, { align: "center" }).moveDown(0.5);
      else if (b.kind === "subtitle") pdf.font("Helvetica-Oblique").fontSize(11).text(b.text, { align: "center" }).moveDown(1);
      else if (b.kind === "heading") pdf.moveDown(0.6).font("Helvetica-Bold").fontSize(13).text(b.text).moveDown(0.3);
      else if (b.kind === "small") pdf.font("Helvetica").fontSize(9).fillColor("#505a5f").text(b.text).fillColor("black").moveDown(0.3);
      else pdf.font("Helvetica").fontSize(11).text(b.text, { align: "justify" }).moveDown(0.4);
    }
    pdf.end();
  });
}
