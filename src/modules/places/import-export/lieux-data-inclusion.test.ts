import { describe, expect, it } from "vitest";
import { toDataInclusion } from "./lieux-data-inclusion.js";
import { fullRecord, minimalRecord } from "./lieux.fixtures.js";

describe("toDataInclusion", () => {
  const { structures, services } = toDataInclusion([fullRecord, minimalRecord], { source: "maillage" });

  it("makes one structure per place with its address, hours and thematiques", () => {
    expect(structures).toHaveLength(2);
    expect(structures[0]).toMatchObject({
      id: "mairie-parthenay",
      nom: "Mairie de Parthenay, espace numérique",
      siret: "21790196300014",
      commune: "Parthenay",
      code_postal: "79200",
      adresse: "2 rue de la Citadelle",
      horaires_ouverture: fullRecord.horaires,
      date_maj: "2025-03-14T00:00:00.000Z",
    });
    expect(structures[0]?.thematiques).toContain("numerique--realiser-des-demarches-administratives-avec-un-accompagnement");
  });

  it("makes one service per place, with the record's source or the given one", () => {
    expect(services.map((service) => [service.structure_id, service.source])).toEqual([
      ["mairie-parthenay", "Maillage"],
      ["bus-numerique", "maillage"],
    ]);
    expect(services[0]).toMatchObject({ frais: ["gratuit"], modes_accueil: ["en-presentiel"] });
  });
});
