/** Text folding for accent-insensitive search: what a person types matches however the name is spelled. */

const LIGATURES: Record<string, string> = { œ: "oe", æ: "ae", ß: "ss" };

/**
 * "Châtillon-sur-Thouet" → "chatillon sur thouet", "St-Hilaire" → "saint hilaire", "L’Absie" → "l absie":
 * lower case, accents and ligatures removed, hyphens and apostrophes as spaces, spaces collapsed.
 */
export function foldText(text: string): string {
  const words = text
    .toLowerCase()
    .replace(/[œæß]/g, (c) => LIGATURES[c] ?? c)
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ");
  return words
    .map((word) => (word === "st" ? "saint" : word === "ste" ? "sainte" : word))
    .join(" ");
}

/** A French postcode found in what the person typed ("79200", "Parthenay 79200"), or undefined. */
export function postcodeIn(text: string): string | undefined {
  return /(?:^|\D)(\d{5})(?:\D|$)/.exec(text)?.[1];
}

/** What is left of the text once a postcode is taken out, folded ("79200 Parthenay" → "parthenay"). */
export function nameWithoutPostcode(text: string): string {
  return foldText(text.replace(/\d{5}/g, " "));
}
