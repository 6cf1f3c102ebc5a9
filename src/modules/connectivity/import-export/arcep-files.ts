// The regulator's per-commune files, recognised by their header: the three "Ma connexion internet" CSVs
// (technologies, best technology, wired speeds — current cumulative classes and the older exclusive ones)
// and the FttH deployment observatory workbook (sheet `Communes`, read by arcep-observatory.ts).
// Every row of a territory's commune becomes one figure per quarter; rows of other communes are counted as
// skipped; a malformed row is an error `ligne N : champ — raison`. Pure: no database, no clock.
import type { ConnectivitySource } from "../../../db/schema/connectivity.js";
import { cellReader, mapHeader, normalizeKey, parseCount, readCsv, type CsvRecord, type ImportError } from "../../schools/import-export/csv.js";

/** One commune's figures for one quarter. */
export type ConnectivityFigure = {
  line: number;
  communeInsee: string;
  quarter: string;
  source: ConnectivitySource;
  premises: number;
  ftth: number | null;
  thd30: number | null;
};

export type ParsedConnectivity = {
  source: ConnectivitySource | null;
  /** What the file is, in French, for reports ("Ma connexion internet — débits filaires (classes exclusives)"). */
  label: string;
  figures: ConnectivityFigure[];
  errors: ImportError[];
  /** Data rows read. */
  totalRows: number;
  /** Rows of communes outside the territory (or of another premises type). */
  skipped: number;
};

export const SOURCE_LABELS: Record<ConnectivitySource, string> = {
  mci_techno: "Ma connexion internet — locaux éligibles par technologie",
  mci_meilleure_techno: "Ma connexion internet — meilleure technologie",
  mci_filaire: "Ma connexion internet — débits filaires",
  observatoire_ftth: "Observatoire du déploiement FttH (Arcep)",
};

/** A commune code: five characters, digits or Corsica's 2A/2B (never a number: leading zeros matter). */
export const INSEE_CODE = /^(?:\d{5}|2[AB]\d{3})$/;

const QUARTER_ENDS = new Set(["03-31", "06-30", "09-30", "12-31"]);

/** Whether a YYYY-MM-DD date ends a quarter. */
export function isQuarterEnd(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && QUARTER_ENDS.has(date.slice(5));
}

/** "2026-03-31" → "T1 2026". */
export function quarterLabel(quarter: string): string {
  const month = Number(quarter.slice(5, 7));
  return `T${Math.ceil(month / 3)} ${quarter.slice(0, 4)}`;
}

// Wired speed classes, from "not even 512 kbit/s" to "≥ 1 Gbit/s"; the 2019 files spelt ≥ 8 Mbit/s `elig_hd8`.
const WIRED_CLASSES = ["inel_hd", "elig_hd05", "elig_hd3", "elig_bhd8|elig_hd8", "elig_thd30", "elig_thd100", "elig_thd1g"] as const;

type Kind = { source: ConnectivitySource; required: string[] };

function kindOf(index: Map<string, number>): Kind | null {
  const has = (name: string) => name.split("|").some((n) => index.has(n));
  const base = ["code_insee", "nbr", "date"];
  if (has("inel_hd")) return { source: "mci_filaire", required: [...base, ...WIRED_CLASSES] };
  if (has("nbr_elig_8")) return { source: "mci_meilleure_techno", required: [...base, "elig_ftth"] };
  if (has("elig_ftth") && has("elig_cu")) return { source: "mci_techno", required: [...base, "elig_ftth"] };
  return null;
}

type RawRow = { record: CsvRecord; read: (name: string) => string };

/** Drops lines before the header (the 2019 files began with a comment line). */
function fromHeader(records: CsvRecord[]): CsvRecord[] {
  const at = records.findIndex((r) => r.cells.some((c) => normalizeKey(c) === "code_insee"));
  return at < 0 ? records : records.slice(at);
}

/**
 * Reads a "Ma connexion internet" CSV. `communes` is the territory's INSEE codes: other rows are skipped.
 * Wired files are cumulative (≥ 30 Mbit/s = `elig_thd30`) unless every row's classes add up to its premises,
 * which is how the older exclusive classes read (≥ 30 Mbit/s = thd30 + thd100 + thd1g).
 */
export function parseMciCsv(text: string, communes: ReadonlySet<string>): ParsedConnectivity {
  const empty = (errors: ImportError[], label = "fichier non reconnu"): ParsedConnectivity => ({ source: null, label, figures: [], errors, totalRows: 0, skipped: 0 });
  const { records: all, error } = readCsv(text, ";");
  if (error) return empty([error]);
  const records = fromHeader(all);
  const [header, ...data] = records;
  const { index } = mapHeader(header, []);
  const kind = kindOf(index);
  if (!header || !kind) {
    return empty([{ line: header?.line ?? 1, field: "en-tête", reason: "fichier non reconnu : attendu un fichier « Ma connexion internet » par commune (commune_techno, commune_meilleure_techno_thd ou commune_debit_filaire) ou l'observatoire FttH (.xlsx)" }]);
  }
  const missing = kind.required.filter((name) => !name.split("|").some((n) => index.has(n)));
  if (missing.length > 0) return empty(missing.map((name) => ({ line: header.line, field: name.split("|")[0]!, reason: "colonne absente de l'en-tête" })));

  const rows: RawRow[] = data.map((record) => ({ record, read: cellReader(index, record) }));
  const pick = (read: RawRow["read"], name: string) => name.split("|").map(read).find((v) => v !== "") ?? "";
  const typeColumn = index.has("type");
  // Exclusive classes: every row adds up to its premises (the older files); otherwise cumulative.
  const exclusive =
    kind.source === "mci_filaire" &&
    rows.length > 0 &&
    rows.every(({ read }) => {
      const values = WIRED_CLASSES.map((c) => Number(pick(read, c)));
      return values.every(Number.isFinite) && values.reduce((a, b) => a + b, 0) === Number(read("nbr"));
    });

  const result: ParsedConnectivity = {
    source: kind.source,
    label: kind.source === "mci_filaire" ? `${SOURCE_LABELS.mci_filaire} (classes ${exclusive ? "exclusives, ancien format" : "cumulatives"})` : SOURCE_LABELS[kind.source],
    figures: [],
    errors: [],
    totalRows: rows.length,
    skipped: 0,
  };
  const seen = new Map<string, number>();
  for (const { record, read } of rows) {
    const line = record.line;
    const code = read("code_insee").toUpperCase();
    const fail = (field: string, reason: string) => result.errors.push({ line, field, reason });
    if (!INSEE_CODE.test(code)) {
      fail("code_insee", code === "" ? "code commune manquant" : `« ${read("code_insee")} » n'est pas un code commune (5 caractères, par ex. 01001 ou 2A004)`);
      continue;
    }
    if (!communes.has(code)) {
      result.skipped++;
      continue;
    }
    // Several premises types per commune in some files: the figure is the one for all premises.
    const type = typeColumn ? read("type").toLowerCase() : "all";
    if (type !== "all" && type !== "logloc") {
      result.skipped++;
      continue;
    }
    const before = result.errors.length;
    const count = (name: string): number => {
      const value = pick(read, name);
      if (value === "") {
        fail(name.split("|")[0]!, "valeur manquante");
        return 0;
      }
      const parsed = parseCount(value);
      if (!parsed.ok) {
        fail(name.split("|")[0]!, parsed.reason);
        return 0;
      }
      return parsed.value;
    };
    const date = read("date");
    if (!isQuarterEnd(date)) fail("date", `« ${date} » n'est pas une fin de trimestre (AAAA-03-31, -06-30, -09-30 ou -12-31)`);
    const premises = count("nbr");
    let ftth: number | null = null;
    let thd30: number | null = null;
    if (kind.source === "mci_filaire") {
      const classes = WIRED_CLASSES.map(count);
      thd30 = exclusive ? classes[4]! + classes[5]! + classes[6]! : classes[4]!;
      if (result.errors.length === before && thd30 > premises) fail("elig_thd30", `${thd30} locaux éligibles pour ${premises} locaux`);
    } else {
      ftth = count("elig_ftth");
      if (result.errors.length === before && ftth > premises) fail("elig_ftth", `${ftth} locaux éligibles pour ${premises} locaux`);
    }
    const key = `${code}|${date}`;
    if (result.errors.length === before && seen.has(key)) fail("code_insee", `commune ${code} déjà lue ligne ${seen.get(key)} pour le même trimestre`);
    if (result.errors.length > before) continue;
    seen.set(key, line);
    result.figures.push({ line, communeInsee: code, quarter: date, source: kind.source, premises, ftth, thd30 });
  }
  return result;
}
