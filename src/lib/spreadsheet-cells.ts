// Text cells of exported files that a spreadsheet would run as a formula (CSV injection): `=HYPERLINK(…)`,
// `+cmd|…`, `@SUM(…)`, `-2+3`, or a leading tab or carriage return. Such a cell gets a leading apostrophe, which
// spreadsheets read as "text follows"; a cell that already starts with an apostrophe gets one more, so that the
// places import can take exactly one off again and a file round trip changes nothing (decision 0050).

export type Cell = string | number | null;

// A plain signed number ("+33549941000", "-0.2489") is not a formula: the standard's phones and coordinates stay as
// other consumers of the standard expect them.
const PLAIN_NUMBER = /^[+-]\d+(?:[.,]\d+)?$/;

function isFormulaLike(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text);
}

/** The text as written to a file a person may open in a spreadsheet. */
export function protectText(text: string): string {
  return isFormulaLike(text) || text.startsWith("'") ? `'${text}` : text;
}

/** A cell as written to a spreadsheet file (numbers and empty cells unchanged). */
export function safeCell(value: Cell): Cell {
  return typeof value === "string" ? protectText(value) : value;
}

/** The text protectText was given back: one leading apostrophe off where protectText would have put one. */
export function unprotectText(text: string): string {
  if (!text.startsWith("'")) return text;
  const rest = text.slice(1);
  return isFormulaLike(rest) || rest.startsWith("'") ? rest : text;
}
