// Messages to teachers: the registration confirmation with the session's .ics, and the cancellation of a
// session they registered to. Plain French text.
import { formatDateTime, formatTime } from "../../../lib/format.js";
import type { MailContent } from "../../mail/mail.commands.js";
import { sessionIcs, type CalendarSession } from "./training-calendar.js";

export type SessionForMessage = CalendarSession & { trainer: string };

type Message = MailContent;

/** "mardi 16 mars 2027 de 9 h à 12 h". */
export function sessionWhen(s: { startsAt: Date; endsAt: Date }): string {
  return `${formatDateTime(s.startsAt, true).replace(/ à .*$/, "")} de ${formatTime(s.startsAt)} à ${formatTime(s.endsAt)}`;
}

/** The session's invitation for the teacher's calendar (same UID every time, its current SEQUENCE). */
function invitation(s: SessionForMessage, teacher: { name: string; email: string }, organizerEmail: string): Message["attachments"] {
  return [{ filename: "formation.ics", contentType: "text/calendar; charset=utf-8; method=REQUEST", content: sessionIcs(s, { method: "REQUEST", organizerEmail, attendee: teacher }) }];
}

/** "Quand : …", "Où : …" (when known). */
function whenAndWhere(s: SessionForMessage): string[] {
  return [`Quand : ${sessionWhen(s)}`, ...(s.place ? [`Où : ${s.place}`] : [])];
}

/** To the teacher who registered, with the session in their calendar. */
export function registrationMail(s: SessionForMessage, teacher: { name: string; email: string }, links: { page: string }, organizerEmail: string): Message {
  return {
    kind: "formation.inscription",
    to: teacher.email,
    subject: `Inscription confirmée : ${s.title}, ${formatDateTime(s.startsAt)}`,
    text: [
      `Bonjour ${teacher.name},`,
      "",
      `Votre inscription à la formation « ${s.title} » est enregistrée.`,
      ...whenAndWhere(s),
      ...(s.trainer ? [`Avec : ${s.trainer}`] : []),
      "",
      "Le fichier joint ajoute la formation à votre agenda. Votre inscription reste consultable ici :",
      links.page,
    ].join("\n"),
    attachments: invitation(s, teacher, organizerEmail),
  };
}

/** To a registered teacher when the time or place of a session still to come changes: the updated invitation. */
export function changeMail(s: SessionForMessage, teacher: { name: string; email: string }, organizerEmail: string): Message {
  return {
    kind: "formation.modification",
    to: teacher.email,
    subject: `Formation modifiée : ${s.title}, ${formatDateTime(s.startsAt)}`,
    text: [
      `Bonjour ${teacher.name},`,
      "",
      `La formation « ${s.title} » à laquelle vous êtes inscrit ou inscrite change.`,
      ...whenAndWhere(s),
      "",
      "Le fichier joint met votre agenda à jour. Si vous ne pouvez plus venir, annulez votre inscription avec le lien reçu lors de votre inscription.",
    ].join("\n"),
    attachments: invitation(s, teacher, organizerEmail),
  };
}

/** To a registered teacher when the session is called off. */
export function cancellationMail(s: SessionForMessage, teacher: { name: string; email: string }, organizerEmail: string): Message {
  return {
    kind: "formation.annulation",
    to: teacher.email,
    subject: `Formation annulée : ${s.title}, ${formatDateTime(s.startsAt)}`,
    text: [`Bonjour ${teacher.name},`, "", `La formation « ${s.title} » du ${sessionWhen(s)} est annulée.`, "Le fichier joint la retire de votre agenda."].join("\n"),
    attachments: [
      {
        filename: "annulation.ics",
        contentType: "text/calendar; charset=utf-8; method=CANCEL",
        content: sessionIcs(s, { method: "CANCEL", organizerEmail, attendee: teacher }),
      },
    ],
  };
}
