// A hand-computed fixture for the schools tests (integration, CLI): three schools in three communes, their
// classes and 50 items, as the three CSV files an operator imports, with the harmonisation figures worked
// out by hand from the rules of issue 4 (see the comments). Fictitious UAIs 07999xx with valid check letters.
import type { EquipmentCategory, ItemState } from "./domain/categories.js";
import { uaiCheckLetter } from "./domain/uai.js";

/** A valid fictitious UAI from a number (07999NN + check letter). */
export function demoUai(n: number): string {
  const digits = `07999${String(n).padStart(2, "0")}`;
  return `${digits}${uaiCheckLetter(digits)}`;
}

export const UAI_A = demoUai(11);
export const UAI_B = demoUai(12);
export const UAI_C = demoUai(13);

type FixtureItem = { uai: string; classe: string | null; categorie: EquipmentCategory; etat: ItemState; date?: string; cout?: string; garantie?: string };

const times = (n: number, item: Omit<FixtureItem, "etat"> & { etat?: ItemState }): FixtureItem[] =>
  Array.from({ length: n }, () => ({ etat: "en_service", ...item }));
const one = (uai: string, classe: string | null, categorie: EquipmentCategory, etat: ItemState = "en_service", extra: Partial<FixtureItem> = {}) =>
  times(1, { uai, classe, categorie, etat, ...extra });

/**
 * School A, 5 classes: affichage 5/3 (CP, CE1 under repair, CM1 twice; the CE2 projector is broken, the school-level
 * screen meets no class), poste_enseignant 5/1 (the CE1 laptop is retired), mobiles 24/14 (10 tablets + 4 pupil
 * computers; 2 broken tablets), direction 1/2, impression 1/0, wifi 1/1 (a class item counts for the school).
 * School B, 2 classes: affichage 2/2, poste 2/1, mobiles 12/12, direction 1/0, impression 1/1, wifi 1/0 (broken).
 * School C, 1 class: affichage 1/1 (under repair), poste 1/0, mobiles 12/3, direction 1/1, impression 1/0, wifi 1/1.
 */
export const FIXTURE_ITEMS: FixtureItem[] = [
  ...one(UAI_A, "CP", "ecran_interactif", "en_service", { date: "2021-09-01", cout: "2 890,00", garantie: "2026-09-01" }),
  ...one(UAI_A, "CE1", "videoprojecteur", "en_reparation", { date: "2015-01-15", cout: "899,90" }),
  ...one(UAI_A, "CE2", "videoprojecteur_interactif", "en_panne"),
  ...times(2, { uai: UAI_A, classe: "CM1", categorie: "ecran_interactif" }),
  ...one(UAI_A, null, "ecran_interactif"),
  ...one(UAI_A, "CP", "ordinateur_portable_enseignant", "en_service", { date: "2022-03-10" }),
  ...one(UAI_A, "CE1", "ordinateur_portable_enseignant", "reforme"),
  ...times(10, { uai: UAI_A, classe: null, categorie: "tablette", date: "2020-11-02" }),
  ...times(4, { uai: UAI_A, classe: "CE2", categorie: "ordinateur_eleve" }),
  ...times(2, { uai: UAI_A, classe: null, categorie: "tablette", etat: "en_panne" }),
  ...times(2, { uai: UAI_A, classe: null, categorie: "ordinateur_direction" }),
  ...one(UAI_A, "CM2", "point_acces_wifi"),
  ...one(UAI_B, "GS-CP", "ecran_interactif"),
  ...one(UAI_B, "CE1-CE2", "ecran_interactif"),
  ...one(UAI_B, "GS-CP", "ordinateur_portable_enseignant"),
  ...times(12, { uai: UAI_B, classe: null, categorie: "tablette" }),
  ...one(UAI_B, null, "imprimante_reseau"),
  ...one(UAI_B, null, "point_acces_wifi", "en_panne"),
  ...one(UAI_C, "Unique", "videoprojecteur", "en_reparation"),
  ...times(3, { uai: UAI_C, classe: null, categorie: "ordinateur_eleve" }),
  ...one(UAI_C, null, "ordinateur_direction"),
  ...one(UAI_C, null, "point_acces_wifi"),
];

/** Expected [element, requis, present, manque] per school, as worked out above. */
export const EXPECTED_ELEMENTS: Record<string, [string, number, number, number][]> = {
  [UAI_A]: [["affichage", 5, 3, 2], ["poste_enseignant", 5, 1, 4], ["mobiles", 24, 14, 10], ["direction", 1, 2, 0], ["impression", 1, 0, 1], ["wifi", 1, 1, 0]],
  [UAI_B]: [["affichage", 2, 2, 0], ["poste_enseignant", 2, 1, 1], ["mobiles", 12, 12, 0], ["direction", 1, 0, 1], ["impression", 1, 1, 0], ["wifi", 1, 0, 1]],
  [UAI_C]: [["affichage", 1, 1, 0], ["poste_enseignant", 1, 0, 1], ["mobiles", 12, 3, 9], ["direction", 1, 1, 0], ["impression", 1, 0, 1], ["wifi", 1, 1, 0]],
};

/** Σ min(present, requis) / Σ requis: A 20/37, B 16/19, C 6/17; groups {A, B} 36/56 and {C} 6/17; territory 42/73. */
export const EXPECTED_COMPLIANCE = { A: 20 / 37, B: 16 / 19, C: 6 / 17, groupAB: 36 / 56, groupC: 6 / 17, territory: 42 / 73 };

export const SCHOOL_NAMES: Record<string, string> = { [UAI_A]: "École des Lilas", [UAI_B]: "École du Bourg", [UAI_C]: "École de la Forêt" };

/** The directory CSV: the three schools in the given communes, then a collège, a closed school and a school elsewhere. */
export function directoryCsv(communes: [string, string, string]): string {
  const header = "Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Statut_public_prive;Adresse_1;Code_postal;Code_commune;Nom_commune;Nombre_d_eleves;etat;Ecole_maternelle;Ecole_elementaire";
  return [
    header,
    `${UAI_A};${SCHOOL_NAMES[UAI_A]};Ecole;Public;1 rue des Lilas;79200;${communes[0]};;120;OUVERT;0;1`,
    `${UAI_B};${SCHOOL_NAMES[UAI_B]};Ecole;Public;;;${communes[1]};;50;OUVERT;1;1`,
    `${UAI_C};${SCHOOL_NAMES[UAI_C]};Ecole;Public;;;${communes[2]};;25;OUVERT;;`,
    `${demoUai(14)};Collège Jean Zay;Collège;Public;;;${communes[0]};;400;OUVERT;;`,
    `${demoUai(15)};École fermée;Ecole;Public;;;${communes[0]};;;FERME;;`,
    `${demoUai(16)};École d'ailleurs;Ecole;Public;;;75056;Paris;;OUVERT;;`,
  ].join("\n");
}

/** Expected skipped directory rows, formatted as the CLI prints them. */
export const EXPECTED_SKIPPED = [
  `ligne 5 : ${demoUai(14)} ignorée — collège : seules les écoles sont importées`,
  `ligne 6 : ${demoUai(15)} ignorée — établissement fermé`,
  `ligne 7 : ${demoUai(16)} ignorée — hors territoire (commune 75056 Paris)`,
];

/** The classes CSV. */
export const CLASSES_CSV = [
  "uai;classe;niveaux;eleves",
  ...["CP", "CE1", "CE2", "CM1", "CM2"].map((c) => `${UAI_A};${c};${c};24`),
  `${UAI_B};GS-CP;GS|CP;25`,
  `${UAI_B};CE1-CE2;CE1|CE2;25`,
  `${UAI_C};Unique;CP|CE1|CE2|CM1|CM2;25`,
].join("\n");

/** Inventory number of the n-th fixture item (1-based). */
export const inventoryNumber = (n: number) => `INV-${String(n).padStart(4, "0")}`;

/** The equipment CSV of the 50 items (`extraLines` appended as they are). */
export function equipmentCsv(extraLines: string[] = []): string {
  const header = "uai;classe;categorie;numero_inventaire;modele;date_acquisition;cout_ttc;source_financement;fin_garantie;etat";
  const lines = FIXTURE_ITEMS.map((item, i) =>
    [item.uai, item.classe ?? "", item.categorie, inventoryNumber(i + 1), "Modèle d'essai", item.date ?? "", item.cout ?? "", "", item.garantie ?? "", item.etat].join(";"),
  );
  return [header, ...lines, ...extraLines].join("\n");
}
