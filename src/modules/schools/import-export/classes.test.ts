import { describe, it, expect } from "vitest";
import { formatImportError } from "./csv.js";
import { parseClassesCsv, parseLevels } from "./classes.js";

describe("parseClassesCsv", () => {
  it("reads classes with their levels in school order", () => {
    const result = parseClassesCsv("uai;classe;niveaux;eleves\n0301674G;CE2-CM1;cm1|ce2;24\n0301674G;Maternelle;PS|MS|GS;");
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      { line: 2, uai: "0301674G", classe: "CE2-CM1", niveaux: ["CE2", "CM1"], eleves: 24 },
      { line: 3, uai: "0301674G", classe: "Maternelle", niveaux: ["PS", "MS", "GS"], eleves: null },
    ]);
  });

  it("reports every invalid field of a line in French", () => {
    const result = parseClassesCsv("uai;classe;niveaux;eleves\n0301674A;;CE3|CP;vingt", { knownUais: new Set(["0301674G"]) });
    expect(result.errors.map(formatImportError)).toEqual([
      "ligne 2 : uai — la lettre de contrôle du code UAI 0301674A est incorrecte : 0301674 doit être suivi de G",
      "ligne 2 : classe — le nom de la classe est vide",
      "ligne 2 : niveaux — niveau inconnu « CE3 » (attendus : TPS, PS, MS, GS, CP, CE1, CE2, CM1, CM2)",
      "ligne 2 : eleves — « vingt » n'est pas un nombre entier positif ou nul",
    ]);
  });

  it("rejects a school outside the territory and a class listed twice", () => {
    const csv = "uai;classe;niveaux;eleves\n0750655E;A;CP;20\n0301674G;CP;CP;20\n0301674G;cp;CP;21";
    const result = parseClassesCsv(csv, { knownUais: new Set(["0301674G"]) });
    expect(result.errors.map(formatImportError)).toEqual([
      "ligne 2 : uai — aucune école 0750655E dans le territoire",
      "ligne 4 : classe — classe « cp » déjà présente pour 0301674G ligne 3",
    ]);
    expect(result.rows.map((r) => r.line)).toEqual([3]);
  });

  it("requires the four columns", () => {
    expect(parseClassesCsv("uai;classe;niveaux\n").errors.map(formatImportError)).toEqual(["ligne 1 : eleves — colonne absente de l'en-tête"]);
  });

  it("requires at least one level", () => {
    expect(parseLevels(" | ")).toEqual({ ok: false, reason: "au moins un niveau est attendu (ex. CE2|CM1)" });
  });
});
