// Zod field schemas with French messages for the number and choice fields of the back-office forms.
import { z } from "zod";

const capitalised = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

/** A whole number of `unit` typed in a text field, between min and max, with French messages. */
export function wholeNumber(what: string, unit: string, min: number, max: number, example: number) {
  const range = `${capitalised(what)} doit être entre ${min} et ${max} ${unit}`;
  return z
    .string()
    .trim()
    .min(1, `Saisissez ${what}, par exemple ${example} ${unit}`)
    .regex(/^\d+$/, `${capitalised(what)} doit être un nombre entier de ${unit}, par exemple ${example}`)
    .transform(Number)
    .pipe(z.number().min(min, range).max(max, range));
}

/** A list of ids sent by checkboxes, accepted only when every one is among the allowed ones. */
export function idsAmong(allowed: readonly number[], message: string) {
  return z.array(z.string()).transform((values, ctx) => {
    const ids = [...new Set(values.map(Number))];
    if (ids.some((id) => !allowed.includes(id))) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return ids.sort((a, b) => a - b);
  });
}
