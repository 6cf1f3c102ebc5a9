import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inclusionSettings, smsMessages } from "../../src/db/schema/index.js";
import { parisToInstant } from "../../src/lib/paris-time.js";
import { sendAppointmentReminder } from "../../src/modules/booking/booking.reminders.js";
import { sendQueuedSms } from "../../src/modules/sms/sms.commands.js";
import { httpSmsProvider } from "../../src/modules/sms/sms.provider.js";
import { createTestApp, makeTerritory, type TestApp } from "../support/app.js";
import { makeBooking, makeMediator, makeMotif, makePlace, makePlage } from "../support/inclusion.js";

describe("SMS through an HTTP provider", () => {
  let t: TestApp;
  let server: http.Server;
  let url: string;
  const received: { auth: string | undefined; body: { to: string; text: string; sender: string } }[] = [];
  let territoryId: number;
  let placeId: number;
  let motifId: number;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let data = "";
      req.on("data", (c) => (data += c));
      req.on("end", () => {
        received.push({ auth: req.headers.authorization, body: JSON.parse(data) });
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: `sms-${received.length}` }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
    process.env.SMS_PROVIDER_URL = url;
    t = await createTestApp("pglite", { now: new Date("2027-03-01T08:00:00Z") });
    territoryId = (await makeTerritory(t.database)).id;
    await t.database.db.insert(inclusionSettings).values({ territoryId, smsEnabled: true });
    placeId = (await makePlace(t.database, { territoryId })).id;
    motifId = (await makeMotif(t.database, { territoryId })).id;
    const mediator = await makeMediator(t.database, { territoryId, placeIds: [placeId] });
    await makePlage(t.database, { territoryId, mediatorId: mediator.id, placeId });
  });
  afterAll(async () => {
    delete process.env.SMS_PROVIDER_URL;
    await t.close();
    server.close();
  });

  const book = (day: string, time: string) =>
    makeBooking(t.database, {
      territoryId,
      placeId,
      motifId,
      start: new Date(parisToInstant(day, time)),
      person: { firstName: "Léon", lastName: "Durand", phone: "06 12 34 56 78", email: "", noEmail: true },
      bookedBy: "agent",
      now: t.clock(),
    });

  it("confirms by SMS a booking made less than 48 hours ahead, in one ASCII SMS with the cancel link", async () => {
    const result = await book("2027-03-02", "09:00");
    expect(result.ok).toBe(true);
    const [sms] = await t.database.db.select().from(smsMessages).where(eq(smsMessages.territoryId, territoryId));
    expect(sms!.toNumber).toBe("+33612345678");
    await sendQueuedSms(t.database.db, { smsId: sms!.id, provider: httpSmsProvider({ url, token: "jeton", sender: "Maillage" }), now: t.clock() });
    expect(received).toHaveLength(1);
    expect(received[0]!.auth).toBe("Bearer jeton");
    expect(received[0]!.body.to).toBe("+33612345678");
    expect(received[0]!.body.text).toMatch(/^RDV confirme mar 02\/03 09h00 .+ Annuler: http:\/\/maillage\.test\/rendez-vous\//);
    expect(received[0]!.body.text.length).toBeLessThanOrEqual(160);
    const [after] = await t.database.db.select().from(smsMessages).where(eq(smsMessages.id, sms!.id));
    expect(after!.status).toBe("sent");
    expect(after!.providerId).toBe("sms-1");
  });

  it("sends the reminder by SMS for a booking made further ahead, and none on booking", async () => {
    const result = await book("2027-03-10", "10:00");
    if (!result.ok) throw new Error("booking failed");
    const before = await t.database.db.select().from(smsMessages).where(eq(smsMessages.appointmentId, result.appointmentId));
    expect(before).toHaveLength(0);
    expect(await sendAppointmentReminder(t.database.db, { appointmentId: result.appointmentId, sequence: 0, now: new Date("2027-03-08T09:00:00Z"), publicUrl: "http://maillage.test" })).toBe("sent");
    const [reminder] = await t.database.db.select().from(smsMessages).where(eq(smsMessages.appointmentId, result.appointmentId));
    expect(reminder!.body).toMatch(/^Rappel RDV mer 10\/03 10h00/);
  });
});
