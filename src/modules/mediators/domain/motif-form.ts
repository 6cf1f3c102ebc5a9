// The motif (appointment type) form: its values as typed, defaults from the public booking baseline, checks.
import { Service } from "@gouvfr-anct/lieux-de-mediation-numerique";
import { z } from "zod";
import { bookingAudiences } from "../../../db/schema/inclusion.js";
import { parseForm, type FormResult } from "../../../lib/validation.js";
import { idsAmong, wholeNumber } from "./form-fields.js";
import { placeKinds, type PlaceKind } from "./labels.js";

export type MotifValues = {
  name: string;
  service: string;
  description: string;
  durationMinutes: string;
  minNoticeMinutes: string;
  horizonDays: string;
  cancelUntilHours: string;
  changeUntilHours: string;
  bookableBy: string;
  placeKind: string;
  placeIds: string[];
  whatToBring: string;
};

export type MotifInput = {
  name: string;
  service: Service;
  description: string;
  durationMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  cancelUntilMinutes: number;
  changeUntilMinutes: number;
  bookableBy: "agents" | "everyone";
  placeKind: PlaceKind;
  placeIds: number[];
  whatToBring: string;
};

/** Defaults of a new motif: 30 min, booked at least 30 min and at most about 3 months ahead, cancel until 4 h, change until 2 days. */
export const motifDefaults: MotifValues = {
  name: "",
  service: Service.AideAuxDemarchesAdministratives,
  description: "",
  durationMinutes: "30",
  minNoticeMinutes: "30",
  horizonDays: "90",
  cancelUntilHours: "4",
  changeUntilHours: "48",
  bookableBy: "everyone",
  placeKind: "sur_place",
  placeIds: [],
  whatToBring: "",
};

/** The form values of a saved motif (deadlines shown in hours). */
export function motifValuesOf(motif: Omit<MotifInput, "service"> & { service: string }): MotifValues {
  return {
    name: motif.name,
    service: motif.service,
    description: motif.description,
    durationMinutes: String(motif.durationMinutes),
    minNoticeMinutes: String(motif.minNoticeMinutes),
    horizonDays: String(motif.horizonDays),
    cancelUntilHours: String(Math.round(motif.cancelUntilMinutes / 60)),
    changeUntilHours: String(Math.round(motif.changeUntilMinutes / 60)),
    bookableBy: motif.bookableBy,
    placeKind: motif.placeKind,
    placeIds: motif.placeIds.map(String),
    whatToBring: motif.whatToBring,
  };
}

function motifSchema(placeIds: readonly number[]) {
  return z.object({
    name: z.string().trim().min(1, "Saisissez le nom du motif").max(120, "Le nom doit faire 120 caractères au maximum"),
    service: z.enum(Object.values(Service) as [Service, ...Service[]], { error: "Choisissez le service qui correspond au motif" }),
    description: z.string().trim().max(2000, "La description doit faire 2 000 caractères au maximum"),
    durationMinutes: wholeNumber("la durée", "minutes", 5, 480, 30),
    minNoticeMinutes: wholeNumber("le délai minimum", "minutes", 0, 43_200, 30),
    horizonDays: wholeNumber("le nombre de jours", "jours", 1, 365, 90),
    cancelUntilHours: wholeNumber("le délai d'annulation", "heures", 0, 720, 4),
    changeUntilHours: wholeNumber("le délai de modification", "heures", 0, 720, 48),
    bookableBy: z.enum(bookingAudiences, { error: "Choisissez qui peut prendre rendez-vous" }),
    placeKind: z.enum(placeKinds, { error: "Choisissez où se passe le rendez-vous" }),
    placeIds: idsAmong(placeIds, "Choisissez des lieux de la liste"),
    whatToBring: z.string().trim().max(1000, "Ce texte doit faire 1 000 caractères au maximum"),
  });
}

/** Checks the motif form; `placeIds` are the territory's places. */
export function parseMotifForm(values: MotifValues, placeIds: readonly number[]): FormResult<MotifInput> {
  const parsed = parseForm(motifSchema(placeIds), values);
  if (!parsed.ok) return parsed;
  const { cancelUntilHours, changeUntilHours, ...rest } = parsed.data;
  return { ok: true, data: { ...rest, cancelUntilMinutes: cancelUntilHours * 60, changeUntilMinutes: changeUntilHours * 60 } };
}
