// Writes validated import rows, one batch per statement: schools by UAI, classes by school and name, items by
// inventory number. Each batch travels as one JSON parameter read with jsonb_to_recordset (a 1,000-row
// statement with 11,000 parameters costs more to build than to run). Unchanged rows are left untouched and
// every created or changed item gets a history entry in the same statement.
import { sql } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/client.js";

export type WriteCounts = { created: number; updated: number };

export type SchoolInput = {
  uai: string;
  name: string;
  kind: "maternelle" | "elementaire" | "primaire";
  communeInsee: string;
  /** null keeps the address already known. */
  address: string | null;
  /** null keeps the figure already known (as do latitude and longitude). */
  pupils: number | null;
  latitude: number | null;
  longitude: number | null;
};

async function counts(db: Executor, query: ReturnType<typeof sql>): Promise<WriteCounts> {
  const [row] = await queryRows<{ created: number; changed: number }>(db, query);
  return { created: row?.created ?? 0, updated: (row?.changed ?? 0) - (row?.created ?? 0) };
}

/** Inserts or updates schools by UAI. */
export async function upsertSchools(db: Executor, { territoryId, rows, demo = false }: { territoryId: number; rows: readonly SchoolInput[]; demo?: boolean }): Promise<WriteCounts> {
  if (rows.length === 0) return { created: 0, updated: 0 };
  return counts(
    db,
    sql`with input as (
          select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            as r(uai text, name text, kind text, "communeInsee" text, address text, pupils int, latitude float8, longitude float8)),
        written as (
          insert into schools as s (territory_id, uai, name, kind, commune_insee, address, pupils, latitude, longitude, demo)
          select ${territoryId}, uai, name, kind, "communeInsee", coalesce(address, ''), pupils, latitude, longitude, ${demo} from input
          on conflict (territory_id, uai) do update set
            name = excluded.name, kind = excluded.kind, commune_insee = excluded.commune_insee,
            address = coalesce(nullif(excluded.address, ''), s.address), pupils = coalesce(excluded.pupils, s.pupils),
            latitude = coalesce(excluded.latitude, s.latitude), longitude = coalesce(excluded.longitude, s.longitude)
          where (s.name, s.kind, s.commune_insee, s.address, s.pupils, s.latitude, s.longitude) is distinct from
            (excluded.name, excluded.kind, excluded.commune_insee, coalesce(nullif(excluded.address, ''), s.address),
             coalesce(excluded.pupils, s.pupils), coalesce(excluded.latitude, s.latitude), coalesce(excluded.longitude, s.longitude))
          returning (xmax = 0) as created)
        select count(*) filter (where created)::int as created, count(*)::int as changed from written`,
  );
}

export type ClassInput = { schoolId: number; name: string; levels: string[]; pupils: number | null };

/** Inserts or updates classes by school and exact name (callers reuse the existing spelling of a name). */
export async function upsertClasses(db: Executor, { territoryId, rows }: { territoryId: number; rows: readonly ClassInput[] }): Promise<WriteCounts> {
  if (rows.length === 0) return { created: 0, updated: 0 };
  return counts(
    db,
    sql`with input as (
          select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r("schoolId" int, name text, levels text[], pupils int)),
        written as (
          insert into school_classes as c (territory_id, school_id, name, levels, pupils)
          select ${territoryId}, "schoolId", name, levels, pupils from input
          on conflict (school_id, name) do update set levels = excluded.levels, pupils = excluded.pupils
          where (c.levels, c.pupils) is distinct from (excluded.levels, excluded.pupils)
          returning (xmax = 0) as created)
        select count(*) filter (where created)::int as created, count(*)::int as changed from written`,
  );
}

export type ItemInput = {
  inventoryNumber: string;
  schoolId: number;
  classId: number | null;
  category: string;
  model: string | null;
  acquisitionDate: string | null;
  costCents: number | null;
  fundingSource: string | null;
  warrantyEnd: string | null;
  state: string;
};

/**
 * Inserts or updates items by inventory number and writes a history entry for each created or changed one
 * (state and location before and after), all in one statement.
 */
export async function upsertItems(
  db: Executor,
  props: { territoryId: number; rows: readonly ItemInput[]; actorLabel: string; at: Date; filename: string | null; source?: "import" | "demo"; demo?: boolean },
): Promise<WriteCounts> {
  const { territoryId, rows } = props;
  if (rows.length === 0) return { created: 0, updated: 0 };
  const place = (school: string, cls: string) => sql.raw(`${school}.name || ' — ' || coalesce(${cls}.name, 'toute l''école')`);
  return counts(
    db,
    sql`with input as (
          select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r("inventoryNumber" text, "schoolId" int, "classId" int,
            category text, model text, "acquisitionDate" date, "costCents" int, "fundingSource" text, "warrantyEnd" date, state text)),
        before as (
          select i.id, i.inventory_number, i.school_id, i.class_id, i.state from equipment_items i
          where i.territory_id = ${territoryId} and i.inventory_number in (select "inventoryNumber" from input)),
        written as (
          insert into equipment_items as i (territory_id, school_id, class_id, category, model, inventory_number, acquisition_date,
            cost_cents, funding_source, warranty_end, state, demo, created_at, updated_at)
          select ${territoryId}, "schoolId", "classId", category, coalesce(model, ''), "inventoryNumber", "acquisitionDate",
            "costCents", coalesce("fundingSource", ''), "warrantyEnd", state, ${props.demo ?? false}, ${props.at}::timestamptz, ${props.at}::timestamptz from input
          on conflict (territory_id, inventory_number) do update set
            school_id = excluded.school_id, class_id = excluded.class_id, category = excluded.category, model = excluded.model,
            acquisition_date = excluded.acquisition_date, cost_cents = excluded.cost_cents, funding_source = excluded.funding_source,
            warranty_end = excluded.warranty_end, state = excluded.state, updated_at = excluded.updated_at
          where (i.school_id, i.class_id, i.category, i.model, i.acquisition_date, i.cost_cents, i.funding_source, i.warranty_end, i.state)
            is distinct from (excluded.school_id, excluded.class_id, excluded.category, excluded.model, excluded.acquisition_date,
              excluded.cost_cents, excluded.funding_source, excluded.warranty_end, excluded.state)
          returning i.id, i.inventory_number, i.school_id, i.class_id, i.state, (xmax = 0) as created),
        history as (
          insert into equipment_history (territory_id, item_id, actor_label, at, change)
          select ${territoryId}, w.id, ${props.actorLabel}, ${props.at}::timestamptz, jsonb_strip_nulls(jsonb_build_object(
            'action', case when w.created then 'creation' else 'modification' end,
            'source', ${props.source ?? "import"}::text, 'fichier', ${props.filename}::text,
            'etat', case when w.created or b.state is distinct from w.state then jsonb_build_array(b.state, w.state) end,
            'emplacement', case when w.created or b.school_id is distinct from w.school_id or b.class_id is distinct from w.class_id
              then jsonb_build_array(${place("sb", "cb")}, ${place("sw", "cw")}) end))
          from written w
          left join before b on b.inventory_number = w.inventory_number
          left join schools sb on sb.id = b.school_id
          left join school_classes cb on cb.id = b.class_id
          join schools sw on sw.id = w.school_id
          left join school_classes cw on cw.id = w.class_id)
        select count(*) filter (where created)::int as created, count(*)::int as changed from written`,
  );
}
