// Signed links for teachers, who have no account: one registration link per school (valid for the school
// year, so the link a school shares stays the same all year), and one link per registration to see it and
// download its .ics.
import { parisDateOf, parisToInstant } from "../../../lib/paris-time.js";
import { signSubject, verifySubject } from "../../../lib/signed-links.js";

/** End of the school year a link is made for: 31 August; from July on, links are for the next school year. */
export function schoolYearEnd(now: Date): Date {
  const [year, month] = parisDateOf(now.getTime()).split("-").map(Number) as [number, number];
  const endYear = month >= 7 ? year + 1 : year;
  return new Date(parisToInstant(`${endYear}-08-31`, "23:59"));
}

const schoolSubject = (schoolId: number) => `formation-ecole:${schoolId}`;
const registrationSubject = (registrationId: number) => `formation-inscription:${registrationId}`;

/** The path and query of a school's registration page (prefix with the public URL for e-mails). */
export function schoolRegistrationPath({ secret, schoolId, now }: { secret: string; schoolId: number; now: Date }): string {
  return `/formations/ecole/${schoolId}?cle=${signSubject(secret, schoolSubject(schoolId), schoolYearEnd(now))}`;
}

/** True when `key` is a valid, unexpired signature for this school's registration page. */
export function verifySchoolKey({ secret, schoolId, key, now }: { secret: string; schoolId: number; key: string; now: Date }): boolean {
  return verifySubject(secret, schoolSubject(schoolId), key, now);
}

/** The key of a registration's page, valid until 30 days after the session. */
export function registrationKey({ secret, registrationId, endsAt }: { secret: string; registrationId: number; endsAt: Date }): string {
  return signSubject(secret, registrationSubject(registrationId), new Date(endsAt.getTime() + 30 * 86_400_000));
}

/** True when `key` is a valid, unexpired signature for this registration. */
export function verifyRegistrationKey({ secret, registrationId, key, now }: { secret: string; registrationId: number; key: string; now: Date }): boolean {
  return verifySubject(secret, registrationSubject(registrationId), key, now);
}
