import { Service } from "@gouvfr-anct/lieux-de-mediation-numerique";
import { describe, expect, it } from "vitest";
import { parseLieuxJson, readLieuxJson, toStandardJson, toStandardJsonChunks } from "./lieux-json.js";
import { collectText, fullRecord, minimalRecord, variedRecords } from "./lieux.fixtures.js";

const NBSP = "\u00a0";
const place = {
  id: "lieu-1",
  pivot: "21790196300014",
  nom: "Mairie",
  commune: "Parthenay",
  code_postal: "79200",
  adresse: "2 rue de la Citadelle",
  date_maj: "2025-03-14",
  services: "Aide aux démarches administratives",
};

describe("parseLieuxJson", () => {
  it("reads an array in the standard's flat form, numbering elements from 1", () => {
    const text = JSON.stringify([place, { ...place, id: "lieu-2", code_postal: "7920" }, { ...place, id: "lieu-3", latitude: 46.6, longitude: -0.24 }]);
    const result = parseLieuxJson(text);
    expect(result.valid.map((record) => record.id)).toEqual(["lieu-1", "lieu-3"]);
    expect(result.valid[1]).toMatchObject({ latitude: 46.6, longitude: -0.24, services: [Service.AideAuxDemarchesAdministratives] });
    expect(result.errors).toEqual([
      { line: 2, field: "code_postal", reason: `«${NBSP}7920${NBSP}» n'est pas un code postal (5 chiffres)` },
    ]);
  });

  it("accepts coordinates written as text and multi-values written as arrays", () => {
    const text = JSON.stringify([{ ...place, latitude: "46.6", longitude: "-0.24", services: ["Aide aux démarches administratives"] }]);
    expect(parseLieuxJson(text).valid[0]).toMatchObject({ latitude: 46.6, longitude: -0.24 });
  });

  it("rejects an element that is not an object and a field of the wrong type", () => {
    const result = parseLieuxJson(JSON.stringify([42, { ...place, nom: { fr: "Mairie" } }]));
    expect(result.errors).toEqual([
      { line: 1, field: "élément", reason: "un objet JSON est attendu" },
      { line: 2, field: "nom", reason: "type de valeur inattendu (texte attendu)" },
    ]);
  });

  it("reports a syntax error at its line in the file", () => {
    const result = parseLieuxJson('[\n  {"id": "a",}\n]');
    expect(result.errors).toEqual([{ line: 2, field: "fichier", reason: "le fichier n'est pas du JSON valide" }]);
  });

  it("requires a top-level array", () => {
    expect(parseLieuxJson(JSON.stringify(place)).errors).toEqual([
      { line: 1, field: "fichier", reason: "un tableau JSON de lieux est attendu" },
    ]);
  });

  it("lists the keys that are not in the standard", () => {
    expect(readLieuxJson(JSON.stringify([{ ...place, cnfs_id: "x" }])).ignoredColumns).toEqual(["cnfs_id"]);
  });
});

describe("toStandardJson", () => {
  it("writes the flat form with multi-values joined by | and numbers as numbers", () => {
    const [row] = toStandardJson([fullRecord]);
    expect(row).toMatchObject({
      typologie: "MUNI|EPN",
      courriels: "numerique@parthenay.fr|accueil@parthenay.fr",
      latitude: 46.6486,
      services: "Aide aux démarches administratives|Maîtrise des outils numériques du quotidien",
    });
  });

  it("leaves absent fields out", () => {
    expect(Object.keys(toStandardJson([minimalRecord])[0] ?? {})).toEqual([
      "id", "pivot", "nom", "commune", "code_postal", "adresse", "date_maj", "services",
    ]);
  });

  it("round-trips varied records without loss, through the array and through the streamed text", async () => {
    expect(parseLieuxJson(JSON.stringify(toStandardJson(variedRecords)))).toEqual({ valid: variedRecords, errors: [], ignoredColumns: [] });
    expect(parseLieuxJson(await collectText(toStandardJsonChunks(variedRecords))).valid).toEqual(variedRecords);
  });

  it("streams an empty export as a valid empty array", async () => {
    expect(JSON.parse(await collectText(toStandardJsonChunks([])))).toEqual([]);
  });
});
