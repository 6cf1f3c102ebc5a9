import { Service } from "@gouvfr-anct/lieux-de-mediation-numerique";
import { describe, expect, it } from "vitest";
import { typologieLabels } from "./domain/typologie-labels.js";
import { STANDARD_COLUMNS } from "./import-export/lieu-record.js";
import { fullRecord, minimalRecord } from "./import-export/lieux.fixtures.js";
import { PLACE_FIELDS, PLACE_SECTIONS, parsePlaceForm, readPlaceForm, recordToForm } from "./place-form.js";

describe("place form", () => {
  it("has one field per column of the standard, each with a French label, and shows each once in the form", () => {
    expect(PLACE_FIELDS.map((field) => field.name).sort()).toEqual([...STANDARD_COLUMNS].sort());
    const shown = PLACE_SECTIONS.flatMap((section) => section.fields);
    expect(new Set(shown).size).toBe(shown.length);
    expect([...shown, "id", "date_maj"].sort()).toEqual([...STANDARD_COLUMNS].sort());
    for (const field of PLACE_FIELDS) expect(field.label.length, field.name).toBeGreaterThan(3);
  });

  it("offers the package's enum values byte for byte", () => {
    const services = PLACE_FIELDS.find((field) => field.name === "services")!.options!.map((option) => option.value);
    expect(services).toEqual(Object.values(Service));
    for (const label of Object.values(typologieLabels)) expect(label).not.toBe("");
  });

  it.each([fullRecord, minimalRecord])("gives back the same record after a trip through the form (%#)", (record) => {
    const values = readPlaceForm(recordToForm(record, true) as Record<string, unknown>);
    const result = parsePlaceForm(values, { id: record.id, today: record.date_maj });
    expect(result).toEqual({ ok: true, record, published: true });
  });

  it("keeps the stored id and dates the record today", () => {
    const values = readPlaceForm({ ...recordToForm(minimalRecord, false), id: "autre" } as Record<string, unknown>);
    const result = parsePlaceForm(values, { id: minimalRecord.id, today: "2027-03-02" });
    expect(result).toMatchObject({ ok: true, published: false, record: { id: minimalRecord.id, date_maj: "2027-03-02" } });
  });

  it("turns the standard's errors into messages per field, required fields first in plain words", () => {
    const values = readPlaceForm({ nom: "", pivot: "123", code_postal: "79200", commune: "Parthenay", adresse: "1 rue Haute", latitude: "46.6" });
    const result = parsePlaceForm(values, { id: "x", today: "2027-03-02" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual(["nom", "pivot", "longitude", "services"]);
    expect(result.errors).toEqual({
      nom: "Saisissez le nom du lieu",
      pivot: "SIRET ou numéro RNA de la structure\u00a0: «\u00a0123\u00a0» n'est ni un SIRET (14 chiffres) ni un numéro RNA (W suivi de 9 caractères)",
      longitude: "Longitude\u00a0: à renseigner avec la latitude",
      services: "Cochez au moins un service proposé",
    });
  });
});
