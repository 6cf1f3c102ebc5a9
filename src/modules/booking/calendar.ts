// iCalendar invitations for appointments: stable UID, SEQUENCE raised on change, METHOD REQUEST or CANCEL.
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { instantToParis } from "../../lib/paris-time.js";

/** Paris wall-clock time as "YYYY-MM-DDTHH:MM:00": ical-generator writes it as is under TZID=Europe/Paris. */
function parisLocal(d: Date): string {
  const { date, time } = instantToParis(d.getTime());
  return `${date}T${time}:00`;
}

export type CalendarAppointment = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  sequence: number;
  summary: string;
  location: string;
  description: string;
  organizerEmail: string;
  attendeeEmail?: string | null;
};

/** The .ics text of an appointment (Europe/Paris, with its VTIMEZONE); `cancel` produces a cancellation. */
export function appointmentIcs(appointment: CalendarAppointment, { cancel = false, host = "maillage" }: { cancel?: boolean; host?: string } = {}): string {
  const calendar = ical({
    prodId: { company: "Maillage", product: "Rendez-vous", language: "FR" },
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    timezone: { name: "Europe/Paris", generator: getVtimezoneComponent },
  });
  calendar.createEvent({
    id: `${appointment.id}@${host}`,
    sequence: appointment.sequence,
    start: parisLocal(appointment.startsAt),
    end: parisLocal(appointment.endsAt),
    timezone: "Europe/Paris",
    summary: appointment.summary,
    location: appointment.location,
    description: appointment.description,
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: "Maillage", email: appointment.organizerEmail },
    attendees: appointment.attendeeEmail ? [{ email: appointment.attendeeEmail, rsvp: false }] : [],
  });
  return calendar.toString();
}
