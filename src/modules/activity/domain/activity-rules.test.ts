import { describe, expect, it } from "vitest";
import { durationFields, inputOf, validateActivity, type ActivityContext, type ActivityInput } from "./activity-rules.js";

const context: ActivityContext = { today: "2027-03-02", placeIds: [1, 2], mediatorIds: [7], communes: ["79202", "79080"] };

const individual: ActivityInput = {
  kind: "individuel",
  day: "2027-03-02",
  duration: "30",
  durationCustom: "",
  locationKind: "Lieu d'activité",
  placeId: "1",
  mediatorId: "7",
  thematiques: ["E-mail"],
  sousThematiques: [],
  precision: "",
  materiel: ["Téléphone"],
  autonomie: "Autonome",
  orientation: "",
  communeInsee: "79202",
  firstVisit: "oui",
  niveau: "",
  participants: {},
};

const workshop: ActivityInput = {
  ...individual,
  kind: "collectif",
  duration: "120",
  niveau: "Débutant",
  participants: { total: "8", dejaAccompagne: "3", genreFeminin: "5", genreMasculin: "2", trancheAgeSoixanteDixPlus: "4" },
};

function errorsOf(input: ActivityInput): Record<string, string> {
  const result = validateActivity(input, context);
  return result.ok ? {} : result.errors;
}

describe("validateActivity", () => {
  it("accepts a plain individual record and keeps its values", () => {
    const result = validateActivity(individual, context);
    expect(result).toEqual({
      ok: true,
      activity: {
        kind: "individuel",
        day: "2027-03-02",
        durationMinutes: 30,
        locationKind: "Lieu d'activité",
        placeId: 1,
        mediatorId: 7,
        thematiques: ["E-mail"],
        sousThematiques: [],
        precision: "",
        materiel: ["Téléphone"],
        autonomie: "Autonome",
        orientation: null,
        niveau: null,
        participants: {},
        communeInsee: "79202",
        firstVisit: true,
      },
    });
  });

  it.each<[string, Partial<ActivityInput>, Record<string, string>]>([
    ["no thématique", { thematiques: [] }, { thematiques: "Choisissez au moins une thématique" }],
    ["an unknown thématique", { thematiques: ["cuisine"] }, { thematiques: "Choisissez des thématiques de la liste" }],
    [
      "sub-themes without the administrative thématique",
      { sousThematiques: ["Logement"] },
      { sousThematiques: "Les démarches ne se précisent qu'avec la thématique « Aide aux démarches administratives » : cochez-la ou décochez les démarches" },
    ],
    ["no date", { day: "" }, { day: "Saisissez la date de l'accompagnement" }],
    ["an impossible date", { day: "2027-02-30" }, { day: "La date doit être une vraie date, par exemple 03/03/2027" }],
    ["a date in the future", { day: "2027-03-03" }, { day: "La date ne peut pas être dans le futur" }],
    ["no duration", { duration: "" }, { duration: "Choisissez la durée ou saisissez-la en minutes" }],
    ["a duration outside the presets", { duration: "25" }, { duration: "Choisissez une durée de la liste" }],
    ["a custom duration in words", { durationCustom: "une heure" }, { durationCustom: "La durée doit être un nombre entier de minutes, par exemple 40" }],
    ["a custom duration of 0", { durationCustom: "0" }, { durationCustom: "La durée doit être comprise entre 1 minute et 12 heures (720 minutes)" }],
    ["a custom duration over 12 hours", { durationCustom: "721" }, { durationCustom: "La durée doit être comprise entre 1 minute et 12 heures (720 minutes)" }],
    ["no place for a place of activity", { placeId: "" }, { placeId: "Choisissez le lieu d'activité" }],
    ["a place of another list", { placeId: "99" }, { placeId: "Choisissez un lieu de la liste" }],
    ["a mediator of another list", { mediatorId: "8" }, { mediatorId: "Choisissez une personne de la liste" }],
    ["no equipment together with equipment", { materiel: ["Pas de matériel", "Téléphone"] }, { materiel: "« Pas de matériel » ne peut pas être coché avec un autre matériel" }],
    ["a commune outside the territory", { communeInsee: "75056" }, { communeInsee: "Choisissez une commune de la liste" }],
    ["an unknown type", { kind: "groupe" }, { kind: "Choisissez le type d'accompagnement" }],
  ])("refuses %s with a French message", (_name, change, expected) => {
    expect(errorsOf({ ...individual, ...change })).toEqual(expected);
  });

  it("prefers typed minutes to the checked preset, and accepts sub-themes with the administrative thématique", () => {
    const result = validateActivity(
      { ...individual, duration: "30", durationCustom: "40", thematiques: ["Aide aux démarches administratives"], sousThematiques: ["Logement"], precision: "dossier APL" },
      context,
    );
    expect(result.ok && [result.activity.durationMinutes, result.activity.sousThematiques, result.activity.precision]).toEqual([40, ["Logement"], "dossier APL"]);
  });

  it("needs no place for an accompaniment at a distance", () => {
    const result = validateActivity({ ...individual, locationKind: "À distance", placeId: "" }, context);
    expect(result.ok && result.activity.placeId).toBeNull();
  });

  it("completes each workshop counter group with its 'non communiqué' counter and drops individual fields", () => {
    const result = validateActivity(workshop, context);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.activity.participants).toMatchObject({
      total: 8,
      dejaAccompagne: 3,
      genreFeminin: 5,
      genreMasculin: 2,
      genreNonCommunique: 1,
      trancheAgeSoixanteDixPlus: 4,
      trancheAgeNonCommunique: 4,
      statutSocialNonCommunique: 8,
    });
    expect([result.activity.autonomie, result.activity.communeInsee, result.activity.firstVisit, result.activity.niveau]).toEqual([null, null, null, "Débutant"]);
  });

  it.each<[string, Partial<ActivityInput>, Record<string, string>]>([
    ["no level", { niveau: "" }, { niveau: "Choisissez le niveau de l'atelier" }],
    ["no participant", { participants: { total: "0" } }, { total: "Il faut au moins 1 participant pour un atelier collectif" }],
    ["an empty total", { participants: {} }, { total: "Saisissez le nombre de participants" }],
    ["a total in words", { participants: { total: "huit" } }, { total: "Le nombre de participants doit être un nombre entier, par exemple 8" }],
    ["too many already accompanied", { participants: { total: "2", dejaAccompagne: "3" } }, { dejaAccompagne: "Les participants déjà accompagnés ne peuvent pas dépasser le nombre de participants" }],
    [
      "genres adding up to more than the total",
      { participants: { total: "2", genreMasculin: "2", genreFeminin: "1" } },
      { genreMasculin: "Genre : la somme des participants (3) dépasse le nombre de participants (2)" },
    ],
    ["a negative counter", { participants: { total: "2", trancheAgeDouzeDixHuit: "-1" } }, { trancheAgeDouzeDixHuit: "Saisissez un nombre entier ou laissez vide" }],
  ])("refuses a workshop with %s", (_name, change, expected) => {
    expect(errorsOf({ ...workshop, ...change })).toEqual(expected);
  });

  it("lists every error in the order of the form", () => {
    expect(Object.keys(errorsOf({ ...individual, day: "", duration: "", thematiques: [], placeId: "" }))).toEqual(["day", "duration", "placeId", "thematiques"]);
  });
});

describe("durationFields", () => {
  it.each([
    [30, { duration: "30", durationCustom: "" }],
    [120, { duration: "120", durationCustom: "" }],
    [40, { duration: "", durationCustom: "40" }],
  ])("shows %i minutes", (minutes, expected) => {
    expect(durationFields(minutes)).toEqual(expected);
  });
});

describe("inputOf (a stored record shown in the form again)", () => {
  it.each([
    ["an individual record", individual],
    ["a workshop", workshop],
    ["a record with a typed duration and no place", { ...individual, duration: "", durationCustom: "47", locationKind: "À distance", placeId: "", firstVisit: "non", autonomie: "" }],
  ])("validates back to the same record: %s", (_name, input) => {
    const first = validateActivity(input, context);
    if (!first.ok) throw new Error(JSON.stringify(first.errors));
    const again = validateActivity(inputOf(first.activity), context);
    expect(again).toEqual(first);
  });
});
