import { describe, expect, it } from "vitest";
import { DEFAULT_SOCLE } from "./domain/socle.js";
import { EXTRA_ROWS, nextVersionLabel, parseSocleForm, readSocleForm, socleToValues } from "./socle-form.js";

/** The values as a browser would post them. */
function posted(values: ReturnType<typeof socleToValues>): Record<string, unknown> {
  const body: Record<string, unknown> = { version: values.version, libelle: values.libelle };
  values.elements.forEach((e, i) => {
    Object.assign(body, { [`e${i}_code`]: e.code, [`e${i}_libelle`]: e.libelle, [`e${i}_categories`]: e.categories, [`e${i}_regle`]: e.regle, [`e${i}_nombre`]: e.nombre, [`e${i}_groupe`]: e.groupe, [`e${i}_achat`]: e.achat });
    if (e.supprimer) body[`e${i}_supprimer`] = "oui";
  });
  return body;
}

describe("reference set form", () => {
  it("round-trips the default set under a new version, blank rows ignored", () => {
    const values = socleToValues(DEFAULT_SOCLE, "territoire-1");
    expect(values.elements).toHaveLength(DEFAULT_SOCLE.elements.length + EXTRA_ROWS);
    const parsed = parseSocleForm(readSocleForm(posted(values)), []);
    expect(parsed).toEqual({ ok: true, socle: { ...DEFAULT_SOCLE, version: "territoire-1" } });
  });

  it("adds an element, removes another and changes a count", () => {
    const values = socleToValues(DEFAULT_SOCLE, "territoire-2");
    values.elements[0]!.supprimer = true;
    values.elements[2]!.nombre = "15";
    Object.assign(values.elements[6]!, { code: "visualiseur", libelle: "Visualiseur", categories: ["visualiseur"], regle: "per_class", nombre: "1", achat: "visualiseur" });
    const parsed = parseSocleForm(readSocleForm(posted(values)), ["territoire-1"]);
    if (!parsed.ok) throw new Error(parsed.problems.join("; "));
    expect(parsed.socle.elements.map((e) => e.code)).toEqual(["poste_enseignant", "mobiles", "direction", "impression", "wifi", "visualiseur"]);
    expect(parsed.socle.elements[1]!.requirement).toEqual({ kind: "per_class_group", count: 15, groupSize: 4 });
  });

  it("explains what prevents saving", () => {
    const values = socleToValues(DEFAULT_SOCLE, "territoire-1");
    values.elements[1]!.nombre = "zéro";
    values.elements[3]!.categories = [];
    const parsed = parseSocleForm(readSocleForm(posted(values)), ["territoire-1"]);
    expect(parsed).toEqual({
      ok: false,
      problems: [
        "la version « territoire-1 » existe déjà : choisissez un autre numéro",
        "élément « poste_enseignant » : nombre requis entier ≥ 1 attendu",
        "élément « direction » : aucune catégorie comptée",
        "élément « direction » : la catégorie achetée doit faire partie des catégories comptées",
      ],
    });
  });

  it("proposes a version number not used yet", () => {
    expect(nextVersionLabel([])).toBe("territoire-1");
    expect(nextVersionLabel(["territoire-2"])).toBe("territoire-3");
    expect(nextVersionLabel(["x", "territoire-2"])).toBe("territoire-3");
  });
});
