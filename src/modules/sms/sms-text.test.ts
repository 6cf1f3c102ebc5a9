import { describe, expect, it } from "vitest";
import { appointmentSms, toAscii } from "./sms-text.js";

describe("appointment SMS text", () => {
  const link = "https://maillage.example/rendez-vous/7b0c3f1e-0000-4000-8000-000000000001?cle=abcd.efgh";

  it("is plain ASCII with the place, date, time and cancel link", () => {
    const text = appointmentSms({ kind: "rappel", placeName: "Médiathèque de Parthenay", startsAt: new Date("2027-03-02T13:30:00Z"), link });
    expect(text).toBe(`Rappel RDV mar 02/03 14h30 Mediatheque de Parthenay. Annuler: ${link}`);
    expect(/^[\x20-\x7e]*$/.test(text)).toBe(true);
  });

  it("fits in one SMS by shortening a long place name, never the link", () => {
    const text = appointmentSms({ kind: "confirmation", placeName: "Espace France Services intercommunal de la Communauté de communes de Parthenay-Gâtine, antenne de Secondigny", startsAt: new Date("2027-07-14T07:00:00Z"), link });
    expect(text.length).toBeLessThanOrEqual(160);
    expect(text.endsWith(link)).toBe(true);
  });

  it("folds accents and typographic apostrophes", () => {
    expect(toAscii("Mairie d’Allonne — été")).toBe("Mairie d'Allonne ete");
  });
});
