import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderFragment } from "../../../ui/render.js";
import { parseFinderQuery } from "../domain/finder-query.js";
import { escapeAttribute, searchBlockHtml, SearchBlock } from "./finder-form.js";

describe("the finder's search form kept as a template", () => {
  it("gives exactly the markup of rendering the form, whatever was typed and chosen", () => {
    const typed = fc.oneof(fc.string(), fc.constantFrom(`Saint-Aubin "le" <Cloud> & co`, "Parthenay 79200", "l'Absie", "Île-d'Aix", "&quot;", "<script>alert(1)</script>"));
    const filters = fc.record({
      besoin: fc.subarray(["Aide aux démarches administratives", "Accès internet et matériel informatique", "Maîtrise des outils numériques du quotidien"]),
      gratuit: fc.boolean(),
      ouvert: fc.boolean(),
      tri: fc.constantFrom("distance", "creneau"),
    });
    fc.assert(
      fc.property(typed, filters, fc.boolean(), fc.boolean(), (ou, f, heading, suggestions) => {
        const query = parseFinderQuery({ ou, besoin: f.besoin, ...(f.gratuit ? { gratuit: "oui" } : {}), ...(f.ouvert ? { ouvert: "oui" } : {}), tri: f.tri });
        const props = { heading, query, errors: {}, suggestions };
        // Twice: the template made, then used.
        expect(searchBlockHtml(props)).toBe(renderFragment(<SearchBlock {...props} />));
        expect(searchBlockHtml(props)).toBe(renderFragment(<SearchBlock {...props} />));
      }),
      { numRuns: 300 },
    );
  });

  it("renders the form itself when there is an error or a commune to choose", () => {
    const query = parseFinderQuery({ ou: "" });
    const props = { heading: false, query, errors: { ou: "Indiquez votre commune ou votre code postal" }, suggestions: false };
    expect(searchBlockHtml(props)).toBe(renderFragment(<SearchBlock {...props} />));
    expect(searchBlockHtml(props)).toContain("Indiquez votre commune ou votre code postal");
  });

  it("escapes what goes in an attribute", () => {
    expect(escapeAttribute(`a"b<c>&d'e`)).toBe("a&quot;b&lt;c>&amp;d'e");
  });
});
