// Validates form bodies at the edge with zod and turns issues into French messages per field.
import { z } from "zod";
import type { FieldErrors } from "../ui/form.js";

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Parses a body with a schema whose messages are already in French; the first issue of each field is kept. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.infer<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "formulaire");
    if (!(field in errors)) errors[field] = issue.message;
  }
  return { ok: false, errors };
}

/** A form value as a trimmed string ("" when absent). */
export function text(value: unknown): string {
  return typeof value === "string" ? value.trim() : "";
}

/** A form value that may be repeated (checkboxes) as a list of strings. */
export function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return typeof value === "string" && value !== "" ? [value] : [];
}

/** Common French field schemas. */
export const fields = {
  email: (label = "l'adresse électronique") =>
    z
      .string({ error: `Saisissez ${label}` })
      .trim()
      .min(1, `Saisissez ${label}`)
      .max(254, "L'adresse électronique est trop longue")
      .pipe(z.email({ error: "Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr" })),
  requiredText: (message: string, max = 200) => z.string({ error: message }).trim().min(1, message).max(max, `${max} caractères au maximum`),
};
