// Phone numbers: the E.164 form SMS receipts store, and the forms people type them in.

/** What people put between digits: spaces (non-breaking ones too), dots, hyphens. */
const SEPARATORS = /[\s.-]/g;

/** Normalises a French phone number to E.164 (+33…); returns null when it cannot be a mobile or landline. */
export function toE164(phone: string): string | null {
  const digits = phone.replace(SEPARATORS, "");
  if (/^\+\d{8,15}$/.test(digits)) return digits;
  if (/^0[1-9]\d{8}$/.test(digits)) return `+33${digits.slice(1)}`;
  return null;
}

/**
 * The ways a number equal to this E.164 one may have been typed, separators removed: appointments keep the phone
 * as the person typed it, so "+33612345678" may be stored as "06 12 34 56 78" or "+33 6 12 34 56 78".
 */
export function typedForms(e164: string): string[] {
  return /^\+33[1-9]\d{8}$/.test(e164) ? [e164, `0${e164.slice(3)}`] : [e164];
}
