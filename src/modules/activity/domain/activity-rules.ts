// Validation of an accompaniment record (pure): what the form sent → a clean record or French messages per field.
import {
  ADMIN_THEMATIQUE,
  activityKinds,
  autonomies,
  durationPresets,
  isTerm,
  locationKinds,
  materiels,
  NO_MATERIEL,
  niveaux,
  orientations,
  participantGroups,
  PLACE_OF_ACTIVITY,
  sousThematiques,
  thematiques,
  type ActivityKind,
  type LocationKind,
} from "./vocabulary.js";

/** Field name → French message, in the order of the form. */
export type RuleErrors = Record<string, string>;

/** The record as the form sends it: every value a string (or a list of strings for checkboxes). */
export type ActivityInput = {
  kind: string;
  day: string;
  duration: string;
  durationCustom: string;
  locationKind: string;
  placeId: string;
  mediatorId: string;
  thematiques: string[];
  sousThematiques: string[];
  precision: string;
  materiel: string[];
  autonomie: string;
  orientation: string;
  communeInsee: string;
  firstVisit: string;
  niveau: string;
  /** Workshop counters by key (total, dejaAccompagne, genreFeminin…); empty strings count as 0 except total. */
  participants: Record<string, string>;
};

/** What the form may choose from, and today's date in Europe/Paris (the clock stays outside). */
export type ActivityContext = { today: string; placeIds: number[]; mediatorIds: number[]; communes: string[] };

/** A record ready to store. */
export type ValidActivity = {
  kind: ActivityKind;
  day: string;
  durationMinutes: number;
  locationKind: LocationKind;
  placeId: number | null;
  mediatorId: number | null;
  thematiques: string[];
  sousThematiques: string[];
  precision: string;
  materiel: string[];
  autonomie: string | null;
  orientation: string | null;
  niveau: string | null;
  participants: Record<string, number>;
  communeInsee: string | null;
  firstVisit: boolean | null;
};

export type ActivityValidation = { ok: true; activity: ValidActivity } | { ok: false; errors: RuleErrors };

export const MAX_DURATION_MINUTES = 720;
export const MAX_PARTICIPANTS = 10_000;

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function wholeNumber(value: string): number | null {
  return /^\d{1,6}$/.test(value.trim()) ? Number(value.trim()) : null;
}

function idIn(value: string, allowed: number[]): number | null | "invalid" {
  if (value === "") return null;
  const id = wholeNumber(value);
  return id !== null && allowed.includes(id) ? id : "invalid";
}

function checkDay(day: string, today: string, errors: RuleErrors): void {
  if (day === "") errors.day = "Saisissez la date de l'accompagnement";
  else if (!isIsoDate(day)) errors.day = "La date doit être une vraie date, par exemple 03/03/2027";
  else if (day > today) errors.day = "La date ne peut pas être dans le futur";
}

/** A typed number of minutes wins over the preset radios (the field sits right under them). */
function checkDuration(input: ActivityInput, errors: RuleErrors): number {
  if (input.durationCustom.trim() !== "") {
    const minutes = wholeNumber(input.durationCustom);
    if (minutes === null) errors.durationCustom = "La durée doit être un nombre entier de minutes, par exemple 40";
    else if (minutes < 1 || minutes > MAX_DURATION_MINUTES) errors.durationCustom = "La durée doit être comprise entre 1 minute et 12 heures (720 minutes)";
    return minutes ?? 0;
  }
  if (input.duration === "") {
    errors.duration = "Choisissez la durée ou saisissez-la en minutes";
    return 0;
  }
  const preset = durationPresets.find((p) => String(p) === input.duration);
  if (preset === undefined) errors.duration = "Choisissez une durée de la liste";
  return preset ?? 0;
}

function checkThemes(input: ActivityInput, errors: RuleErrors): void {
  if (input.thematiques.length === 0) errors.thematiques = "Choisissez au moins une thématique";
  else if (!input.thematiques.every((t) => isTerm(thematiques, t))) errors.thematiques = "Choisissez des thématiques de la liste";
  if (!input.sousThematiques.every((t) => isTerm(sousThematiques, t))) errors.sousThematiques = "Choisissez des démarches de la liste";
  else if (input.sousThematiques.length > 0 && !input.thematiques.includes(ADMIN_THEMATIQUE)) {
    errors.sousThematiques = "Les démarches ne se précisent qu'avec la thématique « Aide aux démarches administratives » : cochez-la ou décochez les démarches";
  }
  if (input.precision.length > 200) errors.precision = "La précision doit faire 200 caractères au maximum";
}

function checkMateriel(materiel: string[], errors: RuleErrors): void {
  if (!materiel.every((m) => isTerm(materiels, m))) errors.materiel = "Choisissez du matériel de la liste";
  else if (materiel.includes(NO_MATERIEL) && materiel.length > 1) errors.materiel = "« Pas de matériel » ne peut pas être coché avec un autre matériel";
}

function checkIndividual(input: ActivityInput, context: ActivityContext, errors: RuleErrors): void {
  if (input.autonomie !== "" && !isTerm(autonomies, input.autonomie)) errors.autonomie = "Choisissez un niveau d'autonomie de la liste";
  if (input.orientation !== "" && !isTerm(orientations, input.orientation)) errors.orientation = "Choisissez une orientation de la liste";
  if (input.communeInsee !== "" && !context.communes.includes(input.communeInsee)) errors.communeInsee = "Choisissez une commune de la liste";
  if (!["", "oui", "non"].includes(input.firstVisit)) errors.firstVisit = "Indiquez s'il s'agit d'une première visite";
}

/** Workshop counters: total ≥ 1, each counter a whole number, each group's known counters within the total. */
export function checkParticipants(raw: Record<string, string>, errors: RuleErrors): Record<string, number> {
  const totalText = (raw.total ?? "").trim();
  const total = wholeNumber(totalText);
  if (totalText === "") errors.total = "Saisissez le nombre de participants";
  else if (total === null) errors.total = "Le nombre de participants doit être un nombre entier, par exemple 8";
  else if (total < 1) errors.total = "Il faut au moins 1 participant pour un atelier collectif";
  else if (total > MAX_PARTICIPANTS) errors.total = "Le nombre de participants ne doit pas dépasser 10 000";
  const all = total ?? 0;
  const counts: Record<string, number> = { total: all };
  const read = (key: string): number => {
    const text = (raw[key] ?? "").trim();
    const n = text === "" ? 0 : wholeNumber(text);
    if (n === null) errors[key] = "Saisissez un nombre entier ou laissez vide";
    return n ?? 0;
  };
  const already = (counts.dejaAccompagne = read("dejaAccompagne"));
  if (!errors.total && already > all) errors.dejaAccompagne = "Les participants déjà accompagnés ne peuvent pas dépasser le nombre de participants";
  for (const group of participantGroups) {
    const known = group.counters.slice(0, -1);
    const unknownKey = group.counters.at(-1)!.value;
    let sum = 0;
    for (const counter of known) {
      const n = read(counter.value);
      counts[counter.value] = n;
      sum += n;
    }
    const firstKey = known[0]!.value;
    if (!errors.total && !errors[firstKey] && sum > all) {
      errors[firstKey] = `${group.label} : la somme des participants (${sum}) dépasse le nombre de participants (${all})`;
    }
    counts[unknownKey] = Math.max(0, all - sum);
  }
  return counts;
}

/** Validates a record and returns it clean (values of the other kind dropped), or the errors in form order. */
export function validateActivity(input: ActivityInput, context: ActivityContext): ActivityValidation {
  const errors: RuleErrors = {};
  if (!isTerm(activityKinds, input.kind)) errors.kind = "Choisissez le type d'accompagnement";
  checkDay(input.day, context.today, errors);
  const durationMinutes = checkDuration(input, errors);
  if (!isTerm(locationKinds, input.locationKind)) errors.locationKind = "Choisissez où a eu lieu l'accompagnement";
  const placeId = idIn(input.placeId, context.placeIds);
  if (placeId === "invalid") errors.placeId = "Choisissez un lieu de la liste";
  else if (placeId === null && input.locationKind === PLACE_OF_ACTIVITY) errors.placeId = "Choisissez le lieu d'activité";
  const mediatorId = idIn(input.mediatorId, context.mediatorIds);
  if (mediatorId === "invalid") errors.mediatorId = "Choisissez une personne de la liste";
  checkThemes(input, errors);
  checkMateriel(input.materiel, errors);
  const collective = input.kind === "collectif";
  let participants: Record<string, number> = {};
  if (collective) {
    if (input.niveau === "") errors.niveau = "Choisissez le niveau de l'atelier";
    else if (!isTerm(niveaux, input.niveau)) errors.niveau = "Choisissez un niveau de la liste";
    participants = checkParticipants(input.participants, errors);
  } else {
    checkIndividual(input, context, errors);
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    activity: {
      kind: input.kind as ActivityKind,
      day: input.day,
      durationMinutes,
      locationKind: input.locationKind as LocationKind,
      placeId: placeId as number | null,
      mediatorId: mediatorId as number | null,
      thematiques: [...new Set(input.thematiques)],
      sousThematiques: [...new Set(input.sousThematiques)],
      precision: input.thematiques.includes(ADMIN_THEMATIQUE) ? input.precision : "",
      materiel: [...new Set(input.materiel)],
      autonomie: collective || input.autonomie === "" ? null : input.autonomie,
      orientation: collective || input.orientation === "" ? null : input.orientation,
      niveau: collective ? input.niveau : null,
      participants,
      communeInsee: collective || input.communeInsee === "" ? null : input.communeInsee,
      firstVisit: collective || input.firstVisit === "" ? null : input.firstVisit === "oui",
    },
  };
}

/** The duration radio and minutes field that show a number of minutes (a preset, else typed minutes). */
export function durationFields(minutes: number): { duration: string; durationCustom: string } {
  return (durationPresets as readonly number[]).includes(minutes) ? { duration: String(minutes), durationCustom: "" } : { duration: "", durationCustom: String(minutes) };
}

/** The form values that show a stored record (the way back of `validateActivity`: validating them gives the record). */
export function inputOf(activity: ValidActivity): ActivityInput {
  const participants = Object.fromEntries(Object.entries(activity.participants).map(([key, n]) => [key, String(n)]));
  return {
    kind: activity.kind,
    day: activity.day,
    ...durationFields(activity.durationMinutes),
    locationKind: activity.locationKind,
    placeId: activity.placeId === null ? "" : String(activity.placeId),
    mediatorId: activity.mediatorId === null ? "" : String(activity.mediatorId),
    thematiques: activity.thematiques,
    sousThematiques: activity.sousThematiques,
    precision: activity.precision,
    materiel: activity.materiel,
    autonomie: activity.autonomie ?? "",
    orientation: activity.orientation ?? "",
    communeInsee: activity.communeInsee ?? "",
    firstVisit: activity.firstVisit === null ? "" : activity.firstVisit ? "oui" : "non",
    niveau: activity.niveau ?? "",
    participants,
  };
}
