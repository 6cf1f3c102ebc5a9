import { describe, expect, it } from "vitest";
import { parseContact } from "./contact.js";

describe("parseContact", () => {
  it.each([
    ["  Leon.Durand@Exemple.fr ", { kind: "email", email: "leon.durand@exemple.fr" }],
    ["06 12 34 56 78", { kind: "phone", e164: "+33612345678" }],
    ["06.12.34.56.78", { kind: "phone", e164: "+33612345678" }],
    ["+33 6 12 34 56 78", { kind: "phone", e164: "+33612345678" }],
    ["0549000000", { kind: "phone", e164: "+33549000000" }],
  ])("reads %j as the stored contact", (typed, contact) => {
    expect(parseContact(typed)).toEqual({ ok: true, contact });
  });

  it.each([
    ["", "Saisissez l'adresse électronique ou le numéro de téléphone de la personne"],
    ["leon@", "Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr"],
    ["06 12 34", "Saisissez une adresse électronique, par exemple prenom.nom@exemple.fr, ou un numéro de téléphone, par exemple 06 12 34 56 78"],
    ["Léon Durand", "Saisissez une adresse électronique, par exemple prenom.nom@exemple.fr, ou un numéro de téléphone, par exemple 06 12 34 56 78"],
  ])("refuses %j with a French message", (typed, error) => {
    expect(parseContact(typed)).toEqual({ ok: false, error });
  });
});
