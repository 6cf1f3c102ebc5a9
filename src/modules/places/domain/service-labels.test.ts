import { Service } from "@gouvfr-anct/lieux-de-mediation-numerique";
import { describe, expect, it } from "vitest";
import { citizenServiceChoices, serviceHintsForCitizens, serviceLabelsForCitizens } from "./service-labels.js";

describe("serviceLabelsForCitizens", () => {
  it("words every service of the standard, and only those", () => {
    expect(Object.keys(serviceLabelsForCitizens).sort()).toEqual(Object.values(Service).sort());
    expect(Object.keys(serviceHintsForCitizens).sort()).toEqual(Object.values(Service).sort());
  });

  it("gives each service its own wording", () => {
    const labels = Object.values(serviceLabelsForCitizens);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("says administrative help and phone skills the way people ask for them", () => {
    expect(serviceLabelsForCitizens[Service.AideAuxDemarchesAdministratives]).toBe("faire une démarche en ligne");
    expect(serviceLabelsForCitizens[Service.MaitriseDesOutilsNumeriquesDuQuotidien]).toMatch(/^apprendre à me servir de mon téléphone/);
    expect(serviceLabelsForCitizens[Service.InsertionProfessionnelleViaLeNumerique]).toBe("trouver un emploi avec internet");
  });
});

describe("citizenServiceChoices", () => {
  it("offers each service once, administrative help first", () => {
    const choices = citizenServiceChoices();
    expect(choices.map((choice) => choice.value).sort()).toEqual(Object.values(Service).sort());
    expect(choices[0]).toEqual({
      value: Service.AideAuxDemarchesAdministratives,
      label: "faire une démarche en ligne",
      hint: serviceHintsForCitizens[Service.AideAuxDemarchesAdministratives],
    });
  });
});
