// What the network's route files share over HTTP: attachments sent as downloads, sheet search filters read from a
// query string.
import type { FastifyReply } from "fastify";
import { POPULATION_BANDS, type PopulationBand, type SheetFilters } from "./sheets.queries.js";

export const SHEETS_PAGE_SIZE = 10;

/** Sends an attached file as a download (never shown inline: its content was checked, its name made safe). */
export function sendAttachment(reply: FastifyReply, file: { filename: string; mediaType: string; content: Buffer }) {
  return reply
    .header("content-disposition", `attachment; filename="${file.filename.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header("cache-control", "private, no-store")
    .type(file.mediaType)
    .send(file.content);
}

/** The search filters of a query string; unknown values are dropped rather than refused (links from elsewhere). */
export function sheetFilters(query: Record<string, unknown>): { filters: SheetFilters; page: number } {
  const q = (name: string) => (typeof query[name] === "string" ? (query[name] as string).trim() : "");
  const filters: SheetFilters = {};
  if (q("q")) filters.q = q("q").slice(0, 200);
  if (/^[a-z0-9-]{1,40}$/.test(q("theme"))) filters.theme = q("theme");
  if (["epci", "commune", "departement"].includes(q("type"))) filters.kind = q("type");
  if (q("population") in POPULATION_BANDS) filters.band = q("population") as PopulationBand;
  if (/^(\d{2,3}|2[AB])$/i.test(q("departement"))) filters.departement = q("departement").toUpperCase();
  if (/^\d{4}$/.test(q("annee"))) filters.year = Number(q("annee"));
  const page = /^\d{1,5}$/.test(q("page")) ? Math.max(1, Number(q("page"))) : 1;
  return { filters, page };
}
