// The .ics of a training session, in Europe/Paris with its VTIMEZONE: PUBLISH for the file a teacher
// downloads, REQUEST (with organizer and attendee) for the e-mail attachment, CANCEL when it is called off.
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { instantToParis } from "../../../lib/paris-time.js";

/** Paris wall-clock time as "YYYY-MM-DDTHH:MM:00": ical-generator writes it as is under TZID=Europe/Paris. */
function parisLocal(d: Date): string {
  const { date, time } = instantToParis(d.getTime());
  return `${date}T${time}:00`;
}

export type CalendarSession = {
  id: number;
  /** Raised each time the time or place changes (training_sessions.sequence). */
  sequence: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  description: string;
};

export type SessionIcsOptions = {
  method: "PUBLISH" | "REQUEST" | "CANCEL";
  organizerEmail: string;
  attendee?: { name: string; email: string };
  host?: string;
};

/** The .ics text of a session for one participant. */
export function sessionIcs(session: CalendarSession, options: SessionIcsOptions): string {
  const method = { PUBLISH: ICalCalendarMethod.PUBLISH, REQUEST: ICalCalendarMethod.REQUEST, CANCEL: ICalCalendarMethod.CANCEL }[options.method];
  const calendar = ical({
    prodId: { company: "Maillage", product: "Formations", language: "FR" },
    method,
    timezone: { name: "Europe/Paris", generator: getVtimezoneComponent },
  });
  calendar.createEvent({
    id: `formation-${session.id}@${options.host ?? "maillage"}`,
    // A cancellation outranks the last invitation sent.
    sequence: options.method === "CANCEL" ? session.sequence + 1 : session.sequence,
    start: parisLocal(session.startsAt),
    end: parisLocal(session.endsAt),
    timezone: "Europe/Paris",
    summary: `Formation : ${session.title}`,
    location: session.place,
    description: session.description,
    status: options.method === "CANCEL" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: "Maillage", email: options.organizerEmail },
    attendees: options.attendee ? [{ name: options.attendee.name, email: options.attendee.email, rsvp: false }] : [],
  });
  return calendar.toString();
}
