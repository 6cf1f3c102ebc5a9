// The single-item equipment form (add, edit): fields named after the import's columns and checked by the
// import's own rules (`validateEquipment`), so that a form and a file accept the same item. The school is
// fixed by the page; the class is chosen by name among the school's. Pure.
import type { FieldErrors } from "../../ui/form.js";
import { validateEquipment, type EquipmentColumn } from "./import-export/equipment.js";
import type { ItemDetails } from "./inventory.commands.js";
import { centsToInput } from "./plan/money.js";

/** The form's fields, in the order of the page: every import column but the school's UAI. */
export const ITEM_FORM_FIELDS = [
  "numero_inventaire",
  "categorie",
  "modele",
  "classe",
  "etat",
  "date_acquisition",
  "fin_garantie",
  "cout_ttc",
  "source_financement",
] as const satisfies readonly EquipmentColumn[];

export type ItemFormField = (typeof ITEM_FORM_FIELDS)[number];
export type ItemFormValues = Record<ItemFormField, string>;

/** Labels of the fields, as the form, its errors and the item's history name them. */
export const ITEM_FIELD_LABELS: Readonly<Record<ItemFormField, string>> = {
  numero_inventaire: "Numéro d'inventaire",
  categorie: "Catégorie",
  modele: "Modèle",
  classe: "Classe",
  etat: "État",
  date_acquisition: "Date d'acquisition",
  fin_garantie: "Fin de garantie",
  cout_ttc: "Coût TTC",
  source_financement: "Source de financement",
};

/** What an empty required field asks for: the import's reason reads as a report, the form asks a question. */
const WHEN_EMPTY: Partial<Record<ItemFormField, string>> = {
  numero_inventaire: "Saisissez le numéro d'inventaire",
  categorie: "Choisissez la catégorie de l'équipement",
};

/** A new item's values: in service, for the school as a whole. */
export const NEW_ITEM_VALUES: ItemFormValues = {
  numero_inventaire: "",
  categorie: "",
  modele: "",
  classe: "",
  etat: "en_service",
  date_acquisition: "",
  fin_garantie: "",
  cout_ttc: "",
  source_financement: "",
};

/** The form fields of a body, trimmed ("" when absent). */
export function readItemValues(body: Record<string, unknown>): ItemFormValues {
  const entries = ITEM_FORM_FIELDS.map((field) => [field, typeof body[field] === "string" ? body[field].trim() : ""]);
  return Object.fromEntries(entries) as ItemFormValues;
}

/** A stored item as form values. */
export function itemFormValues(item: {
  inventoryNumber: string;
  category: string;
  model: string;
  className: string | null;
  state: string;
  acquisitionDate: string | null;
  warrantyEnd: string | null;
  costCents: number | null;
  fundingSource: string;
}): ItemFormValues {
  return {
    numero_inventaire: item.inventoryNumber,
    categorie: item.category,
    modele: item.model,
    classe: item.className ?? "",
    etat: item.state,
    date_acquisition: item.acquisitionDate ?? "",
    fin_garantie: item.warrantyEnd ?? "",
    cout_ttc: centsToInput(item.costCents),
    source_financement: item.fundingSource,
  };
}

/** An import reason as a form message: it names its field, or gets the field's label first. */
function formMessage(field: ItemFormField, reason: string, typed: string): string {
  const whenEmpty = WHEN_EMPTY[field];
  if (typed === "" && whenEmpty) return whenEmpty;
  const label = ITEM_FIELD_LABELS[field];
  if (reason.toLowerCase().includes(label.toLowerCase())) return reason.charAt(0).toUpperCase() + reason.slice(1);
  return `${label}\u00a0: ${reason}`;
}

/** The message of an inventory number another item of the territory already carries. */
export function numberTakenError(inventoryNumber: string): FieldErrors {
  return { numero_inventaire: `Le numéro d'inventaire ${inventoryNumber} est déjà celui d'un autre équipement du territoire` };
}

/** Checks the values with the import's rules for an item of this school; errors are keyed by field, in page order. */
export function parseItemForm(
  values: ItemFormValues,
  school: { uai: string; classes: readonly { id: number; name: string }[]; today: string },
): { ok: true; details: ItemDetails } | { ok: false; errors: FieldErrors } {
  const names = new Set(school.classes.map((c) => c.name));
  const result = validateEquipment((column) => (column === "uai" ? school.uai : values[column]), {
    knownUais: new Set([school.uai]),
    classesByUai: new Map([[school.uai, names]]),
    today: school.today,
  });
  if (!result.ok) {
    const byField = new Map<ItemFormField, string>();
    for (const { field, reason } of result.errors) {
      // The UAI is the stored school's, checked when the school was imported; shown at the location if ever odd.
      const shown = field === "uai" ? "classe" : field;
      if (!byField.has(shown)) byField.set(shown, formMessage(shown, reason, values[shown]));
    }
    return { ok: false, errors: Object.fromEntries(ITEM_FORM_FIELDS.filter((f) => byField.has(f)).map((f) => [f, byField.get(f)!])) };
  }
  const f = result.fields;
  const classId = f.classe === null ? null : school.classes.find((c) => c.name.toLowerCase() === f.classe!.toLowerCase())!.id;
  return {
    ok: true,
    details: {
      inventoryNumber: f.numeroInventaire,
      category: f.categorie,
      model: f.modele ?? "",
      classId,
      acquisitionDate: f.dateAcquisition,
      costCents: f.coutTtcCents,
      fundingSource: f.sourceFinancement ?? "",
      warrantyEnd: f.finGarantie,
      state: f.etat,
    },
  };
}
