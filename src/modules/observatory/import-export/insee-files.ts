// INSEE per-commune files (`;`, CODGEO as text): population structure, diplomas, households and families,
// employment (census, variables prefixed by their vintage: P21_, C21_…) and Filosofi's poverty rate (TP60yy, in
// %, with "s"/"nd" markers where it is secret and sometimes decimal commas). Every indicator a file allows is
// read; rows of other communes are skipped; a row may also carry the territory's own SIREN (the EPCI's figure,
// used as the documented fallback where a commune's poverty rate is secret). Pure.
import { cellReader, mapHeader, readCsv, type CsvRecord, type ImportError } from "../../schools/import-export/csv.js";

export type IndicatorValue = { line: number; code: string; indicator: string; value: number | null; numerator: number | null; denominator: number | null; source: string; vintage: string };

export type IndicatorSpec = {
  key: string;
  /** Finds the vintage's two digits and the columns in a header, or null. */
  match: (columns: readonly string[]) => { yy: string; numerator: string[]; denominator: string | null } | null;
  /** Ratio from the counts (Filosofi gives a percentage: no denominator). */
  file: string;
  formula: string;
  source: (yy: string) => string;
};

const prefixed = (prefix: "P" | "C", numerator: string[], denominator: string) => (columns: readonly string[]) => {
  for (const column of columns) {
    const m = new RegExp(`^${prefix}(\\d{2})_${numerator[0]}$`).exec(column);
    if (!m) continue;
    const yy = m[1]!;
    const names = numerator.map((n) => `${prefix}${yy}_${n}`);
    const den = `${prefix}${yy}_${denominator}`;
    if (names.every((n) => columns.includes(n)) && columns.includes(den)) return { yy, numerator: names, denominator: den };
  }
  return null;
};

const census = (yy: string) => `Insee, recensement de la population 20${yy}`;

/** The indicators read from INSEE files, with their file and formula (shown in the catalogue). */
export const INDICATOR_SPECS: readonly IndicatorSpec[] = [
  { key: "part_65_plus", match: prefixed("P", ["POP65P"], "POP"), file: "base-cc-evol-struct-pop", formula: "P_POP65P ÷ P_POP", source: census },
  {
    key: "part_peu_diplomes",
    match: prefixed("P", ["NSCOL15P_DIPLMIN", "NSCOL15P_BEPC", "NSCOL15P_CAPBEP"], "NSCOL15P"),
    file: "base-cc-diplomes-formation",
    formula: "(P_NSCOL15P_DIPLMIN + P_NSCOL15P_BEPC + P_NSCOL15P_CAPBEP) ÷ P_NSCOL15P",
    source: census,
  },
  { key: "part_menages_1_personne", match: prefixed("C", ["MENPSEUL"], "MEN"), file: "base-cc-couples-familles-menages", formula: "C_MENPSEUL ÷ C_MEN", source: census },
  { key: "part_familles_monoparentales", match: prefixed("C", ["FAMMONO"], "FAM"), file: "base-cc-couples-familles-menages", formula: "C_FAMMONO ÷ C_FAM", source: census },
  { key: "taux_chomage", match: prefixed("P", ["CHOM1564"], "ACT1564"), file: "base-cc-emploi-pop-active", formula: "P_CHOM1564 ÷ P_ACT1564", source: census },
  {
    key: "taux_pauvrete",
    match: (columns) => {
      const column = columns.find((c) => /^TP60\d{2}$/.test(c));
      return column ? { yy: column.slice(4), numerator: [column], denominator: null } : null;
    },
    file: "Filosofi, indic-struct-distrib-revenu (FILO_DISP_PAUVRES_COM)",
    formula: "TP60 (taux de pauvreté au seuil de 60 % du revenu médian, en %) ÷ 100",
    source: (yy) => `Insee, Filosofi 20${yy}`,
  },
];

/** Secret or unavailable values ("s", "nd", empty) are missing, not errors. */
const MISSING = new Set(["", "s", "nd", "n.d.", "ns", "nc"]);

/** A number written with a point or a decimal comma, or a missing marker (null), or an error. */
export function parseInseeNumber(text: string): { ok: true; value: number | null } | { ok: false; reason: string } {
  const t = text.trim();
  if (MISSING.has(t.toLowerCase())) return { ok: true, value: null };
  const compact = t.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(compact)) return { ok: false, reason: `« ${t} » n'est pas un nombre (ni « s » ou « nd » pour une valeur secrète)` };
  return { ok: true, value: Number(compact) };
}

export type ParsedIndicators = { values: IndicatorValue[]; indicators: string[]; errors: ImportError[]; totalRows: number; skipped: number };

const COMMUNE = /^(?:\d{5}|2[AB]\d{3})$/;

/**
 * Reads an INSEE file. `codes` holds the territory's communes, `territoryCode` its SIREN (the EPCI's own row,
 * if the file has one, is kept under that code).
 */
export function parseInseeCsv(text: string, codes: ReadonlySet<string>, territoryCode: string): ParsedIndicators {
  const { records, error } = readCsv(text, ";");
  if (error) return { values: [], indicators: [], errors: [error], totalRows: 0, skipped: 0 };
  // Some INSEE files start with title lines: the header is the first line holding CODGEO.
  const at = records.findIndex((r) => r.cells.some((c) => c.trim().toUpperCase() === "CODGEO"));
  if (at < 0) return { values: [], indicators: [], errors: [{ line: 1, field: "CODGEO", reason: "colonne absente de l'en-tête" }], totalRows: 0, skipped: 0 };
  const [header, ...data] = records.slice(at) as [CsvRecord, ...CsvRecord[]];
  const columns = header.cells.map((c) => c.trim().toUpperCase());
  const specs = INDICATOR_SPECS.map((spec) => ({ spec, found: spec.match(columns) })).filter((s): s is { spec: IndicatorSpec; found: NonNullable<ReturnType<IndicatorSpec["match"]>> } => s.found !== null);
  if (specs.length === 0) {
    return { values: [], indicators: [], errors: [{ line: header.line, field: "en-tête", reason: "aucun indicateur reconnu (attendu par ex. P21_POP65P et P21_POP, C21_MENPSEUL et C21_MEN, ou TP6021)" }], totalRows: data.length, skipped: 0 };
  }
  const { index } = mapHeader({ line: header.line, cells: columns }, []);
  const out: ParsedIndicators = { values: [], indicators: specs.map((s) => s.spec.key), errors: [], totalRows: data.length, skipped: 0 };
  const seen = new Map<string, number>();
  for (const record of data) {
    const read = cellReader(index, record);
    const raw = read("codgeo").toUpperCase();
    const code = /^\d{4}$/.test(raw) ? raw.padStart(5, "0") : raw;
    if (!COMMUNE.test(code) && !/^\d{9}$/.test(code)) {
      out.errors.push({ line: record.line, field: "CODGEO", reason: raw === "" ? "code géographique manquant" : `« ${raw} » n'est pas un code commune ni un SIREN` });
      continue;
    }
    if (!codes.has(code) && code !== territoryCode) {
      out.skipped++;
      continue;
    }
    if (seen.has(code)) {
      out.errors.push({ line: record.line, field: "CODGEO", reason: `${code} déjà lu ligne ${seen.get(code)}` });
      continue;
    }
    seen.set(code, record.line);
    const rowValues: IndicatorValue[] = [];
    let failed = false;
    for (const { spec, found } of specs) {
      const numbers = found.numerator.map((name) => ({ name, parsed: parseInseeNumber(read(name.toLowerCase())) }));
      const den = found.denominator ? { name: found.denominator, parsed: parseInseeNumber(read(found.denominator.toLowerCase())) } : null;
      for (const n of [...numbers, ...(den ? [den] : [])]) {
        if (!n.parsed.ok) {
          out.errors.push({ line: record.line, field: n.name, reason: n.parsed.reason });
          failed = true;
        }
      }
      if (failed) continue;
      const nums = numbers.map((n) => (n.parsed as { value: number | null }).value);
      const numerator = nums.some((v) => v === null) ? null : nums.reduce<number>((s, v) => s + v!, 0);
      const denominator = den ? (den.parsed as { value: number | null }).value : null;
      let value: number | null;
      if (!den) value = numerator === null ? null : numerator / 100;
      else value = numerator !== null && denominator !== null && denominator > 0 ? numerator / denominator : null;
      if (value !== null && (value < 0 || value > 1)) {
        out.errors.push({ line: record.line, field: found.numerator[0]!, reason: `donne un taux de ${Math.round(value * 1000) / 10} %, hors de 0 à 100 %` });
        failed = true;
        continue;
      }
      rowValues.push({ line: record.line, code, indicator: spec.key, value, numerator: den ? numerator : null, denominator, source: spec.file, vintage: spec.source(found.yy) });
    }
    if (!failed) out.values.push(...rowValues);
  }
  return out;
}
