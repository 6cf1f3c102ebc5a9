import { Service, Typologie } from "@gouvfr-anct/lieux-de-mediation-numerique";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { STANDARD_COLUMNS } from "./lieu-record.js";
import { formatError } from "./lieu-validation.js";
import { parseLieuxCsv, readLieuxCsv, toStandardCsv } from "./lieux-csv.js";
import { collectText, fullRecord, minimalRecord, variedRecords } from "./lieux.fixtures.js";

const NBSP = "\u00a0";
const q = (value: string): string => `«${NBSP}${value}${NBSP}»`;
const HEADER = "id,pivot,nom,commune,code_postal,adresse,date_maj,services,horaires,telephone";
const GOOD = `lieu-1,21790196300014,Mairie,Parthenay,79200,2 rue de la Citadelle,2025-03-14,Aide aux démarches administratives,"Mo-Fr 09:00-12:00",01 49 94 60 10`;

function csv(...lines: string[]): string {
  return `${lines.join("\n")}\n`;
}

describe("parseLieuxCsv", () => {
  it("reads a row of the standard into a typed record", () => {
    const result = parseLieuxCsv(csv(HEADER, GOOD));
    expect(result.errors).toEqual([]);
    expect(result.valid).toEqual([
      {
        id: "lieu-1",
        pivot: "21790196300014",
        nom: "Mairie",
        commune: "Parthenay",
        code_postal: "79200",
        adresse: "2 rue de la Citadelle",
        date_maj: "2025-03-14",
        services: [Service.AideAuxDemarchesAdministratives],
        horaires: "Mo-Fr 09:00-12:00",
        telephone: "+33149946010",
      },
    ]);
  });

  it("rejects bad rows with the file line, the field and a French reason", () => {
    const result = parseLieuxCsv(
      csv(
        HEADER,
        GOOD,
        "lieu-2,21790196300014,,Parthenay,79200,2 rue X,2025-03-14,Aide aux démarches administratives,,",
        "lieu-3,21790196300014,Mairie,Parthenay,7920,2 rue X,2025-03-14,Aide aux démarches administratives,,",
        "lieu-4,21790196300014,Mairie,Parthenay,79200,2 rue X,2025-03-14,Aide aux démarches administratives|Cours de cuisine,,",
        "lieu-5,2179019630001,Mairie,Parthenay,79200,2 rue X,2025-03-14,Aide aux démarches administratives,,",
        "lieu-6,21790196300014,Mairie,Parthenay,79200,2 rue X,2025-03-14,Aide aux démarches administratives,Mo-Fr 25:00-26:00,",
      ),
    );
    expect(result.valid.map((record) => record.id)).toEqual(["lieu-1"]);
    expect(result.errors.map(({ line, field }) => ({ line, field }))).toEqual([
      { line: 3, field: "nom" },
      { line: 4, field: "code_postal" },
      { line: 5, field: "services" },
      { line: 6, field: "pivot" },
      { line: 7, field: "horaires" },
    ]);
    expect(result.errors.slice(0, 4).map(formatError)).toEqual([
      "ligne 3 : nom — valeur obligatoire manquante",
      `ligne 4 : code_postal — ${q("7920")} n'est pas un code postal (5 chiffres)`,
      `ligne 5 : services — ${q("Cours de cuisine")} n'est pas une valeur admise par le standard`,
      `ligne 6 : pivot — ${q("2179019630001")} n'est ni un SIRET (14 chiffres) ni un numéro RNA (W suivi de 9 caractères)`,
    ]);
    expect(result.errors[4]?.reason).toBe(
      `${q("Mo-Fr 25:00-26:00")} n'est pas au format OpenStreetMap opening_hours, par exemple ` +
        `${q("Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00")} (Mo-Fr 25:00 <--- (La plage horaire commence en dehors du jour actuel.))`,
    );
  });

  it("reports every faulty field of a row, not only the first", () => {
    const row = "lieu-2,ABC,Mairie,Parthenay,79200,2 rue X,14/03/2025,Aide aux démarches administratives,,06 12";
    const { errors } = parseLieuxCsv(csv(HEADER, row));
    expect(errors.map((error) => error.field)).toEqual(["pivot", "telephone", "date_maj"]);
    expect(errors.map((error) => error.line)).toEqual([2, 2, 2]);
  });

  it("suggests the standard's spelling when only accents or case differ", () => {
    const row = "lieu-2,21790196300014,Mairie,Parthenay,79200,2 rue X,2025-03-14,aide aux demarches administratives,,";
    const [error] = parseLieuxCsv(csv(HEADER, row)).errors;
    expect(error?.reason).toBe(
      `${q("aide aux demarches administratives")} n'est pas une valeur admise par le standard` +
        `${NBSP}: vouliez-vous dire ${q(Service.AideAuxDemarchesAdministratives)}${NBSP}?`,
    );
  });

  it("accepts a file separated by semicolons, with decimal commas, CRLF line ends and a BOM", () => {
    const text =
      "\uFEFFid;pivot;nom;commune;code_postal;adresse;date_maj;services;latitude;longitude\r\n" +
      'lieu-1;W791234567;"Mairie; accueil";Parthenay;79200;2 rue X;2025-03-14;Aide aux démarches administratives;46,6486;-0,2475\r\n';
    const result = parseLieuxCsv(text);
    expect(result.errors).toEqual([]);
    expect(result.valid[0]).toMatchObject({ nom: "Mairie; accueil", pivot: "W791234567", latitude: 46.6486, longitude: -0.2475 });
  });

  it("numbers rows by their first line when a quoted value spans several lines", () => {
    const text = csv(
      "id,pivot,nom,commune,code_postal,adresse,date_maj,services,presentation_detail",
      'lieu-1,21790196300014,Mairie,Parthenay,79200,2 rue X,2025-03-14,Aide aux démarches administratives,"ligne un\nligne deux\nligne trois"',
      "",
      "lieu-2,21790196300014,Mairie,Parthenay,79200,2 rue X,2025-03-14,Inconnu,",
    ).replace(/\n/g, "\r\n");
    const result = parseLieuxCsv(text);
    expect(result.valid[0]?.presentation_detail).toBe("ligne un\nligne deux\nligne trois");
    expect(result.errors.map((error) => [error.line, error.field])).toEqual([[6, "services"]]);
  });

  it("rejects a second row with an id already used in the file", () => {
    const { valid, errors } = parseLieuxCsv(csv(HEADER, GOOD, GOOD));
    expect(valid).toHaveLength(1);
    expect(errors).toEqual([{ line: 3, field: "id", reason: "identifiant déjà utilisé ligne 2" }]);
  });

  it("rejects a header without a required column and reads no row", () => {
    const result = parseLieuxCsv(csv("id,pivot,commune,code_postal,adresse,date_maj,services", "a,b,c,d,e,f,g"));
    expect(result.valid).toEqual([]);
    expect(result.errors).toEqual([{ line: 1, field: "nom", reason: "colonne obligatoire absente de l'en-tête" }]);
  });

  it("rejects a row with too few values and tolerates trailing empty cells and rows", () => {
    const result = parseLieuxCsv(csv(HEADER, `${GOOD},,`, "lieu-9,21790196300014,Mairie", ",,,,,,,,,"));
    expect(result.valid).toHaveLength(1);
    expect(result.errors).toEqual([{ line: 3, field: "colonnes", reason: "3 valeurs pour 10 colonnes dans l'en-tête" }]);
  });

  it("keeps the rows read before an unclosed quote and reports where reading stopped", () => {
    const result = parseLieuxCsv(csv(HEADER, GOOD, 'lieu-2,"21790196300014,Mairie'));
    expect(result.valid).toHaveLength(1);
    expect(result.errors).toEqual([
      { line: 3, field: "fichier", reason: "un guillemet ouvert n'est jamais refermé ; la suite du fichier n'a pas pu être lue" },
    ]);
  });

  it("lists the columns that are not in the standard", () => {
    expect(readLieuxCsv(csv(`${HEADER},note_interne`, `${GOOD},x`)).ignoredColumns).toEqual(["note_interne"]);
  });

  it("normalises values the package accepts into the form the official schema requires", () => {
    const header = "id,pivot,nom,commune,code_postal,adresse,date_maj,services,telephone,horaires,typologie";
    const row = `a,217 901 963 00014,Mairie,Parthenay,79200,2 rue X,2025-03-14T10:00:00+01:00,Aide aux démarches administratives,0262 12 34 56,Lu-Ve 9h-12h,MUNI | MUNI|EPN`;
    const [record] = parseLieuxCsv(csv(header, row)).valid;
    expect(record).toMatchObject({
      pivot: "21790196300014",
      date_maj: "2025-03-14",
      telephone: "+262262123456",
      horaires: "Mo-Fr 09:00-12:00",
      typologie: [Typologie.MUNI, Typologie.EPN],
    });
  });
});

describe("toStandardCsv", () => {
  it("writes the standard's columns in the order of the official schema v1.0.2", async () => {
    const [header] = (await collectText(toStandardCsv([]))).split("\n");
    expect(header).toBe(
      "id,pivot,nom,commune,code_postal,code_insee,adresse,complement_adresse,latitude,longitude,typologie,telephone," +
        "courriels,site_web,horaires,presentation_resume,presentation_detail,source,itinerance,structure_parente," +
        "date_maj,services,publics_specifiquement_adresses,prise_en_charge_specifique,frais_a_charge," +
        "dispositif_programmes_nationaux,formations_labels,autres_formations_labels,modalites_acces," +
        "modalites_accompagnement,fiche_acces_libre,prise_rdv",
    );
  });

  it("joins multiple values with | and leaves absent fields empty", async () => {
    const [, line] = (await collectText(toStandardCsv([minimalRecord, fullRecord]))).split("\n");
    const cells = Array<string>(STANDARD_COLUMNS.length).fill("");
    const set = (column: string, value: string): void => void (cells[STANDARD_COLUMNS.indexOf(column as never)] = value);
    set("id", "bus-numerique");
    set("pivot", "W791234567");
    set("nom", "Bus numérique");
    set("commune", "Saint-Aubin-le-Cloud");
    set("code_postal", "79450");
    set("adresse", "Place de l'Église");
    set("date_maj", "2024-11-02");
    set("services", "Accès internet et matériel informatique");
    expect(line).toBe(cells.join(","));
    const text = await collectText(toStandardCsv([fullRecord]));
    expect(text).toContain(",MUNI|EPN,+33549946010,numerique@parthenay.fr|accueil@parthenay.fr,");
  });

  it("starts with a BOM only when asked", async () => {
    expect((await collectText(toStandardCsv([], { bom: true }))).startsWith("\uFEFFid,")).toBe(true);
    expect((await collectText(toStandardCsv([]))).startsWith("id,")).toBe(true);
  });

  it("round-trips varied records without loss", async () => {
    const result = parseLieuxCsv(await collectText(toStandardCsv(variedRecords)));
    expect(result.errors).toEqual([]);
    expect(result.valid).toEqual(variedRecords);
  });

  it("writes one header cell per standard column", async () => {
    const [header] = (await collectText(toStandardCsv([]))).split("\n");
    expect(header?.split(",")).toEqual([...STANDARD_COLUMNS]);
  });
});

describe("formulas in the standard's CSV", () => {
  const hostile = {
    ...fullRecord,
    id: "lieu-piege",
    nom: "=HYPERLINK(\"https://exemple.org\",\"Cliquez\")",
    complement_adresse: "+cmd|' /C calc'!A0",
    presentation_detail: "@SUM(1+1)*cmd|' /C calc'!A0",
    source: "'déjà entre apostrophes",
  };

  it("writes no cell a spreadsheet would run as a formula, and leaves phones and coordinates as the standard has them", async () => {
    const text = await collectText(toStandardCsv([hostile]));
    const [, row] = parseLieuxCsvCells(text);
    for (const cell of row!) expect(cell, cell).not.toMatch(/^[=@\t\r]|^[+-](?!\d+(?:[.,]\d+)?$)/);
    expect(row).toContain(`'${hostile.nom}`);
    expect(row).toContain(`'${hostile.complement_adresse}`);
    expect(row).toContain(fullRecord.telephone);
  });

  it("reads back exactly what it wrote (lossless round trip)", async () => {
    const text = await collectText(toStandardCsv([hostile, ...variedRecords]));
    const parsed = parseLieuxCsv(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.valid).toEqual([hostile, ...variedRecords]);
  });
});

function parseLieuxCsvCells(text: string): string[][] {
  return parse(text, { relax_column_count: true }) as string[][];
}
