// Rows of the equipment import:
// `uai;classe;categorie;numero_inventaire;modele;date_acquisition;cout_ttc;source_financement;fin_garantie;etat`.
// `classe` empty = the school as a whole. Costs accept French decimal commas ("1 234,56"); dates
// YYYY-MM-DD or DD/MM/YYYY. Category and state are read as codes or as their French labels, without
// regard to case, accents or spaces ("Point d'accès Wi-Fi" → point_acces_wifi); an empty `etat`
// means en_service. Inventory numbers must be unique in the file
// (uniqueness in the territory, and the upsert, belong to the command writing the rows). `validateEquipment`
// holds the per-item rules, shared by the import and the single-item form.
import {
  CATEGORY_LABELS,
  EQUIPMENT_CATEGORIES,
  ITEM_STATES,
  STATE_LABELS,
  type EquipmentCategory,
  type ItemState,
} from "../domain/categories.js";
import { checkUai } from "../domain/uai.js";
import {
  cellReader,
  mapHeader,
  normalizeCode,
  parseEuroCents,
  parseFrenchDate,
  readCsv,
  type CsvRecord,
  type ImportError,
  type ImportResult,
} from "./csv.js";

export const EQUIPMENT_COLUMNS = [
  "uai",
  "classe",
  "categorie",
  "numero_inventaire",
  "modele",
  "date_acquisition",
  "cout_ttc",
  "source_financement",
  "fin_garantie",
  "etat",
] as const;

export interface EquipmentRow {
  line: number;
  uai: string;
  /** Class name; null = the school as a whole. */
  classe: string | null;
  categorie: EquipmentCategory;
  numeroInventaire: string;
  modele: string | null;
  dateAcquisition: string | null;
  coutTtcCents: number | null;
  sourceFinancement: string | null;
  finGarantie: string | null;
  etat: ItemState;
}

export interface EquipmentOptions {
  /** UAIs of the territory's schools; when given, a row for another school is an error. */
  knownUais?: ReadonlySet<string>;
  /** Class names per UAI; when given, a row naming another class is an error (names compared case-insensitively). */
  classesByUai?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Today's date (YYYY-MM-DD); when given, acquisition dates after it are rejected. */
  today?: string;
}

const MAX_INVENTORY_NUMBER = 64;
/** The largest cost the database stores (an integer column of cents). */
const MAX_COST_CENTS = 2_147_483_647;

/** Finds a code from its code or label written loosely. */
function codeLookup<Code extends string>(labels: Readonly<Record<Code, string>>): (input: string) => Code | undefined {
  const byKey = new Map<string, Code>();
  for (const [code, label] of Object.entries(labels) as [Code, string][]) {
    byKey.set(normalizeCode(code), code);
    byKey.set(normalizeCode(label), code);
  }
  return (input) => byKey.get(normalizeCode(input));
}

const findCategory = codeLookup<EquipmentCategory>(CATEGORY_LABELS);
const findState = codeLookup<ItemState>(STATE_LABELS);

export type EquipmentColumn = (typeof EQUIPMENT_COLUMNS)[number];

/** One item's fields once validated: an import row without its line number. */
export type EquipmentFields = Omit<EquipmentRow, "line">;

/** A rejected field of one item (column name) and why, in French. */
export type EquipmentFieldError = { field: EquipmentColumn; reason: string };

/**
 * Validates one item's fields as typed, each read by its column name: the rules of the import, shared with the
 * single-item form. Inventory-number uniqueness is left to the caller (within a file, or in the territory).
 */
export function validateEquipment(
  get: (column: EquipmentColumn) => string,
  options: EquipmentOptions = {},
): { ok: true; fields: EquipmentFields } | { ok: false; errors: EquipmentFieldError[] } {
  const errors: EquipmentFieldError[] = [];
  const fail = (field: EquipmentColumn, reason: string) => errors.push({ field, reason });
  const uai = checkUai(get("uai"));
  if (!uai.ok) fail("uai", uai.reason);
  else if (options.knownUais && !options.knownUais.has(uai.uai)) fail("uai", `aucune école ${uai.uai} dans le territoire`);
  const classe = get("classe") || null;
  const classes = uai.ok ? options.classesByUai?.get(uai.uai) : undefined;
  if (classe && options.classesByUai && uai.ok) {
    const known = [...(classes ?? [])].some((name) => name.toLowerCase() === classe.toLowerCase());
    if (!known) fail("classe", `aucune classe « ${classe} » dans l'école ${uai.uai}`);
  }
  const categorie = findCategory(get("categorie"));
  if (!categorie) {
    fail("categorie", `catégorie inconnue « ${get("categorie")} » (attendues : ${EQUIPMENT_CATEGORIES.join(", ")})`);
  }
  const numeroInventaire = get("numero_inventaire");
  if (numeroInventaire === "") fail("numero_inventaire", "le numéro d'inventaire est vide");
  else if (numeroInventaire.length > MAX_INVENTORY_NUMBER) fail("numero_inventaire", `${MAX_INVENTORY_NUMBER} caractères au plus`);
  const date = (field: "date_acquisition" | "fin_garantie"): string | null => {
    const raw = get(field);
    if (raw === "") return null;
    const parsed = parseFrenchDate(raw);
    if (!parsed.ok) fail(field, parsed.reason);
    return parsed.ok ? parsed.value : null;
  };
  const dateAcquisition = date("date_acquisition");
  const finGarantie = date("fin_garantie");
  if (dateAcquisition && options.today && dateAcquisition > options.today) {
    fail("date_acquisition", "la date d'acquisition est dans le futur");
  }
  if (dateAcquisition && finGarantie && finGarantie < dateAcquisition) {
    fail("fin_garantie", "la fin de garantie précède la date d'acquisition");
  }
  const rawCost = get("cout_ttc");
  const cost = rawCost === "" ? null : parseEuroCents(rawCost);
  if (cost && !cost.ok) fail("cout_ttc", cost.reason);
  else if (cost && cost.value > MAX_COST_CENTS) fail("cout_ttc", `« ${rawCost} » dépasse le montant le plus élevé accepté (21\u00a0474\u00a0836,47\u00a0€)`);
  const etat = get("etat") === "" ? "en_service" : findState(get("etat"));
  if (!etat) fail("etat", `état inconnu « ${get("etat")} » (attendus : ${ITEM_STATES.join(", ")})`);
  if (errors.length > 0 || !uai.ok || !categorie || !etat) return { ok: false, errors };
  return {
    ok: true,
    fields: {
      uai: uai.uai,
      classe,
      categorie,
      numeroInventaire,
      modele: get("modele") || null,
      dateAcquisition,
      coutTtcCents: cost && cost.ok ? cost.value : null,
      sourceFinancement: get("source_financement") || null,
      finGarantie,
      etat,
    },
  };
}

/** Validates one equipment row; returns the row or the errors of that line. */
function readEquipment(get: (name: string) => string, line: number, options: EquipmentOptions): EquipmentRow | ImportError[] {
  const result = validateEquipment(get, options);
  return result.ok ? { line, ...result.fields } : result.errors.map((e) => ({ line, ...e }));
}

/** Parses equipment records (header first); inventory numbers are unique within the file. */
export function parseEquipmentRecords(records: readonly CsvRecord[], options: EquipmentOptions = {}): ImportResult<EquipmentRow> {
  const [header, ...data] = records;
  const { index, errors } = mapHeader(header, EQUIPMENT_COLUMNS);
  const result: ImportResult<EquipmentRow> = { rows: [], errors };
  if (errors.length > 0) return result;
  const seen = new Map<string, number>();
  for (const record of data) {
    const row = readEquipment(cellReader(index, record), record.line, options);
    if (Array.isArray(row)) {
      result.errors.push(...row);
      continue;
    }
    const first = seen.get(row.numeroInventaire);
    if (first !== undefined) {
      result.errors.push({ line: row.line, field: "numero_inventaire", reason: `numéro ${row.numeroInventaire} déjà présent ligne ${first}` });
      continue;
    }
    seen.set(row.numeroInventaire, row.line);
    result.rows.push(row);
  }
  return result;
}

/** Parses the equipment CSV text (`;` separated). */
export function parseEquipmentCsv(text: string, options: EquipmentOptions = {}): ImportResult<EquipmentRow> {
  const { records, error } = readCsv(text, ";");
  return error ? { rows: [], errors: [error] } : parseEquipmentRecords(records, options);
}
