// The member territories most like mine (or like a sheet's author), with their sheets.
import { plural } from "../../../lib/format.js";
import type { PageContext } from "../../../ui/context.js";
import { Layout } from "../../../ui/layout.js";
import type { Similar } from "../../observatory/domain/similarity.js";
import { shareableLabel } from "../../observatory/benchmark.js";
import type { SheetHit } from "../sheets.queries.js";

export function SimilarMembersPage({ ctx, of, similar, features, sheets }: { ctx: PageContext; of: string; similar: Similar[]; features: string[]; sheets: Map<number, SheetHit[]> }) {
  const base = `/t/${ctx.territory!.code}/reseau`;
  const label = (key: string) => (key === "population" ? "population" : shareableLabel(key).toLowerCase());
  return (
    <Layout ctx={ctx} title={`Territoires semblables à ${of}`}>
      <a class="govuk-back-link" href={base}>
        Retour au réseau
      </a>
      <h1 class="govuk-heading-l">Les territoires du réseau les plus semblables à {of}</h1>
      <p class="govuk-body">
        Mesure : territoires du même type, de population comprise entre la moitié et le double, rapprochés sur {features.map(label).join(", ") || "la population"} (écarts
        centrés sur la médiane et rapportés à l'écart interquartile ; similarité = 1 / (1 + distance)). Un chiffre compte s'il est connu des deux territoires : la population vient de la géographie officielle, les autres chiffres de ce que chaque territoire partage dans son observatoire.
      </p>
      {similar.length === 0 ? <p class="govuk-body">Aucun territoire membre du même type et de taille comparable.</p> : null}
      {similar.map((s) => (
        <section aria-labelledby={`semblable-${s.territoryId}`}>
          <h2 class="govuk-heading-m" id={`semblable-${s.territoryId}`}>
            {s.name} <span class="govuk-body-s">(similarité {s.similarity.toFixed(2)}, {plural(s.features, "chiffre comparé", "chiffres comparés")})</span>
          </h2>
          {(sheets.get(s.territoryId) ?? []).length === 0 ? (
            <p class="govuk-body">Aucune fiche partagée.</p>
          ) : (
            <ul class="govuk-list">
              {sheets.get(s.territoryId)!.map((h) => (
                <li>
                  <a class="govuk-link" href={`${base}/fiches/${h.id}`}>
                    {h.title}
                  </a>{" "}
                  ({h.year})
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </Layout>
  );
}
