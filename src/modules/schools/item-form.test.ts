import { describe, expect, it } from "vitest";
import { itemFormValues, NEW_ITEM_VALUES, parseItemForm, readItemValues, type ItemFormValues } from "./item-form.js";

const school = { uai: "0301674G", classes: [{ id: 7, name: "CP" }, { id: 8, name: "CE1" }], today: "2027-03-02" };
const typed = (changes: Partial<ItemFormValues>): ItemFormValues => ({ ...NEW_ITEM_VALUES, numero_inventaire: "INV-9", categorie: "tablette", ...changes });

describe("single-item equipment form", () => {
  it("reads French amounts and dates like the import, and finds the class by name", () => {
    const parsed = parseItemForm(typed({ classe: "cp", date_acquisition: "15/09/2021", fin_garantie: "2026-09-15", cout_ttc: "1 234,5", modele: "Tab 10", etat: "en_panne" }), school);
    expect(parsed).toEqual({
      ok: true,
      details: {
        inventoryNumber: "INV-9", category: "tablette", model: "Tab 10", classId: 7, acquisitionDate: "2021-09-15",
        costCents: 123_450, fundingSource: "", warrantyEnd: "2026-09-15", state: "en_panne",
      },
    });
  });

  it("gives the import's reasons as French messages keyed by field, in the order of the page", () => {
    const parsed = parseItemForm(typed({ numero_inventaire: "", categorie: "", classe: "CM2", date_acquisition: "2027-02-31", cout_ttc: "12,345" }), school);
    expect(parsed).toEqual({
      ok: false,
      errors: {
        numero_inventaire: "Saisissez le numéro d'inventaire",
        categorie: "Choisissez la catégorie de l'équipement",
        classe: "Aucune classe « CM2 » dans l'école 0301674G",
        date_acquisition: "Date d'acquisition\u00a0: « 2027-02-31 » n'est pas une date valide (AAAA-MM-JJ ou JJ/MM/AAAA)",
        cout_ttc: "Coût TTC\u00a0: « 12,345 » n'est pas un montant en euros (ex. 1 234,56)",
      },
    });
  });

  it("refuses a future acquisition, a warranty ending before it, and a cost the database cannot hold", () => {
    const parsed = parseItemForm(typed({ date_acquisition: "2027-03-03", fin_garantie: "2027-01-01", cout_ttc: "21474836,48" }), school);
    expect(parsed.ok ? {} : parsed.errors).toEqual({
      date_acquisition: "La date d'acquisition est dans le futur",
      fin_garantie: "La fin de garantie précède la date d'acquisition",
      cout_ttc: "Coût TTC\u00a0: « 21474836,48 » dépasse le montant le plus élevé accepté (21\u00a0474\u00a0836,47\u00a0€)",
    });
  });

  it("round-trips a stored item through its form values", () => {
    const stored = { inventoryNumber: "INV-1", category: "ecran_interactif", model: "Écran 75", className: "CE1", state: "en_service", acquisitionDate: "2021-09-01", warrantyEnd: null, costCents: 289_005, fundingSource: "Socle 2021" };
    const values = readItemValues({ ...itemFormValues(stored), ignored: "x" });
    expect(values.cout_ttc).toBe("2890,05");
    expect(parseItemForm(values, school)).toEqual({
      ok: true,
      details: { inventoryNumber: "INV-1", category: "ecran_interactif", model: "Écran 75", classId: 8, acquisitionDate: "2021-09-01", costCents: 289_005, fundingSource: "Socle 2021", warrantyEnd: null, state: "en_service" },
    });
  });
});
