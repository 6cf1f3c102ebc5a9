// The mediator form and the territory's accompaniment settings form: values as typed, checks with French messages.
import { z } from "zod";
import { parseForm, type FormResult } from "../../../lib/validation.js";
import { idsAmong, wholeNumber } from "./form-fields.js";

export type MediatorValues = { name: string; email: string; userId: string; placeIds: string[]; active: boolean };
export type MediatorInput = { name: string; email: string | null; userId: number | null; placeIds: number[]; active: boolean };

function mediatorSchema(placeIds: readonly number[], accountIds: readonly number[]) {
  return z.object({
    name: z.string().trim().min(1, "Saisissez le nom du médiateur ou de la médiatrice").max(120, "Le nom doit faire 120 caractères au maximum"),
    email: z
      .string()
      .trim()
      .max(254, "L'adresse électronique est trop longue")
      .refine((v) => v === "" || z.email().safeParse(v).success, "Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr"),
    userId: z
      .string()
      .refine((v) => v === "" || accountIds.includes(Number(v)), "Choisissez un compte de la liste, ou « Pas de compte »")
      .transform((v) => (v === "" ? null : Number(v))),
    placeIds: idsAmong(placeIds, "Choisissez des lieux de la liste"),
    active: z.boolean(),
  });
}

/** Checks the mediator form; places must be the territory's and the account one of its mediator members. */
export function parseMediatorForm(values: MediatorValues, placeIds: readonly number[], accountIds: readonly number[]): FormResult<MediatorInput> {
  const parsed = parseForm(mediatorSchema(placeIds, accountIds), values);
  if (!parsed.ok) return parsed;
  return { ok: true, data: { ...parsed.data, email: parsed.data.email === "" ? null : parsed.data.email.toLowerCase() } };
}

export type SettingsValues = { contactRetentionDays: string; reminderHours: string; smsEnabled: string };
export type SettingsInput = { contactRetentionDays: number; reminderHours: number; smsEnabled: boolean };

/** Defaults when a territory never saved its settings: contact details kept 90 days, reminder 48 h before. */
export const settingsDefaults: SettingsInput = { contactRetentionDays: 90, reminderHours: 48, smsEnabled: false };

const settingsSchema = z.object({
  contactRetentionDays: wholeNumber("la durée de conservation", "jours", 1, 365, 90),
  reminderHours: wholeNumber("le délai du rappel", "heures", 1, 168, 48),
  smsEnabled: z.string().transform((v) => v === "oui"),
});

/** Checks the accompaniment settings form. */
export function parseSettingsForm(values: SettingsValues): FormResult<SettingsInput> {
  return parseForm(settingsSchema, values);
}
