// Messages to the person: confirmation with the calendar invite, reminder, cancellation. Plain French.
import { formatDateTime } from "../../lib/format.js";
import type { MailContent } from "../mail/mail.commands.js";
import { appointmentIcs } from "./calendar.js";

export type AppointmentForMessage = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  sequence: number;
  email: string;
  firstName: string;
  placeName: string;
  placeAddress: string;
  motifName: string;
  whatToBring: string;
  manageUrl: string;
};

function ics(a: AppointmentForMessage, organizerEmail: string, cancel: boolean) {
  return {
    filename: cancel ? "annulation.ics" : "rendez-vous.ics",
    contentType: `text/calendar; charset=utf-8; method=${cancel ? "CANCEL" : "REQUEST"}`,
    content: appointmentIcs(
      {
        id: a.id,
        startsAt: a.startsAt,
        endsAt: a.endsAt,
        sequence: a.sequence,
        summary: `Rendez-vous : ${a.motifName}`,
        location: `${a.placeName}, ${a.placeAddress}`,
        description: a.whatToBring ? `À apporter : ${a.whatToBring}` : "",
        organizerEmail,
        attendeeEmail: a.email,
      },
      { cancel },
    ),
  };
}

/** Confirmation e-mail with the .ics invite. */
export function confirmationMail(a: AppointmentForMessage, organizerEmail: string): MailContent {
  return {
    kind: "appointment.confirmation",
    to: a.email,
    subject: `Rendez-vous confirmé le ${formatDateTime(a.startsAt)}`,
    text: [
      `Bonjour ${a.firstName},`,
      "",
      `Votre rendez-vous est confirmé : ${formatDateTime(a.startsAt, true)}.`,
      `Lieu : ${a.placeName}, ${a.placeAddress}`,
      `Motif : ${a.motifName}`,
      ...(a.whatToBring ? ["", `À apporter : ${a.whatToBring}`] : []),
      "",
      "Pour annuler ou changer de créneau :",
      a.manageUrl,
      "",
      "Le fichier joint ajoute le rendez-vous à votre agenda.",
    ].join("\n"),
    attachments: [ics(a, organizerEmail, false)],
  };
}

/** Reminder sent before the appointment. */
export function reminderMail(a: AppointmentForMessage): MailContent {
  return {
    kind: "appointment.reminder",
    to: a.email,
    subject: `Rappel : rendez-vous le ${formatDateTime(a.startsAt)}`,
    text: [
      `Bonjour ${a.firstName},`,
      "",
      `Nous vous rappelons votre rendez-vous du ${formatDateTime(a.startsAt, true)}.`,
      `Lieu : ${a.placeName}, ${a.placeAddress}`,
      ...(a.whatToBring ? [`À apporter : ${a.whatToBring}`] : []),
      "",
      "Vous ne pouvez pas venir ? Annulez pour libérer le créneau :",
      a.manageUrl,
    ].join("\n"),
  };
}

/** Cancellation notice, by the person or by the service (with its message). */
export function cancellationMail(a: AppointmentForMessage, organizerEmail: string, { byService, message }: { byService: boolean; message?: string | null }): MailContent {
  return {
    kind: "appointment.cancellation",
    to: a.email,
    subject: `Rendez-vous annulé : ${formatDateTime(a.startsAt)}`,
    text: [
      `Bonjour ${a.firstName},`,
      "",
      byService
        ? `Le lieu ${a.placeName} a dû annuler votre rendez-vous du ${formatDateTime(a.startsAt, true)}.`
        : `Votre rendez-vous du ${formatDateTime(a.startsAt, true)} à ${a.placeName} est bien annulé.`,
      ...(message ? ["", `Message : ${message}`] : []),
      "",
      "Vous pouvez reprendre rendez-vous sur la page du lieu.",
    ].join("\n"),
    attachments: [ics(a, organizerEmail, true)],
  };
}
