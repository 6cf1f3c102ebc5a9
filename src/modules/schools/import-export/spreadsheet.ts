// Streams rows as CSV for a French spreadsheet (";", UTF-8 with a BOM, CRLF) or as an XLSX workbook,
// one row at a time: exports of 200,000 items are never held in memory as one string.
import { PassThrough, Readable } from "node:stream";
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";

import { safeCell, type Cell } from "../../../lib/spreadsheet-cells.js";

export { safeCell, type Cell };

export const CSV_TYPE = "text/csv; charset=utf-8";
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function csvCell(value: Cell): string {
  if (value === null) return "";
  return String(safeCell(value));
}

/** Streams a header and rows as CSV. */
export function csvStream(header: readonly string[], rows: AsyncIterable<Cell[]> | Iterable<Cell[]>): Readable {
  async function* lines() {
    yield [...header];
    for await (const row of rows) yield row.map(csvCell);
  }
  return Readable.from(lines()).pipe(stringify({ delimiter: ";", bom: true, record_delimiter: "\r\n" }));
}

/** Streams a header and rows as an XLSX workbook of one sheet. */
export function xlsxStream(header: readonly string[], rows: AsyncIterable<Cell[]> | Iterable<Cell[]>, sheetName: string): Readable {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  (async () => {
    const head = sheet.addRow([...header]);
    head.font = { bold: true };
    head.commit();
    for await (const row of rows) sheet.addRow(row.map(safeCell)).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return output;
}

/** A CSV or XLSX stream of the same rows. */
export function spreadsheetStream(format: "csv" | "xlsx", header: readonly string[], rows: AsyncIterable<Cell[]> | Iterable<Cell[]>, sheetName: string): Readable {
  return format === "csv" ? csvStream(header, rows) : xlsxStream(header, rows, sheetName);
}
