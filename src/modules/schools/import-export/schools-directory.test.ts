import { describe, it, expect } from "vitest";
import { formatImportError } from "./csv.js";
import { parseSchoolsDirectoryCsv } from "./schools-directory.js";

const territory = { communeCodes: new Set(["30140", "79202"]) };

const header =
  "Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Statut_public_prive;Adresse_1;Code_postal;Code_commune;Nom_commune;Nombre_d_eleves;latitude;longitude;etat;Colonne_inconnue";

describe("parseSchoolsDirectoryCsv", () => {
  it("keeps the open schools of the territory and skips the other rows with a reason", () => {
    const csv = [
      header,
      "0301674G;Ecole primaire;Ecole;Public;Place Robert Francisque;30460;30140;Lasalle;61;44.0456;3.8549;OUVERT;x",
      "0750655E;Lycée Louis-le-Grand;Lycée;Public;;75005;75105;Paris;;;;OUVERT;",
      "0590119J;Collège X;Collège;Public;;;30140;Lasalle;;;;OUVERT;",
      "0690026D;Ecole fermée;Ecole;Public;;;79202;Parthenay;;;;FERME;",
      "0782562L;Ecole d'ailleurs;Ecole;Privé;;;78646;Versailles;;;;OUVERT;",
    ].join("\n");
    const result = parseSchoolsDirectoryCsv(csv, territory);
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      {
        line: 2, uai: "0301674G", nom: "Ecole primaire", kind: "primaire", statut: "Public", adresse: "Place Robert Francisque",
        codePostal: "30460", codeCommune: "30140", nomCommune: "Lasalle", eleves: 61, latitude: 44.0456, longitude: 3.8549,
      },
    ]);
    expect(result.skipped).toEqual([
      { line: 3, uai: "0750655E", kind: "type", reason: "lycée : seules les écoles sont importées" },
      { line: 4, uai: "0590119J", kind: "type", reason: "collège : seules les écoles sont importées" },
      { line: 5, uai: "0690026D", kind: "ferme", reason: "établissement fermé" },
      { line: 6, uai: "0782562L", kind: "hors_territoire", reason: "hors territoire (commune 78646 Versailles)" },
    ]);
  });

  it("matches header names without regard to case and reads decimal commas", () => {
    const csv = "IDENTIFIANT_DE_L_ETABLISSEMENT;nom_etablissement;type_etablissement;code_commune;LATITUDE\n0301674G;École;ECOLE;30140;44,05";
    const result = parseSchoolsDirectoryCsv(csv, territory);
    expect(result.rows.map((r) => [r.uai, r.latitude, r.eleves])).toEqual([["0301674G", 44.05, null]]);
  });

  it("reports missing required columns on line 1", () => {
    const result = parseSchoolsDirectoryCsv("Identifiant_de_l_etablissement;Nom_etablissement\n0301674G;Ecole", territory);
    expect(result.errors.map(formatImportError)).toEqual([
      "ligne 1 : Type_etablissement — colonne absente de l'en-tête",
      "ligne 1 : Code_commune — colonne absente de l'en-tête",
    ]);
    expect(result.rows).toEqual([]);
  });

  it("reports invalid values of kept schools, and duplicates, with their line", () => {
    const csv = [
      header,
      "0301674H;Ecole;Ecole;Public;;;30140;Lasalle;-3;;;OUVERT;",
      "0301674G;;Ecole;Public;;;30140;Lasalle;;95;;OUVERT;",
      "0301674G;Ecole;Ecole;Public;;;30140;Lasalle;;;;OUVERT;",
      "0301674G;Ecole bis;Ecole;Public;;;30140;Lasalle;;;;OUVERT;",
    ].join("\n");
    const result = parseSchoolsDirectoryCsv(csv, territory);
    expect(result.errors.map(formatImportError)).toEqual([
      "ligne 2 : Identifiant_de_l_etablissement — la lettre de contrôle du code UAI 0301674H est incorrecte : 0301674 doit être suivi de G",
      "ligne 2 : Nombre_d_eleves — « -3 » n'est pas un nombre entier positif ou nul",
      "ligne 3 : Nom_etablissement — le nom de l'école est vide",
      "ligne 3 : latitude — 95 est hors de l'intervalle -90 à 90",
      "ligne 5 : Identifiant_de_l_etablissement — UAI 0301674G déjà présent ligne 4",
    ]);
    expect(result.rows.map((r) => r.line)).toEqual([4]);
  });

  it("does not validate rows it skips", () => {
    const csv = `${header}\n0590119X;;Collège;Public;;;30140;Lasalle;beaucoup;;;OUVERT;`;
    const result = parseSchoolsDirectoryCsv(csv, territory);
    expect(result.errors).toEqual([]);
    expect(result.skipped.map((s) => s.uai)).toEqual(["0590119X"]);
  });

  it("reads the kind of school from the directory's flags, else from its name", () => {
    const head = "Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Code_commune;Ecole_maternelle;Ecole_elementaire";
    const csv = [
      head,
      "0301674G;Ecole Jules Ferry;Ecole;30140;1;0",
      "0750655E;Ecole Jean Zay;Ecole;30140;0;1",
      "0750654D;Ecole Condorcet;Ecole;30140;1;1",
      "0750651A;Ecole maternelle des Lilas;Ecole;30140;;",
      "0590119J;École élémentaire du Bourg;Ecole;30140;;",
    ].join("\n");
    const result = parseSchoolsDirectoryCsv(csv, territory);
    expect(result.rows.map((r) => r.kind)).toEqual(["maternelle", "elementaire", "primaire", "maternelle", "elementaire"]);
  });
});
