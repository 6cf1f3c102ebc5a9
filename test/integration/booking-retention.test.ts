import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appointments, auditEvents, imports, mails } from "../../src/db/schema/index.js";
import { withTenant } from "../../src/db/tenant.js";
import { parisToInstant } from "../../src/lib/paris-time.js";
import { purgePersonalData } from "../../src/modules/booking/booking.purge.js";
import { sendAppointmentReminder } from "../../src/modules/booking/booking.reminders.js";
import { queueMail } from "../../src/modules/mail/mail.commands.js";
import { createTestApp, makeTerritory, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";
import { makeBooking, makeMediator, makeMotif, makePlace, makePlage } from "../support/inclusion.js";

const DAY = 86_400_000;

describe.each(engines)("reminders and personal-data retention on %s", (engine) => {
  let t: TestApp;
  let territoryId: number;
  let placeId: number;
  let motifId: number;

  beforeAll(async () => {
    t = await createTestApp(engine, { now: new Date("2027-03-01T08:00:00Z") });
    territoryId = (await makeTerritory(t.database)).id;
    placeId = (await makePlace(t.database, { territoryId })).id;
    motifId = (await makeMotif(t.database, { territoryId })).id;
    const mediator = await makeMediator(t.database, { territoryId, placeIds: [placeId] });
    await makePlage(t.database, { territoryId, mediatorId: mediator.id, placeId });
  });
  afterAll(() => t.close());

  async function book(day: string, time: string, email: string) {
    const result = await makeBooking(t.database, {
      territoryId,
      placeId,
      motifId,
      start: new Date(parisToInstant(day, time)),
      person: { firstName: "Léon", lastName: "Durand", phone: "0612345678", email, noEmail: false },
      now: t.clock(),
    });
    if (!result.ok) throw new Error("booking failed");
    return result.appointmentId;
  }

  const remindersTo = async (email: string) => (await t.database.db.select().from(mails).where(eq(mails.toAddress, email))).filter((m) => m.kind === "appointment.reminder");

  it("sends the reminder before the appointment, never after it, never once cancelled", async () => {
    const id = await book("2027-03-05", "09:00", "leon@exemple.fr");
    expect(await sendAppointmentReminder(t.database.db, { appointmentId: id, sequence: 0, now: new Date("2027-03-03T08:00:00Z"), publicUrl: "http://maillage.test" })).toBe("sent");
    expect(await remindersTo("leon@exemple.fr")).toHaveLength(1);
    expect(await sendAppointmentReminder(t.database.db, { appointmentId: id, sequence: 0, now: new Date("2027-03-05T09:00:00Z"), publicUrl: "http://maillage.test" })).toBe("skipped");
    await t.database.db.update(appointments).set({ status: "annule_personne" }).where(eq(appointments.id, id));
    expect(await sendAppointmentReminder(t.database.db, { appointmentId: id, sequence: 0, now: new Date("2027-03-03T09:00:00Z"), publicUrl: "http://maillage.test" })).toBe("skipped");
    expect(await remindersTo("leon@exemple.fr")).toHaveLength(1);
  });

  it("skips a reminder scheduled for an older version of a moved appointment", async () => {
    const id = await book("2027-03-08", "10:00", "moved@exemple.fr");
    await t.database.db.update(appointments).set({ icsSequence: 1 }).where(eq(appointments.id, id));
    expect(await sendAppointmentReminder(t.database.db, { appointmentId: id, sequence: 0, now: new Date("2027-03-06T08:00:00Z"), publicUrl: "http://maillage.test" })).toBe("skipped");
  });

  it("purges contact details after 90 days, anonymises receipts after 6 months, deletes appointments after 2 years", async () => {
    const id = await book("2027-03-09", "11:00", "purge@exemple.fr");
    await withTenant(t.database.db, territoryId, (tx) => queueMail(tx, { territoryId, kind: "test", to: "purge@exemple.fr", subject: "s", text: "corps", now: t.clock() }));
    const appointmentEnd = new Date(parisToInstant("2027-03-09", "11:30"));

    await purgePersonalData(t.database.db, { now: new Date(appointmentEnd.getTime() + 89 * DAY) });
    let [row] = await t.database.db.select().from(appointments).where(eq(appointments.id, id));
    expect(row!.email).toBe("purge@exemple.fr");

    const report = await purgePersonalData(t.database.db, { now: new Date(appointmentEnd.getTime() + 91 * DAY) });
    expect(report.contactsPurged).toBeGreaterThanOrEqual(1);
    [row] = await t.database.db.select().from(appointments).where(eq(appointments.id, id));
    expect({ first: row!.firstName, last: row!.lastName, phone: row!.phone, email: row!.email }).toEqual({ first: null, last: null, phone: null, email: null });
    expect(row!.contactPurgedAt).not.toBeNull();
    expect((await t.database.db.select().from(mails).where(eq(mails.toAddress, "purge@exemple.fr"))).length).toBeGreaterThan(0);

    await purgePersonalData(t.database.db, { now: new Date(Date.parse("2027-03-01T08:00:00Z") + 190 * DAY) });
    expect(await t.database.db.select().from(mails).where(eq(mails.toAddress, "purge@exemple.fr"))).toHaveLength(0);

    await purgePersonalData(t.database.db, { now: new Date(appointmentEnd.getTime() + 731 * DAY) });
    expect(await t.database.db.select().from(appointments).where(eq(appointments.id, id))).toHaveLength(0);
  });

  it("deletes audit events after a year and drops an import's file 30 days after it was sent", async () => {
    const now = new Date("2028-06-01T08:00:00Z");
    const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);
    await t.database.db.insert(auditEvents).values([
      { territoryId, actorLabel: "test", action: "export", entityType: "appointments", at: daysAgo(366) },
      { territoryId, actorLabel: "test", action: "export", entityType: "appointments", at: daysAgo(364) },
    ]);
    const [stale, fresh] = await t.database.db
      .insert(imports)
      .values([
        { territoryId, kind: "lieux", filename: "vieux.csv", content: "id,nom\n1,Mairie", createdAt: daysAgo(31) },
        { territoryId, kind: "lieux", filename: "recent.csv", content: "id,nom\n1,Mairie", createdAt: daysAgo(29) },
      ])
      .returning({ id: imports.id });
    const report = await purgePersonalData(t.database.db, { now });
    expect(report.importFilesDropped).toBe(1);
    const left = await t.database.db.select({ at: auditEvents.at }).from(auditEvents).where(eq(auditEvents.territoryId, territoryId));
    expect(left.every((e) => e.at.getTime() >= daysAgo(365).getTime())).toBe(true);
    expect(left.some((e) => e.at.getTime() === daysAgo(364).getTime())).toBe(true);
    expect(report.auditEventsDeleted).toBeGreaterThanOrEqual(1);
    const rows = await t.database.db.select({ id: imports.id, content: imports.content, status: imports.status }).from(imports).where(eq(imports.territoryId, territoryId));
    expect(rows.find((r) => r.id === stale!.id)).toEqual({ id: stale!.id, content: null, status: "failed" });
    expect(rows.find((r) => r.id === fresh!.id)?.content).not.toBeNull();
  });
});
