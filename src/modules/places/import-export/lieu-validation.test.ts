import { Frais, ModaliteAcces, Service } from "@gouvfr-anct/lieux-de-mediation-numerique";
import { describe, expect, it } from "vitest";
import { formatError, toInternationalPhone, validateLieu } from "./lieu-validation.js";

const NBSP = "\u00a0";
const q = (value: string): string => `«${NBSP}${value}${NBSP}»`;
const base = {
  id: "lieu-1",
  pivot: "21790196300014",
  nom: "Mairie",
  commune: "Parthenay",
  code_postal: "79200",
  adresse: "2 rue de la Citadelle",
  date_maj: "2025-03-14",
  services: "Aide aux démarches administratives",
};

function errorsOf(changes: Record<string, unknown>): { field: string; reason: string }[] {
  const result = validateLieu({ ...base, ...changes }, 7);
  return result.ok ? [] : result.errors.map(({ field, reason }) => ({ field, reason }));
}

describe("validateLieu", () => {
  it("refuses an 1,800-character address that the standard's own pattern would take seconds on, with the usual reason", () => {
    // The package's pattern backtracks cubically on this (7 s at 1,800 characters, hours at 1 MB); RE2 answers at once.
    const address = `https://a.fr/${"a".repeat(1800)}<`;
    expect(errorsOf({ site_web: address })).toEqual([{ field: "site_web", reason: `${q(`${address.slice(0, 57)}…`)} n'est pas une adresse web valide` }]);
  });

  it("keeps line breaks in the long description", () => {
    expect(validateLieu({ ...base, presentation_detail: "Accueil libre.\nAteliers le mardi." }, 2).ok).toBe(true);
  });

  it.each([
    ["a blank nom", { nom: "   " }, "nom", "valeur obligatoire manquante"],
    ["an RNA number one character short", { pivot: "W79123456" }, "pivot", `${q("W79123456")} n'est ni un SIRET (14 chiffres) ni un numéro RNA (W suivi de 9 caractères)`],
    ["14 letters as SIRET (the package alone accepts it)", { pivot: "ABCDEFGHIJKLMN" }, "pivot", `${q("ABCDEFGHIJKLMN")} n'est ni un SIRET (14 chiffres) ni un numéro RNA (W suivi de 9 caractères)`],
    ["an INSEE code of no département", { code_insee: "2C004" }, "code_insee", `${q("2C004")} n'est pas un code INSEE de commune (5 caractères, par exemple 51454 ou 2A004)`],
    ["a commune with brackets", { commune: "Parthenay (79)" }, "commune", `${q("Parthenay (79)")} contient des caractères non admis dans un nom de commune`],
    ["a latitude beyond the pole", { latitude: "91", longitude: "2" }, "latitude", `${q("91")} n'est pas une latitude (nombre entre -90 et 90)`],
    ["a longitude that is not a number", { latitude: "46", longitude: "ouest" }, "longitude", `${q("ouest")} n'est pas une longitude (nombre entre -180 et 180)`],
    ["a latitude without longitude", { latitude: 46.6 }, "longitude", "à renseigner avec la latitude"],
    ["a short phone number", { telephone: "12 34" }, "telephone", `${q("12 34")} n'est pas un numéro de téléphone valide (par exemple 01 80 05 98 80 ou +33180059880)`],
    ["an e-mail without domain", { courriels: "accueil@mairie.fr|contact@" }, "courriels", `${q("contact@")} n'est pas une adresse de courriel valide`],
    ["a web address without scheme", { site_web: "www.parthenay.fr" }, "site_web", `${q("www.parthenay.fr")} n'est pas une adresse web valide (une adresse commençant par https:// ou http://)`],
    ["a booking link that is not a URL", { prise_rdv: "appeler la mairie" }, "prise_rdv", `${q("appeler la mairie")} n'est pas une adresse web valide (une adresse commençant par https:// ou http://)`],
    ["a data: address, which a page would show as a link", { site_web: "data:text/html,<script>alert(1)</script>" }, "site_web", `${q("data:text/html,<script>alert(1)</script>")} n'est pas une adresse web valide (une adresse commençant par https:// ou http://)`],
    ["a javascript: booking link", { prise_rdv: "javascript:alert(1)" }, "prise_rdv", `${q("javascript:alert(1)")} n'est pas une adresse web valide (une adresse commençant par https:// ou http://)`],
    ["a web address of 2,001 characters", { prise_rdv: `https://a.fr/${"a".repeat(1988)}` }, "prise_rdv", "trop long : 2\u202f000 caractères au plus (2\u202f001 reçus)"],
    ["a megabyte in a web-address cell, refused before any pattern", { fiche_acces_libre: `https://a.fr/${"a".repeat(1_048_576)}!` }, "fiche_acces_libre", "trop long : 2\u202f000 caractères au plus (1\u202f048\u202f590 reçus)"],
    ["a NUL byte in the name", { nom: "Mai\u0000rie" }, "nom", "contient un caractère invisible non admis (U+0000, position 4) : retapez ce texte sans le coller"],
    ["a line break in the name", { nom: "Mai\nrie" }, "nom", "contient un caractère invisible non admis (U+000A, position 4) : retapez ce texte sans le coller"],
    ["a summary of 281 characters", { presentation_resume: "é".repeat(281) }, "presentation_resume", "280 caractères au plus (281 saisis)"],
    ["a date that does not exist", { date_maj: "2025-02-30" }, "date_maj", `${q("2025-02-30")} n'est pas une date au format AAAA-MM-JJ`],
    ["a French date", { date_maj: "14/03/2025" }, "date_maj", `${q("14/03/2025")} n'est pas une date au format AAAA-MM-JJ`],
    ["services made only of separators", { services: " | " }, "services", "valeur obligatoire manquante"],
    ["an unknown typology", { typologie: "MAIRIE" }, "typologie", `${q("MAIRIE")} n'est pas une valeur admise par le standard`],
    ["school holidays in the hours", { horaires: "Mo-Fr 09:00-12:00; SH off" }, "horaires", `${q("Mo-Fr 09:00-12:00; SH off")} les vacances scolaires (SH) ne sont pas prises en charge${NBSP}: indiquez les dates d'ouverture`],
    ["an object where text is expected", { source: { nom: "x" } }, "source", "type de valeur inattendu (texte attendu)"],
  ])("rejects %s", (_case, changes, field, reason) => {
    expect(errorsOf(changes)).toEqual([{ field, reason }]);
  });

  it("suggests the exact value when a fee differs only by case", () => {
    expect(errorsOf({ frais_a_charge: "gratuit" })).toEqual([
      { field: "frais_a_charge", reason: `${q("gratuit")} n'est pas une valeur admise par le standard${NBSP}: vouliez-vous dire ${q(Frais.Gratuit)}${NBSP}?` },
    ]);
  });

  it("suggests the straight apostrophe of the standard for a typographic one", () => {
    const [error] = errorsOf({ modalites_acces: "Ce lieu n’accueille pas de public" });
    expect(error?.reason).toContain(`vouliez-vous dire ${q(ModaliteAcces.PasDePublic)}`);
  });

  it("echoes the given line in every error", () => {
    const result = validateLieu({ ...base, nom: "", code_postal: "x" }, 12);
    expect(result.ok ? [] : result.errors.map((error) => error.line)).toEqual([12, 12]);
  });

  it("drops repeated values of a multi-valued field", () => {
    const result = validateLieu({ ...base, services: `${Service.AideAuxDemarchesAdministratives}|${Service.AideAuxDemarchesAdministratives}` }, 2);
    expect(result.ok && result.record.services).toEqual([Service.AideAuxDemarchesAdministratives]);
  });

  it("leaves optional fields absent rather than empty", () => {
    const result = validateLieu({ ...base, telephone: "", typologie: "  ", latitude: null }, 2);
    expect(result.ok && Object.keys(result.record).sort()).toEqual(Object.keys(base).sort());
  });
});

describe("formatError", () => {
  it("writes `ligne N : champ — raison`", () => {
    expect(formatError({ line: 4, field: "code_postal", reason: "n'est pas un code postal" })).toBe("ligne 4 : code_postal — n'est pas un code postal");
  });
});

describe("toInternationalPhone", () => {
  it.each([
    ["01 80 05 98 80", "+33180059880"],
    ["06.12.34.56.78", "+33612345678"],
    ["+33 (0)1 80 05 98 80", "+33180059880"],
    ["0033 1 80 05 98 80", "+33180059880"],
    ["0692 12 34 56", "+262692123456"],
    ["0590 12 34 56", "+590590123456"],
  ])("writes %s as %s", (input, expected) => {
    expect(toInternationalPhone(input)).toBe(expected);
  });
});
