// What an agent types to find a person: an e-mail address or a phone number, checked and put in the form stored.
import { fields } from "../../../lib/validation.js";
import { toE164 } from "../../../lib/phone.js";

/** A person's contact detail as stored: e-mail addresses in lower case, phone numbers in E.164 (+33…). */
export type Contact = { kind: "email"; email: string } | { kind: "phone"; e164: string };

const emailSchema = fields.email("l'adresse électronique de la personne");

/** Reads the typed contact; an e-mail when it holds an "@", a phone number otherwise. Errors are in French. */
export function parseContact(typed: string): { ok: true; contact: Contact } | { ok: false; error: string } {
  const value = typed.trim();
  if (value === "") return { ok: false, error: "Saisissez l'adresse électronique ou le numéro de téléphone de la personne" };
  if (value.includes("@")) {
    const email = emailSchema.safeParse(value);
    return email.success ? { ok: true, contact: { kind: "email", email: email.data.toLowerCase() } } : { ok: false, error: email.error.issues[0]!.message };
  }
  const e164 = toE164(value);
  if (e164) return { ok: true, contact: { kind: "phone", e164 } };
  return { ok: false, error: "Saisissez une adresse électronique, par exemple prenom.nom@exemple.fr, ou un numéro de téléphone, par exemple 06 12 34 56 78" };
}
