/**
 * The back-office form of a place: one field per column of the standard, with French labels and help text;
 * conversion between the form's values and a record, validated by the import's own `validateLieu`.
 */
import type { FieldErrors } from "../../ui/form.js";
import { typologieLabels } from "./domain/typologie-labels.js";
import { ENUM_COLUMN_VALUES, STANDARD_COLUMNS, type LieuRecord, type StandardColumn } from "./import-export/lieu-record.js";
import { validateLieu } from "./import-export/lieu-validation.js";

type FieldKind = "text" | "textarea" | "lines" | "choices" | "number" | "url" | "tel" | "date";

export type PlaceField = {
  name: StandardColumn;
  label: string;
  hint?: string;
  kind: FieldKind;
  /** Values of an enumerated field, byte-identical to the package's enum, with what the form shows. */
  options?: { value: string; text: string }[];
  /** Message when a required field is left empty. */
  missing?: string;
};

const same = (values: readonly string[]) => values.map((value) => ({ value, text: value }));

/** Every field of the standard, in the order of the form (grouped as a person fills them in). */
export const PLACE_FIELDS: readonly PlaceField[] = [
  { name: "id", label: "Identifiant du lieu", kind: "text", hint: "Identifiant stable dans le standard, repris par la cartographie nationale. Laissez vide pour qu'il soit créé ; il ne change plus ensuite." },
  { name: "nom", label: "Nom du lieu", kind: "text", missing: "Saisissez le nom du lieu", hint: "Le nom que les habitants connaissent, par exemple « Médiathèque de Parthenay »." },
  { name: "pivot", label: "SIRET ou numéro RNA de la structure", kind: "text", missing: "Saisissez le SIRET (14 chiffres) ou le numéro RNA (W suivi de 9 caractères)", hint: "SIRET : 14 chiffres. Association : numéro RNA, W suivi de 9 caractères." },
  { name: "typologie", label: "Type de structure", kind: "choices", options: ENUM_COLUMN_VALUES.typologie.map((value) => ({ value, text: `${typologieLabels[value]} (${value})` })), hint: "Cochez un ou plusieurs types." },
  { name: "structure_parente", label: "Structure parente", kind: "text", hint: "Par exemple la communauté de communes ou l'association dont dépend le lieu." },
  { name: "adresse", label: "Adresse", kind: "text", missing: "Saisissez l'adresse (numéro et voie)", hint: "Numéro et voie, par exemple « 2 rue de la Citadelle »." },
  { name: "complement_adresse", label: "Complément d'adresse", kind: "text", hint: "Bâtiment, étage, porte." },
  { name: "code_postal", label: "Code postal", kind: "text", missing: "Saisissez le code postal (5 chiffres)" },
  { name: "commune", label: "Commune", kind: "text", missing: "Saisissez la commune" },
  { name: "code_insee", label: "Code INSEE de la commune", kind: "text", hint: "5 caractères, par exemple 79202 ou 2A004. Il sert à trouver le lieu par commune." },
  { name: "latitude", label: "Latitude", kind: "number", hint: "En degrés décimaux, par exemple 46.6486. À remplir avec la longitude." },
  { name: "longitude", label: "Longitude", kind: "number", hint: "En degrés décimaux, par exemple -0.2475." },
  { name: "itinerance", label: "Le lieu est-il fixe ou itinérant ?", kind: "choices", options: same(ENUM_COLUMN_VALUES.itinerance) },
  { name: "telephone", label: "Téléphone", kind: "tel", hint: "Par exemple 05 49 94 60 10 ; il est enregistré au format international (+33…)." },
  { name: "courriels", label: "Adresses de courriel", kind: "lines", hint: "Une adresse par ligne." },
  { name: "site_web", label: "Sites internet", kind: "lines", hint: "Une adresse par ligne, commençant par https://." },
  { name: "horaires", label: "Horaires d'ouverture", kind: "text", hint: "Format OpenStreetMap, par exemple « Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00; PH off » (Mo lundi, Tu mardi, We mercredi, Th jeudi, Fr vendredi, Sa samedi, Su dimanche, PH jours fériés)." },
  { name: "presentation_resume", label: "Présentation courte", kind: "textarea", hint: "280 caractères au plus. Elle s'affiche dans les résultats de recherche." },
  { name: "presentation_detail", label: "Présentation détaillée", kind: "textarea" },
  { name: "services", label: "Services proposés", kind: "choices", options: same(ENUM_COLUMN_VALUES.services), missing: "Cochez au moins un service proposé" },
  { name: "publics_specifiquement_adresses", label: "Publics accueillis en particulier", kind: "choices", options: same(ENUM_COLUMN_VALUES.publics_specifiquement_adresses), hint: "Ne cochez rien si le lieu accueille tout le monde." },
  { name: "prise_en_charge_specifique", label: "Accompagnements adaptés", kind: "choices", options: same(ENUM_COLUMN_VALUES.prise_en_charge_specifique) },
  { name: "frais_a_charge", label: "Frais pour la personne", kind: "choices", options: same(ENUM_COLUMN_VALUES.frais_a_charge) },
  { name: "modalites_acces", label: "Comment venir", kind: "choices", options: same(ENUM_COLUMN_VALUES.modalites_acces) },
  { name: "modalites_accompagnement", label: "Façons d'accompagner", kind: "choices", options: same(ENUM_COLUMN_VALUES.modalites_accompagnement) },
  { name: "dispositif_programmes_nationaux", label: "Dispositifs et programmes nationaux", kind: "choices", options: same(ENUM_COLUMN_VALUES.dispositif_programmes_nationaux) },
  { name: "formations_labels", label: "Formations et labels", kind: "choices", options: same(ENUM_COLUMN_VALUES.formations_labels) },
  { name: "autres_formations_labels", label: "Autres formations et labels", kind: "lines", hint: "Un par ligne." },
  { name: "prise_rdv", label: "Adresse de prise de rendez-vous en ligne", kind: "url" },
  { name: "fiche_acces_libre", label: "Fiche Acceslibre (accessibilité du lieu)", kind: "url", hint: "Adresse de la fiche du lieu sur acceslibre.beta.gouv.fr." },
  { name: "source", label: "Source de la donnée", kind: "text", hint: "Qui tient cette fiche à jour, par exemple le nom de votre territoire." },
  { name: "date_maj", label: "Date de mise à jour", kind: "date", hint: "Remplie automatiquement à chaque enregistrement." },
];

/** The form's sections, each with its fields: every column of the standard once, but `id` and `date_maj` (shown apart). */
export const PLACE_SECTIONS: readonly { title: string; fields: readonly string[] }[] = [
  { title: "Le lieu", fields: ["nom", "pivot", "typologie", "structure_parente"] },
  { title: "Adresse", fields: ["adresse", "complement_adresse", "code_postal", "commune", "code_insee", "latitude", "longitude", "itinerance"] },
  { title: "Contact", fields: ["telephone", "courriels", "site_web", "prise_rdv"] },
  { title: "Horaires", fields: ["horaires"] },
  { title: "Présentation", fields: ["presentation_resume", "presentation_detail"] },
  { title: "Services et publics", fields: ["services", "publics_specifiquement_adresses", "prise_en_charge_specifique", "frais_a_charge"] },
  { title: "Accès et accompagnement", fields: ["modalites_acces", "modalites_accompagnement", "fiche_acces_libre"] },
  { title: "Dispositifs et labels", fields: ["dispositif_programmes_nationaux", "formations_labels", "autres_formations_labels"] },
  { title: "Origine de la donnée", fields: ["source"] },
];

const FORM_ORDER: readonly string[] = ["id", ...PLACE_SECTIONS.flatMap((section) => section.fields)];

export const FIELD_BY_NAME: ReadonlyMap<string, PlaceField> = new Map(PLACE_FIELDS.map((field) => [field.name, field]));

/** What the form holds: text per field, a list for enumerated fields, and the publication choice. */
export type PlaceFormValues = { [K in StandardColumn]?: string | string[] } & { published?: string };

/** The form's values for an existing record. */
export function recordToForm(record: LieuRecord, published: boolean): PlaceFormValues {
  const values: PlaceFormValues = { published: published ? "oui" : "non" };
  for (const field of PLACE_FIELDS) {
    const value = record[field.name];
    if (value === undefined) continue;
    if (field.kind === "choices") values[field.name] = value as string[];
    else values[field.name] = Array.isArray(value) ? value.join("\n") : String(value);
  }
  return values;
}

/** Reads the posted body into form values (repeated checkboxes as lists, the rest as trimmed text). */
export function readPlaceForm(body: Record<string, unknown>): PlaceFormValues {
  const values: PlaceFormValues = { published: typeof body.published === "string" ? body.published : "oui" };
  for (const field of PLACE_FIELDS) {
    const raw = body[field.name];
    if (field.kind === "choices") values[field.name] = ([] as unknown[]).concat(raw ?? []).filter((v): v is string => typeof v === "string");
    else if (typeof raw === "string") values[field.name] = raw.trim();
  }
  return values;
}

export type PlaceFormResult = { ok: true; record: LieuRecord; published: boolean } | { ok: false; errors: FieldErrors };

/**
 * Validates the form with the standard's rules. `id` is the stored one when editing (never changed), else the
 * typed one or a new one; `date_maj` is today.
 */
export function parsePlaceForm(values: PlaceFormValues, props: { id: string; today: string }): PlaceFormResult {
  const raw: Record<string, string | string[]> = {};
  for (const column of STANDARD_COLUMNS) {
    const field = FIELD_BY_NAME.get(column);
    const value = values[column];
    if (value === undefined) continue;
    raw[column] = field?.kind === "lines" && typeof value === "string" ? value.split(/\r?\n/).map((line) => line.trim()).filter(Boolean) : value;
  }
  raw.id = props.id;
  raw.date_maj = props.today;
  const result = validateLieu(raw, 0);
  if (result.ok) return { ok: true, record: result.record, published: values.published !== "non" };
  const errors: FieldErrors = {};
  // The error summary lists the errors in the order of the form.
  const rank = (field: string) => FORM_ORDER.indexOf(field) === -1 ? FORM_ORDER.length : FORM_ORDER.indexOf(field);
  for (const error of [...result.errors].sort((a, b) => rank(a.field) - rank(b.field))) {
    if (error.field in errors) continue;
    const field = FIELD_BY_NAME.get(error.field);
    const missing = error.reason === "valeur obligatoire manquante";
    errors[error.field] = field?.missing && missing ? field.missing : `${field?.label ?? error.field}\u00a0: ${error.reason}`;
  }
  return { ok: false, errors };
}
