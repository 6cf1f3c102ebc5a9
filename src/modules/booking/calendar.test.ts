import { describe, expect, it } from "vitest";
import { appointmentIcs } from "./calendar.js";

const base = {
  id: "7b0c3f1e-0000-4000-8000-000000000001",
  startsAt: new Date("2027-03-30T08:30:00Z"),
  endsAt: new Date("2027-03-30T09:00:00Z"),
  sequence: 0,
  summary: "Rendez-vous : aide aux démarches",
  location: "France Services, 2 rue de la Poste, 79200 Parthenay",
  description: "Apportez votre carte Vitale.",
  organizerEmail: "ne-pas-repondre@maillage.test",
  attendeeEmail: "personne@exemple.fr",
};

describe("appointment calendar file", () => {
  it("is a REQUEST in Europe/Paris local time with a stable UID", () => {
    const ics = appointmentIcs(base);
    expect(ics).toContain("METHOD:REQUEST");
    expect(ics).toContain("BEGIN:VTIMEZONE");
    expect(ics).toContain("TZID:Europe/Paris");
    // 08:30 UTC on 30 March 2027 is 10:30 in Paris (summer time).
    expect(ics).toMatch(/DTSTART;TZID=Europe\/Paris:20270330T103000/);
    expect(ics).toContain(`UID:${base.id}@maillage`);
    expect(ics).toContain("SEQUENCE:0");
  });

  it("keeps the UID and carries the raised SEQUENCE and METHOD:CANCEL on cancellation", () => {
    const ics = appointmentIcs({ ...base, sequence: 2 }, { cancel: true });
    expect(ics).toContain("METHOD:CANCEL");
    expect(ics).toContain("STATUS:CANCELLED");
    expect(ics).toContain("SEQUENCE:2");
    expect(ics).toContain(`UID:${base.id}@maillage`);
  });
});
