import { describe, expect, it } from "vitest";
import { schoolPhrase, schoolWithArticle } from "./school-wording.js";

describe("a school in a sentence", () => {
  it.each([
    ["à", "Jules-Ferry", "à l'école Jules-Ferry"],
    ["à", "École élémentaire Jules Ferry", "à l'école élémentaire Jules Ferry"],
    ["de", "ECOLE PRIMAIRE PUBLIQUE DE VOUHE", "de l'école PRIMAIRE PUBLIQUE DE VOUHE"],
    ["à", "Groupe scolaire des Tilleuls", "au groupe scolaire des Tilleuls"],
    ["de", "Groupe scolaire des Tilleuls", "du groupe scolaire des Tilleuls"],
    ["dans", "École maternelle Les Lilas", "dans l'école maternelle Les Lilas"],
  ] as const)("%s + %j → %j", (preposition, name, phrase) => {
    expect(schoolPhrase(preposition, name)).toBe(phrase);
  });
});

describe("a school as a sentence's subject", () => {
  it.each([
    ["Jules-Ferry", "l'école Jules-Ferry"],
    ["École élémentaire Jules Ferry", "l'école élémentaire Jules Ferry"],
    ["Groupe scolaire des Tilleuls", "le groupe scolaire des Tilleuls"],
  ] as const)("%j → %j", (name, phrase) => {
    expect(schoolWithArticle(name)).toBe(phrase);
  });
});
