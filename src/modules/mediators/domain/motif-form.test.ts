import { describe, expect, it } from "vitest";
import { parseSettingsForm } from "./mediator-form.js";
import { motifDefaults, motifValuesOf, parseMotifForm } from "./motif-form.js";

describe("motif form", () => {
  it("defaults to 30 min, 30 min notice, 90 days ahead, cancel until 4 h and change until 2 days before", () => {
    const result = parseMotifForm({ ...motifDefaults, name: "Démarches en ligne" }, []);
    expect(result.ok && result.data).toMatchObject({ durationMinutes: 30, minNoticeMinutes: 30, horizonDays: 90, cancelUntilMinutes: 240, changeUntilMinutes: 2880, bookableBy: "everyone", placeIds: [] });
  });

  it("gives back the same form values from a saved motif", () => {
    const result = parseMotifForm({ ...motifDefaults, name: "Démarches", placeIds: ["4", "2"] }, [2, 4]);
    if (!result.ok) throw new Error("invalid");
    expect(motifValuesOf(result.data)).toEqual({ ...motifDefaults, name: "Démarches", placeIds: ["2", "4"] });
  });

  it("explains each mistake in French", () => {
    const result = parseMotifForm({ ...motifDefaults, durationMinutes: "une demi-heure", horizonDays: "0", placeIds: ["99"], bookableBy: "partners" }, [1]);
    expect(result).toEqual({
      ok: false,
      errors: {
        name: "Saisissez le nom du motif",
        durationMinutes: "La durée doit être un nombre entier de minutes, par exemple 30",
        horizonDays: "Le nombre de jours doit être entre 1 et 365 jours",
        bookableBy: "Choisissez qui peut prendre rendez-vous",
        placeIds: "Choisissez des lieux de la liste",
      },
    });
  });
});

describe("settings form", () => {
  it("keeps contact details between 1 and 365 days", () => {
    expect(parseSettingsForm({ contactRetentionDays: "400", reminderHours: "48", smsEnabled: "" })).toEqual({ ok: false, errors: { contactRetentionDays: "La durée de conservation doit être entre 1 et 365 jours" } });
    expect(parseSettingsForm({ contactRetentionDays: "30", reminderHours: "24", smsEnabled: "" })).toEqual({ ok: true, data: { contactRetentionDays: 30, reminderHours: 24, smsEnabled: false } });
  });

  it("turns SMS on only when the box is ticked", () => {
    expect(parseSettingsForm({ contactRetentionDays: "90", reminderHours: "48", smsEnabled: "oui" })).toEqual({ ok: true, data: { contactRetentionDays: 90, reminderHours: 48, smsEnabled: true } });
  });
});
