/** The finder's search, read from the query string (a GET form: every search is a link that can be kept). */
import { PriseEnChargeSpecifique, Service } from "@gouvfr-anct/lieux-de-mediation-numerique";

export const SORTS = ["distance", "creneau"] as const;
export type FinderSort = (typeof SORTS)[number];

export type FinderQuery = {
  /** What the person typed in "Où ?" (trimmed, at most 100 characters). */
  ou: string;
  /** The INSEE code of the commune chosen when several matched. */
  commune: string | undefined;
  besoins: Service[];
  accompagnements: PriseEnChargeSpecifique[];
  gratuit: boolean;
  ouvert: boolean;
  tri: FinderSort;
  page: number;
};

export type RawQuery = Record<string, string | string[] | undefined>;

const SERVICES = new Set<string>(Object.values(Service));
const SUPPORTS = new Set<string>(Object.values(PriseEnChargeSpecifique));

function all(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : ([] as string[]).concat(value);
}

function first(value: string | string[] | undefined): string {
  return all(value)[0] ?? "";
}

/** Whether the person submitted the form (any search field present), as opposed to arriving on the page. */
export function isSubmitted(raw: RawQuery): boolean {
  return ["ou", "commune", "besoin", "accompagnement", "gratuit", "ouvert", "tri"].some((key) => raw[key] !== undefined);
}

/** Reads the search; values that are not the standard's are ignored (a hand-edited link never breaks the page). */
export function parseFinderQuery(raw: RawQuery): FinderQuery {
  const commune = first(raw.commune).trim().toUpperCase();
  const page = Number.parseInt(first(raw.page), 10);
  const tri = first(raw.tri);
  return {
    ou: first(raw.ou).trim().replace(/\s+/g, " ").slice(0, 100),
    commune: /^(\d{5}|2[AB]\d{3})$/.test(commune) ? commune : undefined,
    besoins: [...new Set(all(raw.besoin).filter((v) => SERVICES.has(v)))] as Service[],
    accompagnements: [...new Set(all(raw.accompagnement).filter((v) => SUPPORTS.has(v)))] as PriseEnChargeSpecifique[],
    gratuit: first(raw.gratuit) === "oui",
    ouvert: first(raw.ouvert) === "oui",
    tri: (SORTS as readonly string[]).includes(tri) ? (tri as FinderSort) : "distance",
    page: Number.isFinite(page) && page >= 1 && page <= 1000 ? page : 1,
  };
}

/** The link to the same search with some fields changed (pagination, sort), fields in a stable order. */
export function finderUrl(query: FinderQuery, changes: Partial<FinderQuery> = {}): string {
  const q = { ...query, ...changes };
  const params = new URLSearchParams();
  params.set("ou", q.ou);
  if (q.commune) params.set("commune", q.commune);
  for (const besoin of q.besoins) params.append("besoin", besoin);
  for (const accompagnement of q.accompagnements) params.append("accompagnement", accompagnement);
  if (q.gratuit) params.set("gratuit", "oui");
  if (q.ouvert) params.set("ouvert", "oui");
  params.set("tri", q.tri);
  if (q.page > 1) params.set("page", String(q.page));
  return `/lieux?${params.toString()}`;
}
