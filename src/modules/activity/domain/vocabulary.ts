// The national vocabulary of accompaniment records (REFERENCE.md §2).
//
// Values and labels are copied byte for byte from the tool that defines them, La Coop de la médiation
// numérique (github.com/inclusion-numerique/coop-mediation-numerique, commit 46aa33b, files
// features/activites/use-cases/cra/fields/*.ts and features/beneficiaire/domain/*.ts): `value` is its API value
// (what we store and export), `label` its label. Where REFERENCE.md abbreviates a label ("Lieu d'activité",
// "< 12", "Opérateur ou organisme en charge"), the tool's exact label wins, as REFERENCE.md itself asks.

export type Term<V extends string = string> = { readonly value: V; readonly label: string };

function terms<const T extends readonly Term[]>(list: T): T {
  return list;
}

/** Activity types (TypeActivite). The values match the `activities.kind` column. */
export const activityKinds = terms([
  { value: "individuel", label: "Accompagnement individuel" },
  { value: "collectif", label: "Atelier collectif" },
] as const);
export type ActivityKind = (typeof activityKinds)[number]["value"];

/** Where the activity took place (TypeLieu). */
export const locationKinds = terms([
  { value: "lieu_activite", label: "Lieu d’activité" },
  { value: "domicile", label: "À domicile" },
  { value: "a_distance", label: "À distance" },
  { value: "autre", label: "Autre lieu" },
] as const);
export type LocationKind = (typeof locationKinds)[number]["value"];

/** Duration presets in minutes; any other whole number of minutes is a custom duration. */
export const durationPresets = [15, 30, 45, 60, 90, 120] as const;

/** Duration bands of the national statistics: minimum included, maximum excluded (null: no maximum). */
export const durationBands = [
  { value: "30", min: 0, max: 30, label: "Moins de 30 min" },
  { value: "60", min: 30, max: 60, label: "30min à 1 h" },
  { value: "120", min: 60, max: 120, label: "1 h à 2 h" },
  { value: "more", min: 120, max: null, label: "2 h et plus" },
] as const;
export type DurationBand = (typeof durationBands)[number]["value"];

/** Thématiques (Thematique, non-administrative part and the administrative one). At least one per record. */
export const thematiques = terms([
  { value: "diagnostic_numerique", label: "Diagnostic numérique" },
  { value: "prendre_en_main_du_materiel", label: "Prendre en main du matériel" },
  { value: "maintenance_de_materiel", label: "Maintenance de matériel" },
  { value: "gere_ses_contenus_numeriques", label: "Gérer ses contenus numériques" },
  { value: "navigation_sur_internet", label: "Navigation sur internet" },
  { value: "email", label: "E-mail" },
  { value: "bureautique", label: "Bureautique" },
  { value: "reseaux_sociaux", label: "Réseaux sociaux communication" },
  { value: "sante", label: "Santé" },
  { value: "banque_et_achats_en_ligne", label: "Banque et achats en ligne" },
  { value: "entrepreneuriat", label: "Accompagner un professionnel" },
  { value: "insertion_professionnelle", label: "Insertion professionnelle" },
  { value: "securite_numerique", label: "Prévention en sécurité numérique" },
  { value: "parentalite", label: "Parentalité" },
  { value: "scolarite_et_numerique", label: "Scolarité et numérique" },
  { value: "creer_avec_le_numerique", label: "Créer avec le numérique" },
  { value: "culture_numerique", label: "Culture numérique" },
  { value: "intelligence_artificielle", label: "Intelligence artificielle (IA)" },
  { value: "aide_aux_demarches_administratives", label: "Aide aux démarches administratives" },
] as const);
export type Thematique = (typeof thematiques)[number]["value"];

/** The thématique that opens the administrative sub-themes. */
export const ADMIN_THEMATIQUE = "aide_aux_demarches_administratives" satisfies Thematique;

/** Administrative sub-themes, only with "Aide aux démarches administratives". */
export const sousThematiques = terms([
  { value: "papiers_elections_citoyennete", label: "Papiers - Élections - Citoyenneté" },
  { value: "famille_scolarite", label: "Famille - Scolarité" },
  { value: "social_sante", label: "Social - Santé" },
  { value: "travail_formation", label: "Travail - Formation - Entreprise" },
  { value: "logement", label: "Logement" },
  { value: "transports_mobilite", label: "Transports - Mobilité" },
  { value: "argent_impots", label: "Argent - Impôts" },
  { value: "justice", label: "Justice" },
  { value: "etrangers_europe", label: "Étrangers - Europe" },
  { value: "loisirs_sports_culture", label: "Loisirs - Sports - Culture" },
  { value: "associations", label: "Associations" },
] as const);
export type SousThematique = (typeof sousThematiques)[number]["value"];

/** Equipment used (Materiel). "aucun" excludes the others. */
export const materiels = terms([
  { value: "ordinateur", label: "Ordinateur" },
  { value: "telephone", label: "Téléphone" },
  { value: "tablette", label: "Tablette" },
  { value: "autre", label: "Autre" },
  { value: "aucun", label: "Pas de matériel" },
] as const);
export type Materiel = (typeof materiels)[number]["value"];

/** Autonomy reached by the person (individual accompaniments). */
export const autonomies = terms([
  { value: "entierement_accompagne", label: "Avec guidage" },
  { value: "partiellement_autonome", label: "Autonome avec guidage en cas de besoin" },
  { value: "autonome", label: "Autonome" },
] as const);
export type Autonomie = (typeof autonomies)[number]["value"];

/** Where the person was redirected (StructureDeRedirection). */
export const orientations = terms([
  { value: "administration", label: "Administration (mairie, préfecture…)" },
  { value: "mediation_numerique", label: "Autre structure de médiation numérique" },
  { value: "operateur_ou_organisme_en_charge", label: "Opérateur ou organisme en charge de la démarche administrative" },
  { value: "aide_sociale", label: "Structure d’aide sociale (maison des solidarités, centre social…)" },
  {
    value: "insertion_professionnelle",
    label: "Structure d’insertion professionnelle (France Travail, mission locale, chambre de commerce…)",
  },
  { value: "aide_aux_demarches_administratives", label: "Structure d’aide aux démarches administratives (France Services…)" },
  { value: "autre", label: "Autre" },
] as const);
export type Orientation = (typeof orientations)[number]["value"];

/** Workshop level (NiveauAtelier). */
export const niveaux = terms([
  { value: "debutant", label: "Débutant" },
  { value: "intermediaire", label: "Intermédiaire" },
  { value: "avance", label: "Avancé" },
] as const);
export type Niveau = (typeof niveaux)[number]["value"];

/** Anonymous workshop participants: genre counters (keys of La Coop's participantsAnonymes). */
export const genreCounters = terms([
  { value: "genreMasculin", label: "Masculin" },
  { value: "genreFeminin", label: "Féminin" },
  { value: "genreNonCommunique", label: "Non communiqué" },
] as const);

/** Anonymous workshop participants: age band counters. */
export const trancheAgeCounters = terms([
  { value: "trancheAgeMoinsDeDouze", label: "Moins de 12 ans" },
  { value: "trancheAgeDouzeDixHuit", label: "12 - 17 ans" },
  { value: "trancheAgeDixHuitVingtQuatre", label: "18 - 24 ans" },
  { value: "trancheAgeVingtCinqTrenteNeuf", label: "25 - 39 ans" },
  { value: "trancheAgeQuaranteCinquanteNeuf", label: "40 - 59 ans" },
  { value: "trancheAgeSoixanteSoixanteNeuf", label: "60 - 69 ans" },
  { value: "trancheAgeSoixanteDixPlus", label: "70 ans et plus" },
  { value: "trancheAgeNonCommunique", label: "Non communiqué" },
] as const);

/** Anonymous workshop participants: social status counters. */
export const statutSocialCounters = terms([
  { value: "statutSocialScolarise", label: "Scolarisé" },
  { value: "statutSocialSansEmploi", label: "Sans emploi" },
  { value: "statutSocialEnEmploi", label: "En emploi" },
  { value: "statutSocialRetraite", label: "Retraité" },
  { value: "statutSocialNonCommunique", label: "Non communiqué ou hétérogène" },
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
