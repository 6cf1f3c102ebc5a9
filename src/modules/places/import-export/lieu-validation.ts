/**
 * Validation of one place given in the standard's flat form (a CSV row or a JSON object), with the package's
 * validating constructors, plus the official schema's stricter patterns where the package is looser.
 * Every faulty field is reported (not only the first), as { line, field, reason } in plain French.
 */
import {
  Adresse,
  Contact,
  Courriel,
  DispositifProgrammesNationaux,
  FormationsLabels,
  FraisACharge,
  Id,
  Itinerances,
  Localisation,
  ModalitesAcces,
  ModalitesAccompagnement,
  ModelError,
  Nom,
  Pivot,
  PrisesEnChargeSpecifiques,
  PublicsSpecifiquementAdresses,
  Services,
  Typologies,
  Url,
  fromSchemaLieuDeMediationNumerique,
  isRna,
} from "@gouvfr-anct/lieux-de-mediation-numerique";
import { RE2JS } from "re2js";
import { isWebAddress } from "../../../lib/web-address.js";
import { controlCharacterIn, controlCharacterReason, lengthReason } from "../../../lib/text-input.js";
import { parseOpeningHours } from "../domain/opening-hours.js";
import {
  MULTI_VALUED_COLUMNS,
  MULTI_VALUE_SEPARATOR,
  REQUIRED_COLUMNS,
  STANDARD_COLUMNS,
  toStandardRow,
  type LieuRecord,
  type StandardColumn,
  ENUM_COLUMN_VALUES,
} from "./lieu-record.js";

export interface LieuImportError {
  /** CSV: line of the file (header = 1). JSON: position of the element in the array, from 1. */
  line: number;
  field: string;
  reason: string;
}

export type LieuRowResult =
  | { line: number; ok: true; record: LieuRecord }
  | { line: number; ok: false; errors: LieuImportError[] };

export interface LieuxImport {
  valid: LieuRecord[];
  errors: LieuImportError[];
  /** Columns (CSV) or keys (JSON) that are not part of the standard and were ignored. */
  ignoredColumns: string[];
}

/** A file being imported: its header is checked, its rows are validated lazily in file order. */
export interface LieuxFile {
  ignoredColumns: string[];
  /** Iterate to validate; a caller can report progress or stop early. */
  rows: Iterable<LieuRowResult>;
}

type Fail = (field: string, reason: string) => void;

// Patterns of the official schema v1.0.2 (schema.json `constraints`) that are stricter than the package.
const OFFICIAL_TELEPHONE = /^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)(\d){6,9}$/;
const OFFICIAL_CODE_INSEE = /^([013-9]\d|2[AB1-9])\d{3}$/;
const RESUME_MAX_LENGTH = 280;
// A known-good address: each address field is checked alone by putting it into this one.
const ADDRESS_PROBE = { voie: "1 rue de la Paix", code_postal: "75002", commune: "Paris" };
// Trunk prefixes of overseas départements, whose international code is not +33.
const OVERSEAS_PREFIXES: Readonly<Record<string, string>> = {
  "262": "262", "263": "262", "692": "262", "693": "262", "269": "262", "639": "262",
  "590": "590", "690": "590", "691": "590", "594": "594", "694": "594",
  "596": "596", "696": "596", "697": "596",
};
const NBSP = "\u00a0";
// Longest value of a cell, checked before any pattern runs on it: the standard's web-address pattern backtracks
// cubically (1,800 characters took 7 s, 1 MB hours), and no real value comes near these.
const URL_MAX_LENGTH = 2_000;
const DEFAULT_MAX_LENGTH = 1_000;
const MAX_LENGTH: Partial<Record<StandardColumn, number>> = {
  presentation_detail: 10_000,
  site_web: URL_MAX_LENGTH * 5,
  fiche_acces_libre: URL_MAX_LENGTH,
  prise_rdv: URL_MAX_LENGTH,
  courriels: 2_000,
  horaires: 2_000,
};
// Only the long description may hold line breaks.
const MULTILINE_COLUMNS: ReadonlySet<StandardColumn> = new Set(["presentation_detail"]);
// The official schema's web-address pattern (the package's, same text), run by RE2: linear time whatever the input.
const OFFICIAL_URL = RE2JS.compile("^[A-Za-z]{3,9}:(?://)?(?:[;:&=+$,\\w-]+@)?[A-Za-z0-9.-]+(?:(?:/[+~,%@/.\\w_-]*)?\\??[-+=&;%@.\\w_]*#?[.!/\\\\\\w]*)?$");
const MISSING = "valeur obligatoire manquante";
const WEB_REASON = "n'est pas une adresse web valide";
const FREE_TEXT_COLUMNS = ["complement_adresse", "presentation_detail", "source", "structure_parente"] as const;
// Enumerated columns: the package's validating constructor and its enum's values (never retyped here).
const ENUM_COLUMNS: readonly (readonly [StandardColumn, (values: never[]) => unknown, readonly string[]])[] = [
  ["typologie", Typologies, ENUM_COLUMN_VALUES.typologie],
  ["itinerance", Itinerances, ENUM_COLUMN_VALUES.itinerance],
  ["services", Services, ENUM_COLUMN_VALUES.services],
  ["publics_specifiquement_adresses", PublicsSpecifiquementAdresses, ENUM_COLUMN_VALUES.publics_specifiquement_adresses],
  ["prise_en_charge_specifique", PrisesEnChargeSpecifiques, ENUM_COLUMN_VALUES.prise_en_charge_specifique],
  ["frais_a_charge", FraisACharge, ENUM_COLUMN_VALUES.frais_a_charge],
  ["dispositif_programmes_nationaux", DispositifProgrammesNationaux, ENUM_COLUMN_VALUES.dispositif_programmes_nationaux],
  ["formations_labels", FormationsLabels, ENUM_COLUMN_VALUES.formations_labels],
  ["modalites_acces", ModalitesAcces, ENUM_COLUMN_VALUES.modalites_acces],
  ["modalites_accompagnement", ModalitesAccompagnement, ENUM_COLUMN_VALUES.modalites_accompagnement],
];

/** `ligne N : champ — raison`, one line of an import report. */
export function formatError(error: LieuImportError): string {
  return `ligne ${error.line} : ${error.field} — ${error.reason}`;
}

/** Validates one place in the standard's flat form; `line` is echoed in the errors. */
export function validateLieu(raw: Readonly<Record<string, unknown>>, line: number): LieuRowResult {
  const errors: LieuImportError[] = [];
  const fail = (field: string, reason: string): void => void errors.push({ line, field, reason });
  const cells = readCells(raw, fail);
  for (const column of REQUIRED_COLUMNS) {
    if (!cells.has(column) && !errors.some((error) => error.field === column)) fail(column, MISSING);
  }

  // Filled field by field; each check returns a value of the field's LieuRecord type, or undefined.
  const record: Record<string, unknown> = {};
  const text = (column: StandardColumn): string | undefined => cells.get(column);
  const set = (column: StandardColumn, value: unknown): void => {
    if (value !== undefined && (!Array.isArray(value) || value.length > 0)) record[column] = value;
  };

  set("id", checked("id", text("id"), Id, fail));
  set("pivot", checkPivot(text("pivot"), fail));
  set("nom", checked("nom", text("nom"), Nom, fail));
  set("adresse", checkAddressPart("adresse", "voie", text("adresse"), fail));
  set("code_postal", checkAddressPart("code_postal", "code_postal", text("code_postal"), fail));
  set("commune", checkAddressPart("commune", "commune", text("commune"), fail));
  set("code_insee", checkAddressPart("code_insee", "code_insee", text("code_insee"), fail));
  const coordinates = checkCoordinates(text("latitude"), text("longitude"), fail);
  set("latitude", coordinates?.latitude);
  set("longitude", coordinates?.longitude);
  set("telephone", checkTelephone(text("telephone"), fail));
  set("courriels", checkEach("courriels", text("courriels"), Courriel, "n'est pas une adresse de courriel valide", fail));
  set("site_web", checkUrls("site_web", text("site_web"), fail));
  set("horaires", checkHoraires(text("horaires"), fail));
  set("presentation_resume", checkResume(text("presentation_resume"), fail));
  set("date_maj", checkDate(text("date_maj"), fail));
  set("autres_formations_labels", splitList(text("autres_formations_labels")));
  set("fiche_acces_libre", checkUrls("fiche_acces_libre", text("fiche_acces_libre"), fail)?.[0]);
  set("prise_rdv", checkUrls("prise_rdv", text("prise_rdv"), fail)?.[0]);
  for (const column of FREE_TEXT_COLUMNS) set(column, text(column));
  for (const [column, construct, allowed] of ENUM_COLUMNS) {
    set(column, checkEnumList(column, text(column), construct, allowed, fail));
  }

  if (errors.length === 0) checkWithPackageConverter(record as unknown as LieuRecord, fail);
  if (errors.length > 0) return { line, ok: false, errors: errors.sort(byColumnOrder) };
  return { line, ok: true, record: record as unknown as LieuRecord };
}

/** Adds a rejection to every row whose `id` already appeared earlier in the same file (rows are upserted by id). */
export function* rejectDuplicateIds(rows: Iterable<LieuRowResult>): Generator<LieuRowResult> {
  const firstLineById = new Map<string, number>();
  for (const row of rows) {
    if (!row.ok) {
      yield row;
      continue;
    }
    const firstLine = firstLineById.get(row.record.id);
    if (firstLine === undefined) {
      firstLineById.set(row.record.id, row.line);
      yield row;
    } else {
      const reason = `identifiant déjà utilisé ligne ${firstLine}`;
      yield { line: row.line, ok: false, errors: [{ line: row.line, field: "id", reason }] };
    }
  }
}

/** Splits row results into valid records and errors (file order). */
export function collectRows(rows: Iterable<LieuRowResult>, ignoredColumns: string[]): LieuxImport {
  const valid: LieuRecord[] = [];
  const errors: LieuImportError[] = [];
  for (const row of rows) {
    if (row.ok) valid.push(row.record);
    else errors.push(...row.errors);
  }
  return { valid, errors, ignoredColumns };
}

function readCells(raw: Readonly<Record<string, unknown>>, fail: Fail): Map<StandardColumn, string> {
  const cells = new Map<StandardColumn, string>();
  for (const column of STANDARD_COLUMNS) {
    const value = raw[column];
    let cell: string | undefined;
    if (value === undefined || value === null) continue;
    if (typeof value === "string") cell = value;
    else if (typeof value === "number" && Number.isFinite(value)) cell = String(value);
    else if (Array.isArray(value) && MULTI_VALUED_COLUMNS.has(column) && value.every((item) => typeof item === "string")) {
      cell = value.join(MULTI_VALUE_SEPARATOR);
    } else {
      fail(column, "type de valeur inattendu (texte attendu)");
      continue;
    }
    const max = MAX_LENGTH[column] ?? DEFAULT_MAX_LENGTH;
    if (cell.length > max) {
      fail(column, lengthReason(max, cell.length));
      continue;
    }
    const control = controlCharacterIn(cell, { multiline: MULTILINE_COLUMNS.has(column) });
    if (control) {
      fail(column, controlCharacterReason(control));
      continue;
    }
    const trimmed = cell.trim();
    if (trimmed !== "") cells.set(column, trimmed);
  }
  return cells;
}

function quote(value: string): string {
  const shown = value.length > 60 ? `${value.slice(0, 57)}…` : value;
  return `«${NBSP}${shown}${NBSP}»`;
}

function checked(field: string, value: string | undefined, construct: (value: string) => string, fail: Fail): string | undefined {
  if (value === undefined) return undefined;
  if (passes(() => construct(value))) return value;
  fail(field, `${quote(value)} n'est pas valide`);
  return undefined;
}

// Errors of a row in the order of the standard's columns, whatever the order of the checks.
function byColumnOrder(a: LieuImportError, b: LieuImportError): number {
  const rank = (field: string): number => {
    const index = (STANDARD_COLUMNS as readonly string[]).indexOf(field);
    return index === -1 ? STANDARD_COLUMNS.length : index;
  };
  return rank(a.field) - rank(b.field);
}

function passes(construct: () => unknown): boolean {
  try {
    construct();
    return true;
  } catch {
    return false;
  }
}

function splitList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(MULTI_VALUE_SEPARATOR).map((item) => item.trim()).filter((item) => item !== "");
  return [...new Set(items)];
}

function checkPivot(value: string | undefined, fail: Fail): string | undefined {
  if (value === undefined) return undefined;
  const compact = value.replace(/\s/g, "");
  // The package accepts any 14 characters as a SIRET; a SIRET is 14 digits.
  if (passes(() => Pivot(compact)) && (isRna(compact) || /^\d{14}$/.test(compact))) return compact;
  fail("pivot", `${quote(value)} n'est ni un SIRET (14 chiffres) ni un numéro RNA (W suivi de 9 caractères)`);
  return undefined;
}

const ADDRESS_REASONS = {
  adresse: "contient des caractères non admis dans une adresse",
  code_postal: "n'est pas un code postal (5 chiffres)",
  commune: "contient des caractères non admis dans un nom de commune",
  code_insee: "n'est pas un code INSEE de commune (5 caractères, par exemple 51454 ou 2A004)",
} as const;

function checkAddressPart(
  field: keyof typeof ADDRESS_REASONS,
  key: "voie" | "code_postal" | "commune" | "code_insee",
  value: string | undefined,
  fail: Fail,
): string | undefined {
  if (value === undefined) return undefined;
  const valid =
    passes(() => Adresse({ ...ADDRESS_PROBE, [key]: value })) &&
    (field !== "code_insee" || OFFICIAL_CODE_INSEE.test(value));
  if (valid) return value;
  fail(field, `${quote(value)} ${ADDRESS_REASONS[field]}`);
  return undefined;
}

function parseNumber(value: string): number {
  const decimalPoint = value.replace(/^([+-]?\d+),(\d+)$/, "$1.$2");
  const number = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(decimalPoint) ? Number(decimalPoint) : Number.NaN;
  return number === 0 ? 0 : number; // no -0: it would not survive a round trip through text
}

function checkCoordinates(
  latitudeText: string | undefined,
  longitudeText: string | undefined,
  fail: Fail,
): { latitude: number; longitude: number } | undefined {
  const latitude = latitudeText === undefined ? undefined : parseNumber(latitudeText);
  const longitude = longitudeText === undefined ? undefined : parseNumber(longitudeText);
  let valid = true;
  if (latitudeText !== undefined && latitude !== undefined && !passes(() => Localisation({ latitude, longitude: 0 }))) {
    fail("latitude", `${quote(latitudeText)} n'est pas une latitude (nombre entre -90 et 90)`);
    valid = false;
  }
  if (longitudeText !== undefined && longitude !== undefined && !passes(() => Localisation({ latitude: 0, longitude }))) {
    fail("longitude", `${quote(longitudeText)} n'est pas une longitude (nombre entre -180 et 180)`);
    valid = false;
  }
  if (latitude === undefined && longitude !== undefined) fail("latitude", "à renseigner avec la longitude");
  if (latitude !== undefined && longitude === undefined) fail("longitude", "à renseigner avec la latitude");
  return valid && latitude !== undefined && longitude !== undefined ? { latitude, longitude } : undefined;
}

function checkEnumList(
  field: string,
  value: string | undefined,
  construct: (values: never[]) => unknown,
  allowed: readonly string[],
  fail: Fail,
): string[] | undefined {
  const values = splitList(value);
  if (values === undefined) return undefined;
  if (values.length === 0) {
    if (field === "services") fail(field, MISSING);
    return undefined;
  }
  if (passes(() => construct(values as never[]))) return values;
  const unknown = values.find((item) => !allowed.includes(item)) ?? values[0] ?? "";
  fail(field, `${quote(unknown)} n'est pas une valeur admise par le standard${suggestion(unknown, allowed)}`);
  return undefined;
}

function comparable(value: string): string {
  return value.normalize("NFD").replace(/\p{M}/gu, "").replace(/[’`]/g, "'").replace(/\s+/g, " ").toLowerCase();
}

function suggestion(value: string, allowed: readonly string[]): string {
  const match = allowed.find((candidate) => comparable(candidate) === comparable(value));
  return match ? `${NBSP}: vouliez-vous dire ${quote(match)}${NBSP}?` : "";
}

function checkEach(
  field: string,
  value: string | undefined,
  construct: (item: string) => unknown,
  reason: string,
  fail: Fail,
): string[] | undefined {
  const values = splitList(value);
  const invalid = values?.find((item) => !passes(() => construct(item)));
  if (invalid === undefined) return values;
  fail(field, `${quote(invalid)} ${reason}`);
  return undefined;
}

/**
 * Web addresses: each at most URL_MAX_LENGTH characters, an http or https address for the WHATWG parser (the one
 * browsers use: `data:`, `javascript:` and the like are refused, they would be shown as links), and the official
 * schema's pattern checked in linear time. Only then does the package's own check run (fast on what passes).
 */
function checkUrls(field: string, value: string | undefined, fail: Fail): string[] | undefined {
  const values = splitList(value);
  if (values === undefined) return undefined;
  for (const item of values) {
    if (item.length > URL_MAX_LENGTH) {
      fail(field, `${quote(item)} ${lengthReason(URL_MAX_LENGTH, item.length)}`);
      return undefined;
    }
    if (!isWebAddress(item)) {
      fail(field, `${quote(item)} ${WEB_REASON} (une adresse commençant par https:// ou http://)`);
      return undefined;
    }
    if (!OFFICIAL_URL.matches(item) || !passes(() => Url(item))) {
      fail(field, `${quote(item)} ${WEB_REASON}`);
      return undefined;
    }
  }
  return values;
}

/** "01 80 05 98 80" → "+33180059880", the international form the official schema requires. */
export function toInternationalPhone(phone: string): string {
  const compact = phone.replace(/\(0\)/g, "").replace(/[\s.-]/g, "");
  if (compact.startsWith("+")) return compact;
  if (compact.startsWith("00")) return `+${compact.slice(2)}`;
  const national = compact.slice(1);
  return `+${OVERSEAS_PREFIXES[national.slice(0, 3)] ?? "33"}${national}`;
}

function checkTelephone(value: string | undefined, fail: Fail): string | undefined {
  if (value === undefined) return undefined;
  const international = toInternationalPhone(value);
  if (passes(() => Contact({ telephone: value })) && OFFICIAL_TELEPHONE.test(international)) return international;
  fail("telephone", `${quote(value)} n'est pas un numéro de téléphone valide (par exemple 01 80 05 98 80 ou +33180059880)`);
  return undefined;
}

function checkHoraires(value: string | undefined, fail: Fail): string | undefined {
  if (value === undefined) return undefined;
  const parsed = parseOpeningHours(value);
  if (parsed.ok) return parsed.hours.normalized;
  fail("horaires", `${quote(value)} ${parsed.reason}`);
  return undefined;
}

function checkResume(value: string | undefined, fail: Fail): string | undefined {
  const length = value === undefined ? 0 : [...value].length;
  if (length <= RESUME_MAX_LENGTH) return value;
  fail("presentation_resume", `${RESUME_MAX_LENGTH} caractères au plus (${length} saisis)`);
  return undefined;
}

function checkDate(value: string | undefined, fail: Fail): string | undefined {
  if (value === undefined) return undefined;
  // A date-time is accepted and kept as the date its producer wrote (the standard stores a date).
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return value.slice(0, 10);
  }
  fail("date_maj", `${quote(value)} n'est pas une date au format AAAA-MM-JJ`);
  return undefined;
}

// Keys of the package's ModelError that are not the standard's column names.
const PACKAGE_KEY_TO_FIELD: Readonly<Record<string, string>> = {
  voie: "adresse",
  typologies: "typologie",
  courriel: "courriels",
  siret: "pivot",
  rna: "pivot",
};

// Safety net: the package's own converter must accept what the field checks let through.
function checkWithPackageConverter(record: LieuRecord, fail: Fail): void {
  try {
    fromSchemaLieuDeMediationNumerique(toStandardRow(record));
  } catch (error) {
    const key = error instanceof ModelError ? String(error.key) : "lieu";
    const field = PACKAGE_KEY_TO_FIELD[key] ?? key;
    fail(field, error instanceof Error ? error.message : String(error));
  }
}
