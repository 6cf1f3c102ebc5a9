// Equipment categories and item states of the school inventory, as listed in issue 4. The codes are
// stored and exchanged in CSV files; the labels are what people read.

/** Category codes, in the order of issue 4. */
export const EQUIPMENT_CATEGORIES = [
  "ecran_interactif",
  "videoprojecteur_interactif",
  "videoprojecteur",
  "ordinateur_portable_enseignant",
  "ordinateur_direction",
  "ordinateur_eleve",
  "tablette",
  "visualiseur",
  "imprimante_reseau",
  "point_acces_wifi",
  "valise_rechargement",
  "autre",
] as const;

export type EquipmentCategory = (typeof EQUIPMENT_CATEGORIES)[number];

/** French labels of the categories. */
export const CATEGORY_LABELS: Readonly<Record<EquipmentCategory, string>> = {
  ecran_interactif: "Écran numérique interactif",
  videoprojecteur_interactif: "Vidéoprojecteur interactif",
  videoprojecteur: "Vidéoprojecteur",
  ordinateur_portable_enseignant: "Ordinateur portable enseignant",
  ordinateur_direction: "Ordinateur de direction",
  ordinateur_eleve: "Ordinateur élève",
  tablette: "Tablette",
  visualiseur: "Visualiseur",
  imprimante_reseau: "Imprimante réseau",
  point_acces_wifi: "Point d'accès Wi-Fi",
  valise_rechargement: "Valise de rechargement",
  autre: "Autre équipement",
};

/** State codes of an item, in the order of issue 4. */
export const ITEM_STATES = ["en_service", "en_panne", "en_reparation", "reforme"] as const;

export type ItemState = (typeof ITEM_STATES)[number];

/** French labels of the states. */
export const STATE_LABELS: Readonly<Record<ItemState, string>> = {
  en_service: "En service",
  en_panne: "En panne",
  en_reparation: "En réparation",
  reforme: "Réformé",
};

/** States in which an item counts towards the reference set and the indicators (issue 4). */
export const COUNTED_STATES: ReadonlySet<ItemState> = new Set<ItemState>(["en_service", "en_reparation"]);

/** Whether an item in this state counts (in service, or away for repair and coming back). */
export function isCountedState(state: ItemState): boolean {
  return COUNTED_STATES.has(state);
}

/** Type guard for a category code read from outside (form, CSV). */
export function isEquipmentCategory(value: string): value is EquipmentCategory {
  return (EQUIPMENT_CATEGORIES as readonly string[]).includes(value);
}

/** Type guard for a state code read from outside (form, CSV). */
export function isItemState(value: string): value is ItemState {
  return (ITEM_STATES as readonly string[]).includes(value);
}

export type LifetimeTable = Readonly<Record<EquipmentCategory, number>>;

/**
 * Default expected lifetime in years per category, used when an item has no end of life of its own.
 * These are planning assumptions close to the usual depreciation periods of local authorities and
 * to manufacturers' support periods, not a national rule: a territory edits them (its own table is
 * passed wherever a LifetimeTable is expected).
 */
export const DEFAULT_LIFETIME_YEARS: LifetimeTable = {
  ecran_interactif: 8,
  videoprojecteur_interactif: 7,
  videoprojecteur: 7,
  ordinateur_portable_enseignant: 5,
  ordinateur_direction: 5,
  ordinateur_eleve: 5,
  tablette: 4,
  visualiseur: 7,
  imprimante_reseau: 6,
  point_acces_wifi: 7,
  valise_rechargement: 8,
  autre: 5,
};

/** Categories counted as computers in the indicators (tablets are counted apart: see indicators.ts). */
export const COMPUTER_CATEGORIES: readonly EquipmentCategory[] = [
  "ordinateur_portable_enseignant",
  "ordinateur_direction",
  "ordinateur_eleve",
];

/** Interactive displays: what the national figures call interactive boards. */
export const INTERACTIVE_DISPLAY_CATEGORIES: readonly EquipmentCategory[] = [
  "ecran_interactif",
  "videoprojecteur_interactif",
];

/** Any class display, interactive or not (the `affichage` element of the reference set). */
export const DISPLAY_CATEGORIES: readonly EquipmentCategory[] = [
  "ecran_interactif",
  "videoprojecteur_interactif",
  "videoprojecteur",
];
