// Filters of the record list and the statistics (pure): query string in, period and choices out.
import { isIsoDate } from "./activity-rules.js";

/** A period (Europe/Paris days, both included) and optional place, mediator and commune of residence. */
export type ActivityFilters = { from: string; to: string; placeId?: number | null; mediatorId?: number | null; communeInsee?: string | null };

/** The query parameters, in plain French words as they appear in addresses. */
export type FilterQuery = { du?: string; au?: string; commune?: string; lieu?: string; mediateur?: string };

export type FilterChoices = { today: string; communes: string[]; placeIds: number[]; mediatorIds: number[] };

export type ParsedFilters = {
  filters: ActivityFilters;
  /** What the filter form shows (the period always filled in). */
  values: Required<FilterQuery>;
  /** Only the parameters the person chose and that are valid, to build links (exports, share links). */
  chosen: FilterQuery;
  errors: Record<string, string>;
};

/** The default period: the current month and the 11 before it. */
export function defaultPeriod(today: string): { from: string; to: string } {
  const [year, month] = today.split("-").map(Number) as [number, number];
  const index = year * 12 + (month - 1) - 11;
  return { from: `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}-01`, to: today };
}

const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");

/** Reads the filters; a wrong value is reported and ignored, never an error page. */
export function parseFilters(query: Record<string, unknown>, choices: FilterChoices): ParsedFilters {
  const raw = { du: text(query.du), au: text(query.au), commune: text(query.commune), lieu: text(query.lieu), mediateur: text(query.mediateur) };
  const errors: Record<string, string> = {};
  const chosen: FilterQuery = {};
  if (raw.du !== "" && !isIsoDate(raw.du)) errors.du = "La date de début doit être une vraie date, par exemple 01/01/2027";
  if (raw.au !== "" && !isIsoDate(raw.au)) errors.au = "La date de fin doit être une vraie date, par exemple 31/12/2027";
  let du = errors.du ? "" : raw.du;
  let au = errors.au ? "" : raw.au;
  if (du !== "" && au !== "" && du > au) {
    errors.au = "La date de fin doit être après la date de début";
    du = au = "";
  }
  if (du !== "") chosen.du = du;
  if (au !== "") chosen.au = au;
  // Without a start, the period is the 12 months up to the end; without an end, it runs up to today.
  const { from, to } = du !== "" ? { from: du, to: au || (du > choices.today ? du : choices.today) } : defaultPeriod(au || choices.today);
  const filters: ActivityFilters = { from, to };
  if (raw.commune !== "") {
    if (choices.communes.includes(raw.commune)) filters.communeInsee = chosen.commune = raw.commune;
    else errors.commune = "Choisissez une commune de la liste";
  }
  const id = (value: string, allowed: number[], field: "lieu" | "mediateur", message: string) => {
    if (value === "") return null;
    const n = Number(value);
    if (Number.isInteger(n) && allowed.includes(n)) {
      chosen[field] = value;
      return n;
    }
    errors[field] = message;
    return null;
  };
  filters.placeId = id(raw.lieu, choices.placeIds, "lieu", "Choisissez un lieu de la liste");
  filters.mediatorId = id(raw.mediateur, choices.mediatorIds, "mediateur", "Choisissez une personne de la liste");
  return {
    filters,
    values: { du: from, au: to, commune: chosen.commune ?? "", lieu: chosen.lieu ?? "", mediateur: chosen.mediateur ?? "" },
    chosen,
    errors,
  };
}

/** A query string ("?du=…&lieu=…") of the chosen filters, with extra parameters; "" when empty. */
export function queryString(chosen: FilterQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...chosen, ...extra })) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : "";
}
