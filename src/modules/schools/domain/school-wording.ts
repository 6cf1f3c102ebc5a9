// A school named in a sentence: "l'école Jules-Ferry" for a bare name, but "l'école élémentaire Jules-Ferry" (not
// "l'école École élémentaire …") when the official name already says what it is, and "le groupe scolaire …". Pure.

type Preposition = "à" | "de" | "dans";

// Official names (Annuaire de l'éducation) start with their kind; the article follows the kind's gender.
const KINDS: readonly { pattern: RegExp; article: "l'" | "le " }[] = [
  { pattern: /^(?:é|e)cole\b/iu, article: "l'" },
  { pattern: /^groupe scolaire\b/iu, article: "le " },
  { pattern: /^regroupement pédagogique\b/iu, article: "le " },
  { pattern: /^rpi\b/iu, article: "le " },
  { pattern: /^collège\b/iu, article: "le " },
];

function withPreposition(preposition: Preposition, article: "l'" | "le ", rest: string): string {
  if (article === "le " && preposition === "à") return `au ${rest}`;
  if (article === "le " && preposition === "de") return `du ${rest}`;
  return `${preposition} ${article}${rest}`;
}

/** "l'école Jules-Ferry", "le groupe scolaire des Tilleuls": the school with its article, as a sentence's subject. */
export function schoolWithArticle(name: string): string {
  return schoolPhrase("à", name).replace(/^au /, "le ").replace(/^à /, "");
}

/** "à l'école Jules-Ferry", "de l'école élémentaire de Vouhé", "au groupe scolaire des Tilleuls". */
export function schoolPhrase(preposition: Preposition, name: string): string {
  const trimmed = name.trim();
  const kind = KINDS.find((k) => k.pattern.test(trimmed));
  if (!kind) return withPreposition(preposition, "l'", `école ${trimmed}`);
  // The kind in lower case, as inside a sentence; the proper name after it is kept as written.
  const lowered = trimmed.replace(kind.pattern, (word) => word.toLowerCase().replace(/^ecole/, "école"));
  return withPreposition(preposition, kind.article, lowered);
}
