// The published places the finder searches, held in each app process's memory (decision 0055): a search computes
// its candidates there (domain/place-index.ts) instead of sending PostgreSQL a statement of its own. The places are
// read through the public connections (row-level security: published places only) with the communes' centres,
// and read again whenever `finder_data_version` moved (migration 0026: statement triggers on places and communes
// bump it in the writing transaction); when it is looked at: versioned-keeper.ts.
import { sql } from "drizzle-orm";
import { queryPreparedArrays, type Database } from "../../db/client.js";
import { withPublic, withPublicSnapshot } from "../../db/tenant.js";
import { buildPlaceIndex, type CommuneCentre, type IndexedPlace, type PlaceIndex } from "./domain/place-index.js";
import { createVersionedKeeper, type VersionedKeeper } from "./versioned-keeper.js";

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

/** Reads the version with the places and centres, on one snapshot: they agree whichever server answers. */
async function load(database: Pick<Database, "db" | "publicDb">): Promise<{ version: string; value: PlaceIndex }> {
  const { version, places, centres } = await withPublicSnapshot(database, async (db) => ({
    version: (await queryPreparedArrays<[string]>(db, sql`select version::text from finder_data_version`))[0]?.[0] ?? "0",
    places: await queryPreparedArrays<PlaceRow>(
      db,
      sql`select p.id, p.territory_id, p.nom, p.code_insee, p.code_postal, p.latitude, p.longitude, p.horaires, p.commune, p.services,
                 p.record->>'adresse', p.record->>'complement_adresse', coalesce(p.record->'modalites_acces', '[]')::text, p.record->>'telephone',
                 p.prise_en_charge_specifique, p.frais_a_charge
          from places p where p.published`,
    ),
    centres: await queryPreparedArrays<[string, number, number]>(db, sql`select cm.insee, cm.centroid_lat, cm.centroid_lon from communes cm where cm.centroid_lat is not null and cm.centroid_lon is not null`),
  }));
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
  return { version, value: buildPlaceIndex(indexed, communeCentres) };
}

export type PlaceIndexKeeper = VersionedKeeper<PlaceIndex>;

/** Keeps the published places of one database current for this process (versioned-keeper.ts). */
export function createPlaceIndexKeeper(
  database: Pick<Database, "db" | "publicDb">,
  { checkEveryMs, nowMs }: { checkEveryMs: number; nowMs?: () => number },
): PlaceIndexKeeper {
  return createVersionedKeeper({ readVersion: () => readVersion(database), load: () => load(database), checkEveryMs, ...(nowMs ? { nowMs } : {}) });
}
