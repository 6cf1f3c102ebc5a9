// The signed link a person uses to see, cancel or change an appointment, without an account.
import { signSubject, verifySubject } from "../../lib/signed-links.js";

/** Links stay valid until one day after the appointment. */
function expiry(startsAt: Date): Date {
  return new Date(startsAt.getTime() + 86_400_000);
}

/** The absolute URL of an appointment's page for the person. */
export function manageUrl({ publicUrl, secret, appointmentId, startsAt }: { publicUrl: string; secret: string; appointmentId: string; startsAt: Date }): string {
  return `${publicUrl}${appointmentPath(appointmentId, signSubject(secret, `rdv:${appointmentId}`, expiry(startsAt)))}`;
}

/** The path of an appointment's page (or one of its steps, `step` like "/changer") with its key and more parameters, all encoded. */
export function appointmentPath(appointmentId: string, key: string, step = "", more: Record<string, string> = {}): string {
  return `/rendez-vous/${encodeURIComponent(appointmentId)}${step}?${new URLSearchParams({ cle: key, ...more }).toString()}`;
}

/** True when `key` is a valid, unexpired signature for this appointment. */
export function verifyManageKey({ secret, appointmentId, key, now }: { secret: string; appointmentId: string; key: string; now: Date }): boolean {
  return verifySubject(secret, `rdv:${appointmentId}`, key, now);
}
