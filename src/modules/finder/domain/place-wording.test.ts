import { describe, expect, it } from "vitest";
import { de, directionsUrl, formatPhone, howToGetHelp, supportChoices } from "./place-wording.js";

describe("howToGetHelp", () => {
  it.each([
    [["Téléphoner", "Se présenter"], false, ["Venir sur place sans rendez-vous", "Téléphoner avant de venir"]],
    [["Se présenter"], true, ["Venir sur place sans rendez-vous", "Prendre rendez-vous en ligne"]],
    [undefined, false, ["Téléphoner ou venir aux heures d'ouverture"]],
    [[], true, ["Prendre rendez-vous en ligne"]],
  ])("%j (booking here: %s) → %j", (modalites, bookableHere, expected) => {
    expect(howToGetHelp(modalites, { bookableHere, hasPhone: true })).toEqual(expected);
  });
});

describe("formatPhone", () => {
  it.each([
    ["+33549000000", "05\u00a049\u00a000\u00a000\u00a000"],
    ["05 49 00 00 00", "05\u00a049\u00a000\u00a000\u00a000"],
    ["+262262000000", "+262262000000"],
  ])("%s → %s", (phone, text) => {
    expect(formatPhone(phone)).toBe(text);
  });
});

describe("directionsUrl", () => {
  it("asks OpenStreetMap for a route to the place, the start left to the person", () => {
    expect(directionsUrl(46.6069, -0.2361)).toBe("https://www.openstreetmap.org/directions?route=%3B46.606900%2C-0.236100#map=16/46.60690/-0.23610");
  });
});

describe("supportChoices", () => {
  it("offers every specific support of the standard once", () => {
    expect(supportChoices().map((c) => c.value).sort()).toEqual(
      ["Déficience visuelle", "Handicaps mentaux", "Handicaps moteurs", "Illettrisme", "Langues étrangères (anglais)", "Langues étrangères (autres)", "Surdité"].sort(),
    );
  });
});

describe("de", () => {
  it.each([
    ["Parthenay (79)", "de Parthenay (79)"],
    ["Arbent", "d'Arbent"],
    ["Évron", "d'Évron"],
    ["Le Tallud (79)", "du Tallud (79)"],
    ["Les Sables-d'Olonne (85)", "des Sables-d'Olonne (85)"],
    ["La Rochelle (17)", "de La Rochelle (17)"],
    ["Hérisson", "de Hérisson"],
    ["code postal 79200", "du code postal 79200"],
  ])("%s → %s", (name, expected) => {
    expect(de(name)).toBe(expected);
  });
});
