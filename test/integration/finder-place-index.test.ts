// The finder's published places held in memory: read again when their version moved, looked at after a change
// signal or when the last look is old, never showing an unpublished place or a change rolled back.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/client.js";
import { places } from "../../src/db/schema/index.js";
import { dataChanged } from "../../src/lib/data-changes.js";
import { createPlaceIndexKeeper, type PlaceIndexKeeper } from "../../src/modules/finder/place-index.js";
import { createTestApp, makeTerritory, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";
import { lieuRecord, makePlace } from "../support/inclusion.js";

describe.each(engines)("finder's places in memory on %s", (engine) => {
  let t: TestApp;
  let territoryId: number;
  let keeper: PlaceIndexKeeper;
  let clock = 0;
  const names = async () => [...(await keeper.current()).byInsee.values()].flat().map((p) => p.nom).sort();

  beforeAll(async () => {
    t = await createTestApp(engine);
    territoryId = (await makeTerritory(t.database)).id;
    await makePlace(t.database, { territoryId, record: lieuRecord({ nom: "Médiathèque connue" }) });
    await makePlace(t.database, { territoryId, published: false, record: lieuRecord({ nom: "Lieu non publié" }) });
    keeper = createPlaceIndexKeeper(t.database, { checkEveryMs: 60_000, nowMs: () => clock });
  });
  afterAll(async () => {
    keeper.close();
    await t.close();
  });

  it("holds the published places only", async () => {
    expect(await names()).toEqual(["Médiathèque connue"]);
  });

  it("sees a place written without a signal once the last look is older than the interval", async () => {
    await makePlace(t.database, { territoryId, record: lieuRecord({ nom: "Espace ajouté en silence" }) });
    clock += 59_000;
    expect(await names()).toEqual(["Médiathèque connue"]);
    clock += 2_000;
    expect(await names()).toEqual(["Espace ajouté en silence", "Médiathèque connue"]);
  });

  it("looks again at once after a change signal, and only reads the places again when their version moved", async () => {
    await t.database.db.update(places).set({ published: false }).where(eq(places.nom, "Espace ajouté en silence"));
    dataChanged();
    const before = await keeper.current();
    expect(await names()).toEqual(["Médiathèque connue"]);
    // A signal for anything else (a booking…) costs one look at the version: the same index is kept.
    dataChanged();
    expect(await keeper.current()).toBe(before);
  });

  it("ignores a change rolled back", async () => {
    const before = await keeper.current();
    await expect(
      t.database.db.transaction(async (tx) => {
        await tx.update(places).set({ nom: "Nom jamais validé" }).where(eq(places.territoryId, territoryId));
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    dataChanged();
    expect(await keeper.current()).toBe(before);
    const [row] = await queryRows<{ version: string }>(t.database.db, sql`select version::text as version from finder_data_version`);
    expect(Number(row!.version)).toBeGreaterThan(0);
  });
});
