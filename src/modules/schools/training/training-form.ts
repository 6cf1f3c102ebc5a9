// The training forms as typed and their validation: a session (coordinators) and a registration (teachers).
// Times are Paris wall-clock times. Pure.
import { z } from "zod";
import { fields, parseForm } from "../../../lib/validation.js";
import { instantToParis, localDateToUtcMidnight, localTimeToMinutes, parisToInstant } from "../../../lib/paris-time.js";
import type { FieldErrors } from "../../../ui/form.js";
import { isEquipmentCategory, type EquipmentCategory } from "../domain/categories.js";

export type SessionValues = { title: string; categories: string[]; date: string; startTime: string; endTime: string; place: string; trainer: string; capacity: string };
export type SessionInput = { title: string; categories: EquipmentCategory[]; startsAt: Date; endsAt: Date; place: string; trainer: string; capacity: number };

type Body = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v.trim() : "");
const strList = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" && v !== "" ? [v] : []);

/** The session fields of a form body. */
export function readSessionValues(body: Body): SessionValues {
  return {
    title: str(body.title),
    categories: strList(body.categories),
    date: str(body.date),
    startTime: str(body.startTime),
    endTime: str(body.endTime),
    place: str(body.place),
    trainer: str(body.trainer),
    capacity: str(body.capacity),
  };
}

/** A stored session as form values (Paris times). */
export function sessionValuesOf(s: { title: string; categories: string[]; startsAt: Date; endsAt: Date; place: string; trainer: string; capacity: number }): SessionValues {
  const start = instantToParis(s.startsAt.getTime());
  return { title: s.title, categories: s.categories, date: start.date, startTime: start.time, endTime: instantToParis(s.endsAt.getTime()).time, place: s.place, trainer: s.trainer, capacity: String(s.capacity) };
}

const isDate = (v: string) => {
  try {
    localDateToUtcMidnight(v);
    return true;
  } catch {
    return false;
  }
};
const isTime = (v: string) => {
  try {
    localTimeToMinutes(v);
    return true;
  } catch {
    return false;
  }
};

/** Validates a session: title, at least one category, a date, an end after the start, capacity 1 to 500. */
export function parseSession(values: SessionValues): { ok: true; data: SessionInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (values.title === "") errors.title = "Donnez un titre à la session, par exemple « Prendre en main l'écran interactif »";
  else if (values.title.length > 200) errors.title = "Le titre doit faire 200 caractères au maximum";
  const categories = values.categories.filter(isEquipmentCategory);
  if (categories.length === 0) errors.categories = "Cochez au moins une catégorie d'équipement abordée";
  if (!isDate(values.date)) errors.date = "Saisissez la date au format AAAA-MM-JJ, par exemple 2027-03-16";
  if (!isTime(values.startTime)) errors.startTime = "Saisissez l'heure de début au format HH:MM, par exemple 09:00";
  if (!isTime(values.endTime)) errors.endTime = "Saisissez l'heure de fin au format HH:MM, par exemple 12:00";
  else if (isTime(values.startTime) && values.endTime <= values.startTime) errors.endTime = "L'heure de fin doit être après l'heure de début";
  if (values.place.length > 300) errors.place = "Le lieu doit faire 300 caractères au maximum";
  if (values.trainer.length > 200) errors.trainer = "Le nom du formateur ou de la formatrice doit faire 200 caractères au maximum";
  const capacity = Number(values.capacity);
  if (!/^\d{1,3}$/.test(values.capacity) || capacity < 1 || capacity > 500) errors.capacity = "Saisissez un nombre de places entre 1 et 500";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    data: {
      title: values.title,
      categories,
      startsAt: new Date(parisToInstant(values.date, values.startTime)),
      endsAt: new Date(parisToInstant(values.date, values.endTime)),
      place: values.place,
      trainer: values.trainer,
      capacity,
    },
  };
}

export type RegistrationValues = { sessionId: string; name: string; email: string };

const registrationSchema = z.object({
  sessionId: z.string().regex(/^[1-9]\d{0,8}$/, "Choisissez une session"),
  name: fields.requiredText("Saisissez votre prénom et votre nom", 160),
  email: fields.email("votre adresse électronique"),
});

/** Validates a teacher's registration; the e-mail address is kept in lower case. */
export function parseRegistration(values: RegistrationValues): { ok: true; data: { sessionId: number; name: string; email: string } } | { ok: false; errors: FieldErrors } {
  const result = parseForm(registrationSchema, values);
  if (!result.ok) return result;
  return { ok: true, data: { sessionId: Number(result.data.sessionId), name: result.data.name, email: result.data.email.toLowerCase() } };
}
