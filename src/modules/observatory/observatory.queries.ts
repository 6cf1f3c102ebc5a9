// The observatory table: one row per commune joining every module (places and hours, accompaniments,
// distance to an open place, schools, training, fibre, census indicators, index), with group totals.
import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/client.js";
import { communeIndicators, communes, places, schools } from "../../db/schema/index.js";
import { addDays, parisDateOf } from "../../lib/paris-time.js";
import { parseOpeningHours, weeklyOpenHours } from "../places/domain/opening-hours.js";
import { loadHarmonisation } from "../schools/harmonisation.queries.js";
import { schoolTrainingShares } from "../schools/training/training.queries.js";
import { listCommuneGroups, type GroupRow } from "../territories/territories.queries.js";
import { nearestKm, type Measure, type ObservatoryRow } from "./domain/observatory-table.js";
import { getIndexVersion, scoreCommunes, type IndexVersion } from "./index.queries.js";
import { loadCommuneValues } from "./indicators.queries.js";

export type Observatory = { rows: ObservatoryRow[]; groups: GroupRow[]; version: IndexVersion; epciPoverty: number | null };

const CENSUS = ["part_65_plus", "part_peu_diplomes", "part_menages_1_personne", "part_familles_monoparentales", "taux_chomage"] as const;

/** Every commune of the territory with its measures, under the current index version. */
export async function loadObservatory(db: Executor, props: { territoryId: number; territoryCode: string; now: Date }): Promise<Observatory> {
  const { territoryId, territoryCode, now } = props;
  const since = addDays(parisDateOf(now.getTime()), -365);
  const [values, groups, version, placeRows, activityRows, harmonisation, training, schoolRows, counts, centres] = await Promise.all([
    loadCommuneValues(db, { territoryId, territoryCode }),
    listCommuneGroups(db, { territoryId }),
    getIndexVersion(db, { territoryId, versionId: null }),
    db.select({ insee: places.codeInsee, horaires: places.horaires, lat: places.latitude, lon: places.longitude }).from(places).where(and(eq(places.territoryId, territoryId), eq(places.published, true))),
    queryRows<{ insee: string | null; n: number }>(
      db,
      sql`select coalesce(a.commune_insee, p.code_insee) as insee, count(*)::int as n
          from activities a left join places p on p.id = a.place_id
          where a.territory_id = ${territoryId} and a.day > ${since}::date
          group by 1`,
    ),
    loadHarmonisation(db, { territoryId, scope: { kind: "all" } }),
    schoolTrainingShares(db, { territoryId, scope: { kind: "all" } }),
    db.select({ id: schools.id, insee: schools.communeInsee, fibre: schools.fibre }).from(schools).where(eq(schools.territoryId, territoryId)),
    db.select({ code: communeIndicators.code, indicator: communeIndicators.indicator, num: communeIndicators.numerator, den: communeIndicators.denominator, value: communeIndicators.value }).from(communeIndicators).where(eq(communeIndicators.territoryId, territoryId)),
    // The centre of each commune's outline (maillage import contours): distances start there.
    db.select({ insee: communes.insee, lat: communes.centroidLat, lon: communes.centroidLon }).from(communes).where(eq(communes.territoryId, territoryId)),
  ]);
  const centroids = new Map(centres.filter((c) => c.lat !== null && c.lon !== null).map((c) => [c.insee, { lat: c.lat!, lon: c.lon! }]));
  const scored = new Map(scoreCommunes(values, version!).map((s) => [s.commune.insee, s]));
  const add = <K>(map: Map<K, Measure>, key: K, num: number, den: number | null) => {
    const m = map.get(key) ?? { num: 0, den: den === null ? null : 0 };
    m.num += num;
    if (den !== null) m.den = (m.den ?? 0) + den;
    map.set(key, m);
  };
  const placeCount = new Map<string, Measure>();
  const hours = new Map<string, number>();
  const openPlaces: { lat: number; lon: number }[] = [];
  for (const p of placeRows) {
    if (!p.insee) continue;
    add(placeCount, p.insee, 1, null);
    const parsed = p.horaires ? parseOpeningHours(p.horaires) : null;
    const weekly = parsed?.ok ? weeklyOpenHours(parsed.hours, now) : 0;
    hours.set(p.insee, (hours.get(p.insee) ?? 0) + weekly);
    if (weekly > 0 && p.lat !== null && p.lon !== null) openPlaces.push({ lat: p.lat, lon: p.lon });
  }
  const activities = new Map(activityRows.filter((r) => r.insee).map((r) => [r.insee!, r.n]));
  const compliance = new Map(harmonisation.byCommune.map((c) => [c.communeCode, { num: c.met, den: c.requis }]));
  const schoolCommune = new Map(schoolRows.map((s) => [s.id, s.insee]));
  const trained = new Map<string, Measure>();
  for (const s of training) if (s.teachers && s.teachers > 0) add(trained, schoolCommune.get(s.schoolId) ?? "", Math.min(s.trained, s.teachers), s.teachers);
  const fibre = new Map<string, Measure>();
  for (const s of schoolRows) if (s.fibre !== null) add(fibre, s.insee, s.fibre ? 1 : 0, 1);
  const census = new Map(counts.map((c) => [`${c.code}|${c.indicator}`, c]));
  const rows: ObservatoryRow[] = values.map((v) => {
    const insee = v.commune.insee;
    const population = v.commune.population;
    const score = scored.get(insee);
    const centroid = centroids.get(insee);
    const distance = centroid ? nearestKm(centroid, openPlaces) : null;
    const measures: ObservatoryRow["measures"] = {
      population: population === null ? null : { num: population, den: null },
      part_locaux_ftth: v.ftth ? { num: v.ftth.numerator, den: v.ftth.denominator } : null,
      indice_fragilite: score?.score.index === null || !score ? null : { num: score.score.index, den: null },
      rang_fragilite: score?.rank ? { num: score.rank, den: null } : null,
      lieux: { num: placeCount.get(insee)?.num ?? 0, den: null },
      heures_pour_10000: population ? { num: hours.get(insee) ?? 0, den: population } : null,
      accompagnements_pour_1000: population ? { num: activities.get(insee) ?? 0, den: population } : null,
      distance_lieu_km: distance === null ? null : { num: distance, den: null },
      conformite_socle: compliance.get(insee) ?? null,
      enseignants_formes: trained.get(insee) ?? null,
      ecoles_fibre: fibre.get(insee) ?? null,
      part_locaux_30_mbits: v.thd30 ? { num: v.thd30.numerator, den: v.thd30.denominator } : null,
      taux_pauvrete: v.values.taux_pauvrete === null || v.values.taux_pauvrete === undefined ? null : { num: v.values.taux_pauvrete, den: null },
    };
    for (const key of CENSUS) {
      const c = census.get(`${insee}|${key}`);
      measures[key] = c && c.num !== null && c.den !== null ? { num: c.num, den: c.den } : null;
    }
    return { insee, name: v.commune.name, groups: groups.filter((g) => g.communeIds.includes(v.commune.id)).map((g) => g.id), measures };
  });
  const epci = census.get(`${territoryCode}|taux_pauvrete`);
  return { rows, groups, version: version!, epciPoverty: epci?.value ?? null };
}
