// Experience sheets: French full-text search (configuration maillage_fr), one sheet, a territory's own sheets.
// Row-level security decides what a context sees (own drafts, shared sheets for members, public ones for all);
// the queries only choose columns: the contact never leaves for a public page.
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/client.js";
import type { SheetFigure, SheetVisibility } from "../../db/schema/index.js";

/** Population bands of the filters (inhabitants). */
export const POPULATION_BANDS = {
  "moins-5000": { label: "Moins de 5 000 habitants", min: 0, max: 4_999 },
  "5000-20000": { label: "De 5 000 à 20 000 habitants", min: 5_000, max: 19_999 },
  "20000-50000": { label: "De 20 000 à 50 000 habitants", min: 20_000, max: 49_999 },
  "50000-200000": { label: "De 50 000 à 200 000 habitants", min: 50_000, max: 199_999 },
  "plus-200000": { label: "200 000 habitants ou plus", min: 200_000, max: 2_000_000_000 },
} as const;
export type PopulationBand = keyof typeof POPULATION_BANDS;

export type SheetFilters = { q?: string; theme?: string; kind?: string; band?: PopulationBand; departement?: string; year?: number; territoryId?: number; visibility?: SheetVisibility };

export type SheetHit = {
  id: number;
  title: string;
  summary: string;
  themes: string[];
  year: number;
  visibility: SheetVisibility;
  territoryId: number;
  territoryName: string;
  territoryCode: string;
  territoryKind: string;
  population: number | null;
  departement: string | null;
  updatedAt: Date;
  /** The best passages with the matched words between \uE000 and \uE001 (see highlightParts). */
  excerpt: string | null;
  rank: number | null;
};

/** Marks around matched words in excerpts: private-use characters nobody types, split by the views. */
export const MARK_START = "\uE000";
export const MARK_END = "\uE001";

/** An excerpt's parts, matched or not, for a view to wrap the matched ones in <mark>. */
export function highlightParts(excerpt: string): { text: string; marked: boolean }[] {
  const out: { text: string; marked: boolean }[] = [];
  for (const [i, chunk] of excerpt.split(MARK_START).entries()) {
    if (i === 0) {
      if (chunk) out.push({ text: chunk, marked: false });
      continue;
    }
    const [marked = "", rest = ""] = chunk.split(MARK_END);
    if (marked) out.push({ text: marked, marked: true });
    if (rest) out.push({ text: rest, marked: false });
  }
  return out;
}

function filterClauses(f: SheetFilters): SQL[] {
  const where: SQL[] = [];
  if (f.theme) where.push(sql`${f.theme} = any(s.themes)`);
  if (f.kind) where.push(sql`t.kind = ${f.kind}`);
  if (f.band) where.push(sql`m.population between ${POPULATION_BANDS[f.band].min} and ${POPULATION_BANDS[f.band].max}`);
  if (f.departement) where.push(sql`m.departement = ${f.departement}`);
  if (f.year) where.push(sql`s.year = ${f.year}`);
  if (f.territoryId) where.push(sql`s.territory_id = ${f.territoryId}`);
  if (f.visibility) where.push(sql`s.visibility = ${f.visibility}`);
  return where;
}

/**
 * Searches the sheets the context may read, ranked by relevance when there is a query (title first, then summary,
 * text, partners), newest first otherwise. Excerpts are computed for the page's rows only.
 */
export async function searchSheets(db: Executor, filters: SheetFilters, page: { limit: number; offset: number }): Promise<{ items: SheetHit[]; total: number }> {
  // Each word of the query as a prefix of its stem: the French stemmer gives "conseiller" the stem "conseil" but
  // "conseillers" the stem "conseiller", so a plain match would miss plurals like that one.
  const query = filters.q?.trim() ? sql`regexp_replace(websearch_to_tsquery('maillage_fr', ${filters.q.trim()})::text, ${"'([^']+)'"}, ${"'\\1':*"}, 'g')::tsquery` : null;
  const where = filterClauses(filters);
  if (query) where.push(sql`s.search @@ ${query}`);
  const whereSql = where.length > 0 ? sql`where ${sql.join(where, sql` and `)}` : sql``;
  const order = query ? sql`ts_rank_cd(s.search, ${query}, 1) desc, s.updated_at desc, s.id desc` : sql`s.updated_at desc, s.id desc`;
  const rows = await queryRows<Omit<SheetHit, "updatedAt"> & { updatedAt: string | Date; total: string | number }>(
    db,
    sql`with hits as (
          select s.id, s.territory_id, s.updated_at, ${query ? sql`ts_rank_cd(s.search, ${query}, 1)` : sql`null::real`} as rank, count(*) over () as total
          from experience_sheets s
          join territories t on t.id = s.territory_id
          left join network_members m on m.territory_id = s.territory_id
          ${whereSql}
          order by ${order}
          limit ${page.limit} offset ${page.offset}
        )
        select s.id, s.title, s.summary, s.themes, s.year, s.visibility, s.territory_id as "territoryId", t.name as "territoryName",
               t.code as "territoryCode", t.kind as "territoryKind", m.population, m.departement, s.updated_at as "updatedAt",
               h.rank, h.total,
               ${query ? sql`ts_headline('maillage_fr', s.summary || E'\\n' || s.body || E'\\n' || s.results, ${query}, ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`})` : sql`null`} as excerpt
        from hits h
        join experience_sheets s on s.id = h.id
        join territories t on t.id = s.territory_id
        left join network_members m on m.territory_id = s.territory_id
        order by h.rank desc nulls last, h.updated_at desc, h.id desc`,
  );
  return {
    total: rows.length > 0 ? Number(rows[0]!.total) : 0,
    items: rows.map(({ total: _total, ...r }) => ({ ...r, rank: r.rank === null ? null : Number(r.rank), updatedAt: new Date(r.updatedAt) })),
  };
}

export type SheetDetail = {
  id: number;
  territoryId: number;
  territoryName: string;
  territoryCode: string;
  territoryKind: string;
  population: number | null;
  departement: string | null;
  title: string;
  summary: string;
  body: string;
  themes: string[];
  audiences: string;
  budgetEuros: number | null;
  funding: string;
  partners: string;
  staff: string;
  startedOn: string | null;
  endedOn: string | null;
  year: number;
  results: string;
  lessons: string;
  /** Empty on public reads. */
  contact: string;
  visibility: SheetVisibility;
  demo: boolean;
  figures: SheetFigure[];
  updatedAt: Date;
};

/** One sheet the context may read; `withContact` only for member territories. */
export async function getSheet(db: Executor, { id, withContact }: { id: number; withContact: boolean }): Promise<SheetDetail | undefined> {
  const [row] = await queryRows<SheetDetail & { updatedAt: string | Date }>(
    db,
    sql`select s.id, s.territory_id as "territoryId", t.name as "territoryName", t.code as "territoryCode", t.kind as "territoryKind",
          m.population, m.departement, s.title, s.summary, s.body, s.themes, s.audiences, s.budget_euros as "budgetEuros", s.funding,
          s.partners, s.staff, s.started_on::text as "startedOn", s.ended_on::text as "endedOn", s.year, s.results, s.lessons,
          ${withContact ? sql`s.contact` : sql`''`} as contact, s.visibility, s.demo, s.figures, s.updated_at as "updatedAt"
        from experience_sheets s join territories t on t.id = s.territory_id left join network_members m on m.territory_id = s.territory_id
        where s.id = ${id}`,
  );
  return row ? { ...row, updatedAt: new Date(row.updatedAt) } : undefined;
}

export type ThemeRow = { code: string; label: string };

export async function listThemes(db: Executor): Promise<ThemeRow[]> {
  return queryRows<ThemeRow>(db, sql`select code, label from network_themes where not archived order by position, code`);
}

export type QuestionRow = { id: number; parentId: number | null; territoryName: string; body: string; createdAt: Date };

/** A sheet's questions and answers, oldest first. */
export async function listQuestions(db: Executor, { sheetId }: { sheetId: number }): Promise<QuestionRow[]> {
  const rows = await queryRows<QuestionRow & { createdAt: string | Date }>(
    db,
    sql`select q.id, q.parent_id as "parentId", t.name as "territoryName", q.body, q.created_at as "createdAt"
        from sheet_questions q join territories t on t.id = q.territory_id where q.sheet_id = ${sheetId} order by q.created_at, q.id`,
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
}

/** The territories that marked « nous l'avons fait aussi ». */
export async function listMarks(db: Executor, { sheetId }: { sheetId: number }): Promise<{ territoryId: number; territoryName: string }[]> {
  return queryRows(db, sql`select k.territory_id as "territoryId", t.name as "territoryName" from sheet_marks k join territories t on t.id = k.territory_id where k.sheet_id = ${sheetId} order by t.name`);
}

/** Public sheets for the Atom feed, newest first. */
export async function recentPublicSheets(db: Executor, { limit }: { limit: number }): Promise<SheetHit[]> {
  return (await searchSheets(db, { visibility: "public" }, { limit, offset: 0 })).items;
}
