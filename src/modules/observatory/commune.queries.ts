// Everything the commune page shows, from every module, for one commune of the territory.
import { and, asc, eq, sql } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/client.js";
import { places, schools } from "../../db/schema/index.js";
import type { ConnectionKind } from "../schools/domain/connection.js";
import { loadConnectivity, type CommuneConnectivity } from "../connectivity/connectivity.queries.js";
import type { Target } from "../connectivity/domain/projection.js";
import { parseOpeningHours, weeklyOpenHours } from "../places/domain/opening-hours.js";
import { loadHarmonisation, type HarmonisationSchool } from "../schools/harmonisation.queries.js";
import { schoolTrainingShares, type SchoolTrainingRow } from "../schools/training/training.queries.js";
import type { ObservatoryRow } from "./domain/observatory-table.js";
import type { IndexVersion, ScoredCommune } from "./index.queries.js";
import { scoreCommunes } from "./index.queries.js";
import { loadCommuneValues } from "./indicators.queries.js";
import { loadObservatory, type Observatory } from "./observatory.queries.js";

type SchoolConnection = { connectionKind: ConnectionKind | null; connectionMbps: number | null; connectionMeasuredOn: string | null; fibre: boolean | null };

export type CommunePage = {
  row: ObservatoryRow;
  observatory: Observatory;
  places: { id: number; name: string; weeklyHours: number; published: boolean }[];
  appointments: { upcoming: number; honoured12Months: number };
  schools: (HarmonisationSchool & { training: SchoolTrainingRow | undefined; connection: SchoolConnection })[];
  connectivity: CommuneConnectivity;
  target: Target & { isDefault: boolean };
  index: ScoredCommune;
  version: IndexVersion;
  groups: string[];
};

/** The commune page's data, or undefined when the commune is not the territory's. */
export async function loadCommunePage(db: Executor, props: { territoryId: number; territoryCode: string; insee: string; now: Date }): Promise<CommunePage | undefined> {
  const { territoryId, insee, now } = props;
  const observatory = await loadObservatory(db, props);
  const row = observatory.rows.find((r) => r.insee === insee);
  if (!row) return undefined;
  const [placeRows, appointments, harmonisation, training, connectivity, values, connections] = await Promise.all([
    db.select({ id: places.id, name: places.nom, horaires: places.horaires, published: places.published }).from(places).where(and(eq(places.territoryId, territoryId), eq(places.codeInsee, insee))).orderBy(asc(places.nom)),
    queryRows<{ upcoming: number; honoured: number }>(
      db,
      sql`select count(*) filter (where a.status = 'a_venir' and a.starts_at >= ${now.toISOString()}::timestamptz)::int as upcoming,
                 count(*) filter (where a.status = 'honore' and a.starts_at >= ${now.toISOString()}::timestamptz - interval '365 days')::int as honoured
          from appointments a join places p on p.id = a.place_id
          where a.territory_id = ${territoryId} and p.code_insee = ${insee}`,
    ),
    loadHarmonisation(db, { territoryId, scope: { kind: "all" } }),
    schoolTrainingShares(db, { territoryId, scope: { kind: "all" } }),
    loadConnectivity(db, { territoryId }),
    loadCommuneValues(db, props),
    db
      .select({ id: schools.id, connectionKind: schools.connectionKind, connectionMbps: schools.connectionMbps, connectionMeasuredOn: schools.connectionMeasuredOn, fibre: schools.fibre })
      .from(schools)
      .where(and(eq(schools.territoryId, territoryId), eq(schools.communeInsee, insee))),
  ]);
  const connectionOf = new Map(connections.map((c) => [c.id, c]));
  const scored = scoreCommunes(values, observatory.version).find((s) => s.commune.insee === insee)!;
  const trainingById = new Map(training.map((s) => [s.schoolId, s]));
  return {
    row,
    observatory,
    places: placeRows.map((p) => {
      const parsed = p.horaires ? parseOpeningHours(p.horaires) : null;
      return { id: p.id, name: p.name, published: p.published, weeklyHours: parsed?.ok ? weeklyOpenHours(parsed.hours, now) : 0 };
    }),
    appointments: { upcoming: appointments[0]?.upcoming ?? 0, honoured12Months: appointments[0]?.honoured ?? 0 },
    schools: harmonisation.schools.filter((s) => s.communeInsee === insee).map((s) => ({ ...s, training: trainingById.get(s.id), connection: connectionOf.get(s.id) ?? { connectionKind: null, connectionMbps: null, connectionMeasuredOn: null, fibre: null } })),
    connectivity: connectivity.communes.find((c) => c.commune.insee === insee)!,
    target: connectivity.target,
    index: scored,
    version: observatory.version,
    groups: observatory.groups.filter((g) => row.groups.includes(g.id)).map((g) => g.name),
  };
}
