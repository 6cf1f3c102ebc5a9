import { describe, it, expect } from "vitest";
import { formatImportError } from "./csv.js";
import { parseEquipmentCsv } from "./equipment.js";

const header = "uai;classe;categorie;numero_inventaire;modele;date_acquisition;cout_ttc;source_financement;fin_garantie;etat";

describe("parseEquipmentCsv", () => {
  it("reads items of a class and of the whole school, with French amounts and dates", () => {
    const csv = [
      header,
      "0301674G;CP;ecran_interactif;INV-001;Écran 75 pouces;15/09/2021;3 450,90;Socle numérique 2021;15/09/2026;en_service",
      "0301674G;;Point d'accès Wi-Fi;INV-002;;2022-01-10;249.5;;;",
    ].join("\n");
    const result = parseEquipmentCsv(csv);
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      {
        line: 2, uai: "0301674G", classe: "CP", categorie: "ecran_interactif", numeroInventaire: "INV-001",
        modele: "Écran 75 pouces", dateAcquisition: "2021-09-15", coutTtcCents: 345_090,
        sourceFinancement: "Socle numérique 2021", finGarantie: "2026-09-15", etat: "en_service",
      },
      {
        line: 3, uai: "0301674G", classe: null, categorie: "point_acces_wifi", numeroInventaire: "INV-002",
        modele: null, dateAcquisition: "2022-01-10", coutTtcCents: 24_950,
        sourceFinancement: null, finGarantie: null, etat: "en_service",
      },
    ]);
  });

  it("reports each invalid field with its line and a French reason", () => {
    const csv = `${header}\n0301674G;;projecteur;;;31/02/2021;12,345;;;cassé`;
    expect(parseEquipmentCsv(csv).errors.map(formatImportError)).toEqual([
      "ligne 2 : categorie — catégorie inconnue « projecteur » (attendues : ecran_interactif, videoprojecteur_interactif, videoprojecteur, ordinateur_portable_enseignant, ordinateur_direction, ordinateur_eleve, tablette, visualiseur, imprimante_reseau, point_acces_wifi, valise_rechargement, autre)",
      "ligne 2 : numero_inventaire — le numéro d'inventaire est vide",
      "ligne 2 : date_acquisition — « 31/02/2021 » n'est pas une date valide (AAAA-MM-JJ ou JJ/MM/AAAA)",
      "ligne 2 : cout_ttc — « 12,345 » n'est pas un montant en euros (ex. 1 234,56)",
      "ligne 2 : etat — état inconnu « cassé » (attendus : en_service, en_panne, en_reparation, reforme)",
    ]);
  });

  it("checks schools, classes, dates against what it is given", () => {
    const csv = [
      header,
      "0750655E;;tablette;A1;;;;;;",
      "0301674G;CM2;tablette;A2;;;;;;",
      "0301674G;cp;tablette;A3;;2030-01-01;;;;",
      "0301674G;;tablette;A4;;2022-01-01;;;2021-12-31;En panne",
    ].join("\n");
    const result = parseEquipmentCsv(csv, {
      knownUais: new Set(["0301674G"]),
      classesByUai: new Map([["0301674G", new Set(["CP"])]]),
      today: "2025-03-01",
    });
    expect(result.errors.map(formatImportError)).toEqual([
      "ligne 2 : uai — aucune école 0750655E dans le territoire",
      "ligne 3 : classe — aucune classe « CM2 » dans l'école 0301674G",
      "ligne 4 : date_acquisition — la date d'acquisition est dans le futur",
      "ligne 5 : fin_garantie — la fin de garantie précède la date d'acquisition",
    ]);
  });

  it("rejects an inventory number used twice in the file", () => {
    const csv = `${header}\n0301674G;;tablette;T-1;;;;;;\n0301674G;;tablette;T-1;;;;;;reforme`;
    const result = parseEquipmentCsv(csv);
    expect(result.errors.map(formatImportError)).toEqual(["ligne 3 : numero_inventaire — numéro T-1 déjà présent ligne 2"]);
    expect(result.rows).toHaveLength(1);
  });

  it("requires every column of the format", () => {
    const result = parseEquipmentCsv("uai;classe;categorie;numero_inventaire\n");
    expect(result.errors.map((e) => e.field)).toEqual(["modele", "date_acquisition", "cout_ttc", "source_financement", "fin_garantie", "etat"]);
  });
});
