// The FttH deployment observatory workbook ({YYYY}t{Q}-obs-hd-thd-deploiement.xlsx): sheet `Communes`, header
// row found by its "Code commune" cell, then one column per quarter ("T4 2017" …) holding the premises
// connectable to FttH. The share's denominator is the best estimate of premises minus those under construction
// (both today's estimates: a rate can drop as operators survey, or pass 100 %).
import ExcelJS from "exceljs";
import { normalizeKey, parseCount, type ImportError } from "../../schools/import-export/csv.js";
import { INSEE_CODE, SOURCE_LABELS, type ConnectivityFigure, type ParsedConnectivity } from "./arcep-files.js";

const QUARTER_HEADER = /^T([1-4]) (\d{4})$/;
const QUARTER_END = ["03-31", "06-30", "09-30", "12-31"];

/** A cell as text: numbers as written, formulas by their result, rich text joined. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value.trim();
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("richText" in value) return value.richText.map((r) => r.text).join("").trim();
    if ("text" in value) return String(value.text).trim();
  }
  return String(value).trim();
}

/** A count from a cell: a whole number (a spreadsheet may store 1234.0, or a text "1 234"). */
function countOf(text: string): { ok: true; value: number } | { ok: false; reason: string } {
  if (/^\d+(\.0+)?$/.test(text)) return { ok: true, value: Number(text) };
  if (/^\d+\.\d+$/.test(text)) return { ok: true, value: Math.round(Number(text)) };
  return parseCount(text);
}

/** Reads the observatory workbook; rows of communes outside `communes` are counted as skipped. */
export async function parseObservatoryWorkbook(bytes: Uint8Array, communes: ReadonlySet<string>): Promise<ParsedConnectivity> {
  const fail = (errors: ImportError[]): ParsedConnectivity => ({ source: "observatoire_ftth", label: SOURCE_LABELS.observatoire_ftth, figures: [], errors, totalRows: 0, skipped: 0 });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return fail([{ line: 1, field: "fichier", reason: "classeur Excel illisible (.xlsx attendu)" }]);
  }
  const sheet = workbook.worksheets.find((s) => normalizeKey(s.name) === "communes");
  if (!sheet) return fail([{ line: 1, field: "fichier", reason: "aucune feuille « Communes » dans le classeur" }]);

  let headerRow = 0;
  for (let r = 1; r <= Math.min(sheet.rowCount, 30) && headerRow === 0; r++) {
    sheet.getRow(r).eachCell((cell) => {
      if (normalizeKey(cellText(cell.value)) === "code commune") headerRow = r;
    });
  }
  if (headerRow === 0) return fail([{ line: 1, field: "Code commune", reason: "colonne « Code commune » introuvable dans les 30 premières lignes de la feuille Communes" }]);

  let codeCol = 0;
  let estimateCol = 0;
  let buildingCol = 0;
  const quarters: { col: number; quarter: string; header: string }[] = [];
  sheet.getRow(headerRow).eachCell((cell, col) => {
    const header = cellText(cell.value).replace(/\s+/g, " ");
    const key = normalizeKey(header);
    const quarter = QUARTER_HEADER.exec(header);
    if (key === "code commune") codeCol = col;
    else if (key.startsWith("meilleure estimation des locaux")) estimateCol = col;
    else if (key.startsWith("estimation locaux en cours de construction")) buildingCol = col;
    else if (quarter) quarters.push({ col, quarter: `${quarter[2]}-${QUARTER_END[Number(quarter[1]) - 1]}`, header });
  });
  const missing: ImportError[] = [];
  if (estimateCol === 0) missing.push({ line: headerRow, field: "Meilleure estimation des locaux à date", reason: "colonne absente de l'en-tête" });
  if (quarters.length === 0) missing.push({ line: headerRow, field: "T1 2024", reason: "aucune colonne de trimestre (« T1 2024 », …) dans l'en-tête" });
  if (missing.length > 0) return fail(missing);

  const result: ParsedConnectivity = { source: "observatoire_ftth", label: SOURCE_LABELS.observatoire_ftth, figures: [], errors: [], totalRows: 0, skipped: 0 };
  const seen = new Map<string, number>();
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const raw = cellText(row.getCell(codeCol).value);
    if (raw === "" && !row.hasValues) continue;
    result.totalRows++;
    // A code stored as a number loses its leading zero (1001 for 01001).
    const code = /^\d{4}$/.test(raw) ? raw.padStart(5, "0") : raw.toUpperCase();
    const errors: ImportError[] = [];
    if (!INSEE_CODE.test(code)) {
      result.errors.push({ line: r, field: "Code commune", reason: raw === "" ? "code commune manquant" : `« ${raw} » n'est pas un code commune` });
      continue;
    }
    if (!communes.has(code)) {
      result.skipped++;
      continue;
    }
    if (seen.has(code)) {
      result.errors.push({ line: r, field: "Code commune", reason: `commune ${code} déjà lue ligne ${seen.get(code)}` });
      continue;
    }
    seen.set(code, r);
    const estimate = countOf(cellText(row.getCell(estimateCol).value));
    if (!estimate.ok) errors.push({ line: r, field: "Meilleure estimation des locaux à date", reason: estimate.reason });
    const buildingText = buildingCol ? cellText(row.getCell(buildingCol).value) : "";
    const building = buildingText === "" ? { ok: true as const, value: 0 } : countOf(buildingText);
    if (!building.ok) errors.push({ line: r, field: "Estimation locaux en cours de construction", reason: building.reason });
    const figures: ConnectivityFigure[] = [];
    if (estimate.ok && building.ok) {
      const premises = estimate.value - building.value;
      if (premises <= 0) errors.push({ line: r, field: "Meilleure estimation des locaux à date", reason: "aucun local une fois retirés ceux en cours de construction" });
      for (const q of quarters) {
        const text = cellText(row.getCell(q.col).value);
        // An empty quarter: the commune was not yet in the observatory.
        if (text === "" || text === "-") continue;
        const value = countOf(text);
        if (!value.ok) errors.push({ line: r, field: q.header, reason: value.reason });
        else figures.push({ line: r, communeInsee: code, quarter: q.quarter, source: "observatoire_ftth", premises, ftth: value.value, thd30: null });
      }
    }
    if (errors.length > 0) result.errors.push(...errors);
    else result.figures.push(...figures);
  }
  return result;
}
