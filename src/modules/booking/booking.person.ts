// Validation of what the person types when booking: clear French messages, nothing lost.
import { toE164 } from "../../lib/phone.js";
import { z } from "zod";
import type { FieldErrors } from "../../ui/form.js";
import { parseForm, text } from "../../lib/validation.js";
import type { PersonValues } from "./views/booking-pages.js";
import type { Person } from "./booking.commands.js";

const phonePattern = /^(\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}$|^\+\d{8,15}$/;

const personSchema = z
  .object({
    firstName: z.string().trim().min(1, "Saisissez votre prénom").max(80, "80 caractères au maximum"),
    lastName: z.string().trim().min(1, "Saisissez votre nom").max(80, "80 caractères au maximum"),
    phone: z.string().trim().refine((v) => v === "" || phonePattern.test(v), "Saisissez un numéro de téléphone, par exemple 06 12 34 56 78"),
    email: z.string().trim().refine((v) => v === "" || z.email().safeParse(v).success, "Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr"),
    noEmail: z.string(),
    consent: z.string().refine((v) => v === "oui", "Cochez la case pour accepter que vos coordonnées servent à ce rendez-vous"),
  })
  .superRefine((v, ctx) => {
    if (v.noEmail === "oui" && v.phone === "") ctx.addIssue({ code: "custom", path: ["phone"], message: "Sans adresse e-mail, donnez un numéro de téléphone" });
    else if (v.phone === "" && v.email === "") ctx.addIssue({ code: "custom", path: ["phone"], message: "Donnez un téléphone ou une adresse e-mail pour que le lieu puisse vous joindre" });
  });

/** The person's fields as typed (strings), from a form body. */
export function personValues(body: Record<string, unknown>): PersonValues {
  return {
    firstName: text(body.firstName),
    lastName: text(body.lastName),
    phone: text(body.phone),
    email: text(body.email),
    noEmail: text(body.noEmail) === "oui" ? "oui" : "",
    consent: text(body.consent) === "oui" ? "oui" : "",
  };
}

const FIELD_ORDER: readonly (keyof PersonValues)[] = ["firstName", "lastName", "phone", "email", "noEmail", "consent"];

// The error summary lists errors in the order of the fields on the page (checks across fields come last in zod).
function inFieldOrder(errors: FieldErrors): FieldErrors {
  const rank = (key: string) => {
    const index = FIELD_ORDER.indexOf(key as keyof PersonValues);
    return index === -1 ? FIELD_ORDER.length : index;
  };
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
}

/** Validates the person's fields; returns the Person to book or the errors per field. */
export function validatePerson(values: PersonValues): { ok: true; person: Person } | { ok: false; errors: FieldErrors } {
  // "Je n'ai pas d'adresse e-mail" wins over whatever the e-mail field still holds.
  const result = parseForm(personSchema, values.noEmail === "oui" ? { ...values, email: "" } : values);
  if (!result.ok) return { ok: false, errors: inFieldOrder(result.errors) };
  const v = result.data;
  // Stored in one form (E.164), whatever the separators typed: agents and people search and call the same number.
  return { ok: true, person: { firstName: v.firstName, lastName: v.lastName, phone: v.phone === "" ? "" : (toE164(v.phone) ?? v.phone), email: v.noEmail === "oui" ? "" : v.email.toLowerCase(), noEmail: v.noEmail === "oui" || v.email === "" } };
}
