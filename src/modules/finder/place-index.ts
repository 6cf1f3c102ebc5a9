// The published places the finder searches, held in each app process's memory (decision 0055): a search computes
// its candidates there (domain/place-index.ts) instead of sending PostgreSQL a statement of its own. The places are
// read through the public connections (row-level security: published places only) with the communes' centres,
// and read again whenever `finder_data_version` moved (migration 0026: statement triggers on places and communes
// bump it in the writing transaction). That version is looked at before a search when a change was signalled
// (a write here or in another instance, data-changes.ts), when the last look is older than `checkEveryMs`, and
// always with `checkEveryMs` 0 (the tests' setting): a search never sees places older than that.
import { sql } from "drizzle-orm";
import { queryPreparedArrays, type Database } from "../../db/client.js";
import { withPublic } from "../../db/tenant.js";
import { onDataChange } from "../../lib/data-changes.js";
import { buildPlaceIndex, type CommuneCentre, type IndexedPlace, type PlaceIndex } from "./domain/place-index.js";

type PlaceRow = [
  id: number,
  territoryId: number,
  nom: string,
  codeInsee: string | null,
  codePostal: string,
  latitude: number | null,
  longitude: number | null,
  horaires: string | null,
  commune: string,
  services: string[],
  adresse: string | null,
  complementAdresse: string | null,
  modalitesAcces: string,
  telephone: string | null,
  supports: string[],
  fees: string[],
];

async function readVersion(database: Pick<Database, "db" | "publicDb">): Promise<string> {
  const [row] = await withPublic(database, (db) => queryPreparedArrays<[string]>(db, sql`select version::text from finder_data_version`));
  return row?.[0] ?? "0";
}

/** Reads the version first: a change committed meanwhile shows as a newer version at the next look. */
async function load(database: Pick<Database, "db" | "publicDb">): Promise<{ version: string; index: PlaceIndex }> {
  const version = await readVersion(database);
  const [places, centres] = await withPublic(database, (db) =>
    Promise.all([
      queryPreparedArrays<PlaceRow>(
        db,
        sql`select p.id, p.territory_id, p.nom, p.code_insee, p.code_postal, p.latitude, p.longitude, p.horaires, p.commune, p.services,
                   p.record->>'adresse', p.record->>'complement_adresse', coalesce(p.record->'modalites_acces', '[]')::text, p.record->>'telephone',
                   p.prise_en_charge_specifique, p.frais_a_charge
            from places p where p.published`,
      ),
      queryPreparedArrays<[string, number, number]>(db, sql`select cm.insee, cm.centroid_lat, cm.centroid_lon from communes cm where cm.centroid_lat is not null and cm.centroid_lon is not null`),
    ]),
  );
  const indexed = places.map(
    ([id, territoryId, nom, codeInsee, codePostal, latitude, longitude, horaires, commune, services, adresse, complementAdresse, modalitesAcces, telephone, supports, fees]): IndexedPlace => ({
      id,
      territoryId,
      nom,
      codeInsee,
      codePostal,
      latitude: latitude === null ? null : Number(latitude),
      longitude: longitude === null ? null : Number(longitude),
      horaires,
      commune,
      services,
      adresse: adresse ?? "",
      complementAdresse,
      modalitesAcces: JSON.parse(modalitesAcces) as string[],
      telephone,
      supports,
      fees,
    }),
  );
  const communeCentres = centres.map(([insee, latitude, longitude]): CommuneCentre => ({ insee, latitude: Number(latitude), longitude: Number(longitude) }));
  return { version, index: buildPlaceIndex(indexed, communeCentres) };
}

export type PlaceIndexKeeper = { current(): Promise<PlaceIndex>; close(): void };

/**
 * Keeps the published places of one database current for this process. Concurrent searches share one look at
 * the version and one reading of the places.
 */
export function createPlaceIndexKeeper(
  database: Pick<Database, "db" | "publicDb">,
  { checkEveryMs, nowMs = () => performance.now() }: { checkEveryMs: number; nowMs?: () => number },
): PlaceIndexKeeper {
  let held: { version: string; index: PlaceIndex; checkedAt: number; generation: number } | undefined;
  let generation = 0;
  let pending: { promise: Promise<PlaceIndex>; generation: number } | undefined;
  const stop = onDataChange(() => {
    generation++;
  });

  const refresh = async (): Promise<PlaceIndex> => {
    const started = generation;
    const at = nowMs();
    const version = held ? await readVersion(database) : undefined;
    if (held && version === held.version) {
      held = { ...held, checkedAt: at, generation: started };
      return held.index;
    }
    const loaded = await load(database);
    held = { ...loaded, checkedAt: at, generation: started };
    return loaded.index;
  };

  return {
    current() {
      const fresh = held && held.generation === generation && checkEveryMs > 0 && nowMs() - held.checkedAt < checkEveryMs;
      if (fresh) return Promise.resolve(held!.index);
      // A refresh started before the last change signal may have read too early: such a search starts its own.
      if (pending?.generation === generation) return pending.promise;
      const started = { generation, promise: refresh() };
      pending = started;
      void started.promise.finally(() => {
        if (pending === started) pending = undefined;
      }).catch(() => undefined);
      return started.promise;
    },
    close: stop,
  };
}
