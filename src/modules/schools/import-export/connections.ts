// Rows of the schools' connections import: `uai;raccordement;debit_mbps;date_mesure` (kind: fibre, cuivre,
// radio (4G/5G), satellite or aucun; speed and date optional).
import { checkUai } from "../domain/uai.js";
import { connectionKindOf, parseSpeed, type ConnectionKind } from "../domain/connection.js";
import { cellReader, mapHeader, parseFrenchDate, type CsvRecord, type ImportError, type ImportResult } from "./csv.js";

export const CONNECTIONS_COLUMNS = ["uai", "raccordement", "debit_mbps", "date_mesure"] as const;

export type ConnectionRow = { line: number; uai: string; kind: ConnectionKind; mbps: number | null; measuredOn: string | null };

/** Parses connection records (header first); one row per school. */
export function parseConnectionsRecords(records: readonly CsvRecord[], { knownUais, today }: { knownUais: ReadonlySet<string>; today: string }): ImportResult<ConnectionRow> {
  const [header, ...data] = records;
  const { index, errors } = mapHeader(header, ["uai", "raccordement"]);
  const result: ImportResult<ConnectionRow> = { rows: [], errors };
  if (errors.length > 0) return result;
  const seen = new Map<string, number>();
  for (const record of data) {
    const get = cellReader(index, record);
    const line = record.line;
    const rowErrors: ImportError[] = [];
    const uai = checkUai(get("uai"));
    if (!uai.ok) rowErrors.push({ line, field: "uai", reason: uai.reason });
    else if (!knownUais.has(uai.uai)) rowErrors.push({ line, field: "uai", reason: `aucune école ${uai.uai} dans le territoire` });
    else if (seen.has(uai.uai)) rowErrors.push({ line, field: "uai", reason: `école ${uai.uai} déjà lue ligne ${seen.get(uai.uai)}` });
    const kind = connectionKindOf(get("raccordement"));
    if (!kind) rowErrors.push({ line, field: "raccordement", reason: `« ${get("raccordement")} » n'est pas un raccordement connu (fibre, cuivre, radio, satellite ou aucun)` });
    const speed = parseSpeed(get("debit_mbps"));
    if (!speed.ok) rowErrors.push({ line, field: "debit_mbps", reason: speed.reason });
    const rawDate = get("date_mesure");
    const date = rawDate === "" ? null : parseFrenchDate(rawDate);
    if (date && !date.ok) rowErrors.push({ line, field: "date_mesure", reason: date.reason });
    else if (date && date.value > today) rowErrors.push({ line, field: "date_mesure", reason: `la mesure du ${rawDate} est dans le futur` });
    if (rowErrors.length > 0 || !uai.ok || !kind || !speed.ok || (date && !date.ok)) {
      result.errors.push(...rowErrors);
      continue;
    }
    seen.set(uai.uai, line);
    result.rows.push({ line, uai: uai.uai, kind, mbps: speed.value, measuredOn: date ? date.value : null });
  }
  return result;
}
