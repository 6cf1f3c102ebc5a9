// Signed, expiring links for people without an account (cancel or change an appointment).
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { instanceSettings } from "../db/schema/index.js";

const secrets = new WeakMap<object, Promise<string>>();

/** The instance's signing secret: MAILLAGE_SECRET if set, else one generated once and kept in the database. */
export function linkSecret(db: Db): Promise<string> {
  if (process.env.MAILLAGE_SECRET) return Promise.resolve(process.env.MAILLAGE_SECRET);
  let secret = secrets.get(db);
  if (!secret) {
    secret = (async () => {
      await db.insert(instanceSettings).values({ key: "link_secret", value: randomBytes(32).toString("base64url") }).onConflictDoNothing();
      const [row] = await db.select({ value: instanceSettings.value }).from(instanceSettings).where(eq(instanceSettings.key, "link_secret"));
      return row!.value;
    })();
    secrets.set(db, secret);
  }
  return secret;
}

function mac(secret: string, subject: string, expires: number): string {
  return createHmac("sha256", secret).update(`${subject}:${expires}`).digest("base64url").slice(0, 32);
}

/** A signature for `subject` valid until `expiresAt`, as "<expiry>.<mac>". */
export function signSubject(secret: string, subject: string, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return `${expires.toString(36)}.${mac(secret, subject, expires)}`;
}

// Exactly what signSubject writes: the expiry in base 36, a dot, 32 base64url characters; nothing before or after.
const SIGNATURE = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{32})$/;

/** True when the signature is exactly of signSubject's form, matches `subject` and has not expired at `now`. */
export function verifySubject(secret: string, subject: string, signature: string, now: Date): boolean {
  const parts = SIGNATURE.exec(signature);
  if (!parts) return false;
  const [, expiryPart, given] = parts as unknown as [string, string, string];
  const expires = parseInt(expiryPart, 36);
  if (!Number.isFinite(expires) || expires * 1000 < now.getTime()) return false;
  const expected = Buffer.from(mac(secret, subject, expires));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
