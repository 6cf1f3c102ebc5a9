/**
 * A place as Maillage stores it: the flat fields of the national standard "lieux de médiation numérique"
 * (schema v1.0.2), with the standard's own names, multi-valued fields as arrays of the package's enum values,
 * coordinates as numbers and `date_maj` as "YYYY-MM-DD". Optional fields are absent, never empty.
 */
import {
  DispositifProgrammeNational,
  FormationLabel,
  Frais,
  Itinerance,
  ModaliteAcces,
  ModaliteAccompagnement,
  PriseEnChargeSpecifique,
  PublicSpecifiquementAdresse,
  Service,
  Typologie,
  type SchemaLieuMediationNumerique,
} from "@gouvfr-anct/lieux-de-mediation-numerique";

export interface LieuRecord {
  id: string;
  /** SIRET (14 digits) or RNA number (W + 9 characters), spaces removed. */
  pivot: string;
  nom: string;
  commune: string;
  code_postal: string;
  code_insee?: string;
  adresse: string;
  complement_adresse?: string;
  latitude?: number;
  longitude?: number;
  typologie?: Typologie[];
  /** International form required by the official schema, e.g. "+33180059880". */
  telephone?: string;
  courriels?: string[];
  site_web?: string[];
  /** OpenStreetMap `opening_hours` syntax, checked with the `opening_hours` library. */
  horaires?: string;
  presentation_resume?: string;
  presentation_detail?: string;
  source?: string;
  itinerance?: Itinerance[];
  structure_parente?: string;
  date_maj: string;
  /** Optional in schema v1.0.2 but required here: a place without services is not shown in the finder. */
  services: Service[];
  publics_specifiquement_adresses?: PublicSpecifiquementAdresse[];
  prise_en_charge_specifique?: PriseEnChargeSpecifique[];
  frais_a_charge?: Frais[];
  dispositif_programmes_nationaux?: DispositifProgrammeNational[];
  formations_labels?: FormationLabel[];
  autres_formations_labels?: string[];
  modalites_acces?: ModaliteAcces[];
  modalites_accompagnement?: ModaliteAccompagnement[];
  fiche_acces_libre?: string;
  prise_rdv?: string;
}

/**
 * The standard's columns in the official order. The package only exposes the flat form as a TypeScript type
 * (no runtime list), so the order is written once here, copied from the `fields` of schema.json v1.0.2:
 * https://raw.githubusercontent.com/LaMednum/standard-mediation-num/v1.0.2/schema.json
 * (same order as its example file `exemple-valide.csv`). The type check below fails if the package's
 * `SchemaLieuMediationNumerique` gains a field that is not listed.
 */
export const STANDARD_COLUMNS = [
  "id",
  "pivot",
  "nom",
  "commune",
  "code_postal",
  "code_insee",
  "adresse",
  "complement_adresse",
  "latitude",
  "longitude",
  "typologie",
  "telephone",
  "courriels",
  "site_web",
  "horaires",
  "presentation_resume",
  "presentation_detail",
  "source",
  "itinerance",
  "structure_parente",
  "date_maj",
  "services",
  "publics_specifiquement_adresses",
  "prise_en_charge_specifique",
  "frais_a_charge",
  "dispositif_programmes_nationaux",
  "formations_labels",
  "autres_formations_labels",
  "modalites_acces",
  "modalites_accompagnement",
  "fiche_acces_libre",
  "prise_rdv",
] as const satisfies readonly (keyof SchemaLieuMediationNumerique & keyof LieuRecord)[];

export type StandardColumn = (typeof STANDARD_COLUMNS)[number];

type AssertNever<T extends never> = T;
// Compile-time guards: every field of the package's flat type and of LieuRecord has a column.
export type AllSchemaFieldsListed = AssertNever<Exclude<keyof SchemaLieuMediationNumerique, StandardColumn>>;
export type AllRecordFieldsListed = AssertNever<Exclude<keyof LieuRecord, StandardColumn>>;

/** Columns required by the standard (plus `services`, which Maillage requires). */
export const REQUIRED_COLUMNS: readonly StandardColumn[] = [
  "id",
  "pivot",
  "nom",
  "commune",
  "code_postal",
  "adresse",
  "date_maj",
  "services",
];

/** Columns holding several values joined with `|` in the flat form. */
export const MULTI_VALUED_COLUMNS: ReadonlySet<StandardColumn> = new Set([
  "typologie",
  "courriels",
  "site_web",
  "itinerance",
  "services",
  "publics_specifiquement_adresses",
  "prise_en_charge_specifique",
  "frais_a_charge",
  "dispositif_programmes_nationaux",
  "formations_labels",
  "autres_formations_labels",
  "modalites_acces",
  "modalites_accompagnement",
]);

/** The standard's separator between the values of a multi-valued field. */
export const MULTI_VALUE_SEPARATOR = "|";

/** The enumerated columns and their allowed values, taken from the package's enums (never retyped). */
export const ENUM_COLUMN_VALUES = {
  typologie: Object.values(Typologie),
  itinerance: Object.values(Itinerance),
  services: Object.values(Service),
  publics_specifiquement_adresses: Object.values(PublicSpecifiquementAdresse),
  prise_en_charge_specifique: Object.values(PriseEnChargeSpecifique),
  frais_a_charge: Object.values(Frais),
  dispositif_programmes_nationaux: Object.values(DispositifProgrammeNational),
  formations_labels: Object.values(FormationLabel),
  modalites_acces: Object.values(ModaliteAcces),
  modalites_accompagnement: Object.values(ModaliteAccompagnement),
} satisfies Partial<Record<StandardColumn, readonly string[]>>;

/** A record in the standard's flat form (JSON), keys in the official order, absent fields left out. */
export function toStandardRow(record: LieuRecord): SchemaLieuMediationNumerique {
  const row: Record<string, string | number> = {};
  for (const column of STANDARD_COLUMNS) {
    const value = record[column];
    if (value === undefined) continue;
    row[column] = Array.isArray(value) ? value.join(MULTI_VALUE_SEPARATOR) : value;
  }
  return row as unknown as SchemaLieuMediationNumerique;
}

/** The record's cells in column order, as CSV text ("" for an absent field). */
export function toStandardCells(record: LieuRecord): string[] {
  return STANDARD_COLUMNS.map((column) => {
    const value = record[column];
    if (value === undefined) return "";
    return Array.isArray(value) ? value.join(MULTI_VALUE_SEPARATOR) : String(value);
  });
}
