// Euros as people type and read them ("1 234,50 €"), kept in integer cents everywhere else.
const euroFormat = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });
const percentFormat = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });

/** "1 234,50 €" for 123450 cents. */
export function formatEuros(cents: number): string {
  return euroFormat.format(cents / 100);
}

/** Cents as a French decimal without the currency sign, for form fields: "1234,5" → "1234,50". */
export function centsToInput(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return "";
  const euros = Math.trunc(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? String(euros) : `${euros},${String(rest).padStart(2, "0")}`;
}

/** Parses a typed amount in euros ("1 234,5", "1234.50 €") into cents; null for an empty field, NaN when unreadable. */
export function parseEurosToCents(value: string): number | null {
  const compact = value.replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
  if (compact === "") return null;
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(compact)) return Number.NaN;
  const [whole, fraction = ""] = compact.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

/** A rate between 0 and 1 shown as a French percentage without the sign: 0.665 → "66,5". */
export function rateToInput(rate: number): string {
  return percentFormat.format(rate * 100).replace(/[\s\u00a0\u202f]/g, "");
}

/** Parses a typed percentage ("66,5", "70 %") into a rate between 0 and 1; null when empty, NaN when unreadable. */
export function parsePercentToRate(value: string): number | null {
  const compact = value.replace(/[\s\u00a0\u202f%]/g, "").replace(",", ".");
  if (compact === "") return null;
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(compact)) return Number.NaN;
  return Number((Number(compact) / 100).toFixed(6));
}
