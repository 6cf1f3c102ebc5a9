import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appointments } from "../../src/db/schema/index.js";
import { withTenant } from "../../src/db/tenant.js";
import { parisToInstant } from "../../src/lib/paris-time.js";
import { bookAppointment, type BookingRequest } from "../../src/modules/booking/booking.commands.js";
import { createTestApp, makeTerritory, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";
import { makeMediator, makeMotif, makePlace, makePlage } from "../support/inclusion.js";

describe.each(engines)("booking under concurrency on %s", (engine) => {
  let t: TestApp;
  let base: Omit<BookingRequest, "person">;
  let mediatorIds: number[];

  beforeAll(async () => {
    t = await createTestApp(engine, { now: new Date("2027-03-01T08:00:00Z") });
    const territory = await makeTerritory(t.database);
    const place = await makePlace(t.database, { territoryId: territory.id });
    const motif = await makeMotif(t.database, { territoryId: territory.id });
    const a = await makeMediator(t.database, { territoryId: territory.id, placeIds: [place.id], name: "A" });
    const b = await makeMediator(t.database, { territoryId: territory.id, placeIds: [place.id], name: "B" });
    mediatorIds = [a.id, b.id];
    await makePlage(t.database, { territoryId: territory.id, mediatorId: a.id, placeId: place.id });
    base = {
      territoryId: territory.id,
      placeId: place.id,
      motifId: motif.id,
      start: new Date(parisToInstant("2027-03-03", "09:30")),
      bookedBy: "citizen",
      now: t.clock(),
      publicUrl: "http://maillage.test",
      organizerEmail: "rdv@maillage.test",
      secret: "secret-de-test",
    };
  });
  afterAll(() => t.close());

  it("lets exactly one of 200 simultaneous bookings of one slot succeed; the 199 others are clean conflicts", async () => {
    const attempts = Array.from({ length: 200 }, (_, i) =>
      withTenant(t.database.db, base.territoryId, (tx) =>
        bookAppointment(tx, { ...base, person: { firstName: `P${i}`, lastName: "Essai", phone: "0600000000", email: "", noEmail: true } }),
      ).then(
        (result) => ({ result }),
        (error: Error) => ({ error }),
      ),
    );
    const outcomes = await Promise.all(attempts);
    const errors = outcomes.filter((o) => "error" in o);
    expect(errors.map((e) => ("error" in e ? e.error.message : ""))).toEqual([]);
    const results = outcomes.map((o) => ("result" in o ? o.result : undefined));
    expect(results.filter((r) => r?.ok)).toHaveLength(1);
    expect(results.filter((r) => r && !r.ok && r.reason === "taken")).toHaveLength(199);
    const rows = await t.database.db.select().from(appointments).where(and(eq(appointments.territoryId, base.territoryId), inArray(appointments.mediatorId, mediatorIds)));
    expect(rows).toHaveLength(1);
  });

  it("offers the nearest free slots to the request that lost", async () => {
    const lost = await withTenant(t.database.db, base.territoryId, (tx) =>
      bookAppointment(tx, { ...base, person: { firstName: "Tard", lastName: "Venu", phone: "0600000001", email: "", noEmail: true } }),
    );
    expect(lost.ok).toBe(false);
    if (lost.ok) return;
    expect(lost.alternatives.length).toBeGreaterThan(0);
    expect(lost.alternatives.map((s) => s.start)).not.toContain(base.start.getTime());
  });

  it("lets an agent book inside the motif's minimum notice, which a citizen online may not", async () => {
    const notice = await makeMotif(t.database, { territoryId: base.territoryId, name: "Préavis de 2 heures", minNoticeMinutes: 120 });
    // The test clock is 09:00 in Paris: 10:00 is within the two hours of notice.
    const soon = { ...base, motifId: notice.id, start: new Date(parisToInstant("2027-03-01", "10:00")) };
    const person = { firstName: "Paul", lastName: "Essai", phone: "0600000002", email: "", noEmail: true };
    const online = await withTenant(t.database.db, base.territoryId, (tx) => bookAppointment(tx, { ...soon, person, bookedBy: "citizen" }));
    expect(online.ok).toBe(false);
    const atDesk = await withTenant(t.database.db, base.territoryId, (tx) => bookAppointment(tx, { ...soon, person, bookedBy: "agent" }));
    expect(atDesk.ok).toBe(true);
  });

  it("refuses, in the database itself, an overlapping appointment inserted without any check", async () => {
    const [first] = await t.database.db.select().from(appointments).where(eq(appointments.territoryId, base.territoryId));
    await expect(
      t.database.db.insert(appointments).values({
        territoryId: base.territoryId,
        placeId: base.placeId,
        motifId: base.motifId,
        mediatorId: first!.mediatorId,
        startsAt: new Date(first!.startsAt.getTime() + 10 * 60_000),
        endsAt: new Date(first!.endsAt.getTime() + 10 * 60_000),
        bookedBy: "agent",
      }),
    ).rejects.toThrow();
  });
});
