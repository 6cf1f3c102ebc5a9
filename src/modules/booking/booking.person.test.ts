import { describe, expect, it } from "vitest";
import { validatePerson } from "./booking.person.js";

const typed = { firstName: "Josiane", lastName: "Martin", phone: "06 12 34 56 78", email: "", noEmail: "", consent: "oui" };

describe("what a person types when booking", () => {
  it("lets « Je n'ai pas d'adresse e-mail » win over a half-typed address when a phone is given", () => {
    const result = validatePerson({ ...typed, email: "josiane@", noEmail: "oui" });
    expect(result).toEqual({ ok: true, person: { firstName: "Josiane", lastName: "Martin", phone: "+33612345678", email: "", noEmail: true } });
  });

  it("asks for a phone without e-mail", () => {
    const result = validatePerson({ ...typed, phone: "", noEmail: "oui" });
    expect(result).toEqual({ ok: false, errors: { phone: "Sans adresse e-mail, donnez un numéro de téléphone" } });
  });

  it("lists errors in the order of the fields: the phone before the consent", () => {
    const result = validatePerson({ ...typed, firstName: "", phone: "", consent: "" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual(["firstName", "phone", "consent"]);
  });

  it.each(["06.12.34.56.78", "06 12 34 56 78", "+33 6 12 34 56 78", "0612345678"])("stores a phone typed as %j in one form, +33612345678", (phone) => {
    const result = validatePerson({ ...typed, phone });
    expect(result.ok && result.person.phone).toBe("+33612345678");
  });
});
