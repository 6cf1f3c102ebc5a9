// The national vocabulary of accompaniment records, byte for byte as REFERENCE.md §2 writes it.
//
// These are the words of the national mediation tool (La Coop de la médiation numérique). Stored values are
// the words themselves, as for the places standard, so records, demo data and exports read the same. Where
// La Coop's current labels differ (typographic apostrophe in "Lieu d’activité", longer orientation labels,
// "Moins de 12 ans", no-break spaces in duration bands), REFERENCE.md is followed: an export to La Coop's API
// would map these values to its codes, one to one, in this order.

export type Term<V extends string = string> = { readonly value: V; readonly label: string };

function terms<const T extends readonly Term[]>(list: T): T {
  return list;
}

/** Terms whose stored value is the national word itself. */
function words<const W extends readonly string[]>(list: W): readonly Term<W[number]>[] {
  return list.map((word) => ({ value: word, label: word }));
}

/** Activity types. The values are the codes of the `activities.kind` column, the labels the national words. */
export const activityKinds = terms([
  { value: "individuel", label: "Individuel" },
  { value: "collectif", label: "Collectif" },
] as const);
export type ActivityKind = (typeof activityKinds)[number]["value"];

/** Where the activity took place (TypeLieu). */
export const locationKinds = words([
  "Lieu d'activité",
  "À domicile",
  "À distance",
  "Autre lieu",
] as const);
export type LocationKind = (typeof locationKinds)[number]["value"];

/** The place kind that needs a place of the territory. */
export const PLACE_OF_ACTIVITY = "Lieu d'activité" satisfies LocationKind;

/** Duration presets in minutes; any other whole number of minutes is a custom duration. */
export const durationPresets = [15, 30, 45, 60, 90, 120] as const;

/** Duration bands of the national statistics: minimum included, maximum excluded (null: no maximum). */
export const durationBands = [
  { value: "30", min: 0, max: 30, label: "< 30 min" },
  { value: "60", min: 30, max: 60, label: "30 min–1 h" },
  { value: "120", min: 60, max: 120, label: "1–2 h" },
  { value: "more", min: 120, max: null, label: "≥ 2 h" },
] as const;
export type DurationBand = (typeof durationBands)[number]["value"];

/** Thématiques (Thematique, non-administrative part and the administrative one). At least one per record. */
export const thematiques = words([
  "Diagnostic numérique",
  "Prendre en main du matériel",
  "Maintenance de matériel",
  "Gérer ses contenus numériques",
  "Navigation sur internet",
  "E-mail",
  "Bureautique",
  "Réseaux sociaux communication",
  "Santé",
  "Banque et achats en ligne",
  "Accompagner un professionnel",
  "Insertion professionnelle",
  "Prévention en sécurité numérique",
  "Parentalité",
  "Scolarité et numérique",
  "Créer avec le numérique",
  "Culture numérique",
  "Intelligence artificielle (IA)",
  "Aide aux démarches administratives",
] as const);
export type Thematique = (typeof thematiques)[number]["value"];

/** The thématique that opens the administrative sub-themes. */
export const ADMIN_THEMATIQUE = "Aide aux démarches administratives" satisfies Thematique;

/** Administrative sub-themes, only with "Aide aux démarches administratives". */
export const sousThematiques = words([
  "Papiers - Élections - Citoyenneté",
  "Famille - Scolarité",
  "Social - Santé",
  "Travail - Formation - Entreprise",
  "Logement",
  "Transports - Mobilité",
  "Argent - Impôts",
  "Justice",
  "Étrangers - Europe",
  "Loisirs - Sports - Culture",
  "Associations",
] as const);
export type SousThematique = (typeof sousThematiques)[number]["value"];

/** Equipment used. */
export const materiels = words([
  "Ordinateur",
  "Téléphone",
  "Tablette",
  "Autre",
  "Pas de matériel",
] as const);
export type Materiel = (typeof materiels)[number]["value"];

/** The equipment value that excludes the others. */
export const NO_MATERIEL = "Pas de matériel" satisfies Materiel;

/** Autonomy reached by the person (individual accompaniments). */
export const autonomies = words([
  "Avec guidage",
  "Autonome avec guidage en cas de besoin",
  "Autonome",
] as const);
export type Autonomie = (typeof autonomies)[number]["value"];

/** Where the person was redirected (StructureDeRedirection). */
export const orientations = words([
  "Administration (mairie, préfecture…)",
  "Médiation numérique",
  "Opérateur ou organisme en charge",
  "Aide sociale (maison des solidarités, centre social…)",
  "Insertion professionnelle (France Travail, mission locale…)",
  "Aide aux démarches administratives (France Services…)",
  "Autre",
] as const);
export type Orientation = (typeof orientations)[number]["value"];

/** Workshop level (NiveauAtelier). */
export const niveaux = words([
  "Débutant",
  "Intermédiaire",
  "Avancé",
] as const);
export type Niveau = (typeof niveaux)[number]["value"];

/** Anonymous workshop participants: genre counters (keys as in La Coop's participantsAnonymes). */
export const genreCounters = terms([
  { value: "genreMasculin", label: "Masculin" },
  { value: "genreFeminin", label: "Féminin" },
  { value: "genreNonCommunique", label: "Non communiqué" },
] as const);

/** Anonymous workshop participants: age band counters. */
export const trancheAgeCounters = terms([
  { value: "trancheAgeMoinsDeDouze", label: "< 12" },
  { value: "trancheAgeDouzeDixHuit", label: "12–17" },
  { value: "trancheAgeDixHuitVingtQuatre", label: "18–24" },
  { value: "trancheAgeVingtCinqTrenteNeuf", label: "25–39" },
  { value: "trancheAgeQuaranteCinquanteNeuf", label: "40–59" },
  { value: "trancheAgeSoixanteSoixanteNeuf", label: "60–69" },
  { value: "trancheAgeSoixanteDixPlus", label: "70 et plus" },
  { value: "trancheAgeNonCommunique", label: "Non communiqué" },
] as const);

/** Anonymous workshop participants: social status counters. */
export const statutSocialCounters = terms([
  { value: "statutSocialScolarise", label: "Scolarisé" },
  { value: "statutSocialSansEmploi", label: "Sans emploi" },
  { value: "statutSocialEnEmploi", label: "En emploi" },
  { value: "statutSocialRetraite", label: "Retraité" },
  { value: "statutSocialNonCommunique", label: "Non communiqué" },
] as const);

/** The counter groups whose "non communiqué" counter completes the known ones up to the total. */
export const participantGroups = [
  { name: "genre", label: "Genre", counters: genreCounters },
  { name: "trancheAge", label: "Tranche d'âge", counters: trancheAgeCounters },
  { name: "statutSocial", label: "Statut social", counters: statutSocialCounters },
] as const;

/** Every participants counter key, in the order of La Coop's participantsAnonymes. */
export const participantCounterKeys: readonly string[] = [
  "total",
  "dejaAccompagne",
  ...genreCounters.map((c) => c.value),
  ...trancheAgeCounters.map((c) => c.value),
  ...statutSocialCounters.map((c) => c.value),
];

/** The label of a vocabulary value, or the value itself when it is unknown (old data stays readable). */
export function labelOf(list: readonly Term[], value: string | null | undefined): string {
  if (value == null) return "";
  return list.find((t) => t.value === value)?.label ?? value;
}

/** True when the value belongs to the list. */
export function isTerm<V extends string>(list: readonly Term<V>[], value: string): value is V {
  return list.some((t) => t.value === value);
}
