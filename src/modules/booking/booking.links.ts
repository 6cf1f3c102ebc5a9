// The signed link a person uses to see, cancel or change an appointment, without an account.
import { signSubject, verifySubject } from "../../lib/signed-links.js";

/** Links stay valid until one day after the appointment. */
function expiry(startsAt: Date): Date {
  return new Date(startsAt.getTime() + 86_400_000);
}

/** The absolute URL of an appointment's page for the person. */
export function manageUrl({ publicUrl, secret, appointmentId, startsAt }: { publicUrl: string; secret: string; appointmentId: string; startsAt: Date }): string {
  return `${publicUrl}/rendez-vous/${appointmentId}?cle=${signSubject(secret, `rdv:${appointmentId}`, expiry(startsAt))}`;
}

/** True when `key` is a valid, unexpired signature for this appointment. */
export function verifyManageKey({ secret, appointmentId, key, now }: { secret: string; appointmentId: string; key: string; now: Date }): boolean {
  return verifySubject(secret, `rdv:${appointmentId}`, key, now);
}
