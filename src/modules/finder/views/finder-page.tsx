// The public finder page: the search form, or the results of a search followed by the form to change it.
import type { PageContext } from "../../../ui/context.js";
import { ErrorSummary, type FieldErrors } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import { finderUrl, type FinderQuery } from "../domain/finder-query.js";
import type { SearchResults } from "../finder.search.js";
import { MAX_RESULTS, SLOT_SORT_POOL } from "../finder.search.js";
import { de } from "../domain/place-wording.js";
import { searchBlockHtml, type CommuneChoice } from "./finder-form.js";
import { Pagination, ResultList } from "./result-list.js";

export type FinderPageProps = {
  ctx: PageContext;
  query: FinderQuery;
  errors: FieldErrors;
  choices?: CommuneChoice[] | undefined;
  results?: SearchResults | undefined;
  /** URL of the optional suggestion script, when it is installed. */
  suggestScript?: string | undefined;
  /** Map tiles (MAP_TILE_URL): the map is an enhancement shown under the list, only when configured. */
  map?: { tileUrl: string; attribution: string } | undefined;
};

function countText(total: number): string {
  if (total === 0) return "Aucun lieu trouvé";
  return total === 1 ? "1 lieu trouvé" : `${total} lieux trouvés`;
}

/** How the results are ordered, said plainly (the person should know why a place comes first). */
function orderText(results: SearchResults, query: FinderQuery): string[] {
  const { area, positionBasis } = results;
  const lines: string[] = [];
  if (positionBasis === "none") {
    lines.push(
      `Nous ne connaissons pas la position ${de(area.label)}\u00a0: les lieux de la commune viennent d'abord, puis ceux du même code postal, du même département et les autres, par ordre alphabétique.`,
    );
  } else if (positionBasis === "centre") {
    lines.push(`Les distances sont à vol d'oiseau, depuis le centre ${de(area.label)}, pas depuis votre adresse.`);
  } else if (positionBasis === "postcode" && area.kind === "commune") {
    lines.push(`Les distances sont à vol d'oiseau, depuis le secteur du code postal ${area.postcodes.join(", ")}, pas depuis votre adresse.`);
  } else {
    const from = area.kind === "postcode" ? `le secteur du ${area.label}` : area.label;
    lines.push(`Les distances sont à vol d'oiseau, depuis ${from}, pas depuis votre adresse.`);
  }
  if (query.tri === "creneau") {
    lines.push(`Parmi les ${SLOT_SORT_POOL} lieux les plus proches, ceux qui ont un rendez-vous libre le plus tôt viennent d'abord. Les autres suivent, du plus proche au plus loin.`);
  } else if (positionBasis !== "none") {
    lines.push("Les lieux les plus proches viennent d'abord.");
  }
  if (query.besoins.length + query.accompagnements.length > 1) lines.push("Les lieux montrés proposent tout ce que vous avez coché.");
  if (results.capped) lines.push(positionBasis === "none" ? `Seuls les ${MAX_RESULTS} premiers lieux sont montrés.` : `Seuls les ${MAX_RESULTS} lieux les plus proches sont montrés.`);
  return lines;
}

/** The map container: filled by /assets/finder-map.js when JavaScript runs; hidden otherwise. */
function MapEnhancement({ results, map }: { results: SearchResults; map: { tileUrl: string; attribution: string } }) {
  if (results.points.length === 0) return null;
  return (
    <div
      class="maillage-map"
      id="carte-lieux"
      hidden
      role="region"
      aria-label="Carte des lieux de cette page (la liste donne les mêmes informations)"
      data-tiles={map.tileUrl}
      data-attribution={map.attribution}
      data-points={JSON.stringify(results.points)}
    ></div>
  );
}

function Results({ results, query, map }: { results: SearchResults; query: FinderQuery; map?: { tileUrl: string; attribution: string } | undefined }) {
  const first = (results.page - 1) * 10 + 1;
  return (
    <section aria-labelledby="resultats">
      <h2 class="govuk-heading-m" id="resultats">
        {countText(results.total)} près {de(results.area.label)}
        {results.pages > 1 ? (
          <span class="govuk-caption-m">
            Page {results.page} sur {results.pages}
          </span>
        ) : null}
      </h2>
      {orderText(results, query).map((line) => (
        <p class="govuk-body-s">{line}</p>
      ))}
      <p class="govuk-body-s">
        <a class="govuk-link" href="#recherche">
          Modifier la recherche
        </a>
      </p>
      {results.total === 0 ? (
        <p class="govuk-body">Essayez en cochant moins de choix, ou cherchez une commune voisine.</p>
      ) : (
        <ResultList cards={results.cards} start={first} labelledBy="resultats" />
      )}
      {map ? <MapEnhancement results={results} map={map} /> : null}
      <Pagination page={results.page} pages={results.pages} href={(page) => finderUrl(query, { page })} />
    </section>
  );
}

/** The finder page. */
export function FinderPage({ ctx, query, errors, choices, results, suggestScript, map }: FinderPageProps) {
  const hasErrors = Object.keys(errors).length > 0;
  const title = results
    ? `Lieux d'aide au numérique près ${de(results.area.label)}${results.pages > 1 ? `, page ${results.page} sur ${results.pages}` : ""}`
    : "Trouver un lieu d'aide au numérique";
  return (
    <Layout
      ctx={ctx}
      title={title}
      hasErrors={hasErrors}
      head={
        <>
          {suggestScript ? <script type="module" src={`${suggestScript}?v=${ctx.assetVersion}`}></script> : null}
          {map && results?.points.length ? (
            <>
              <link rel="stylesheet" href={`/assets/leaflet/leaflet.css?v=${ctx.assetVersion}`} />
              <script src={`/assets/leaflet/leaflet.js?v=${ctx.assetVersion}`} defer></script>
              <script src={`/assets/finder-map.js?v=${ctx.assetVersion}`} defer></script>
            </>
          ) : null}
        </>
      }
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">Trouver un lieu d'aide au numérique</h1>
          {results ? null : (
            <p class="govuk-body">
              Des lieux près de chez vous aident à faire ses démarches en ligne et à se servir d'un téléphone ou d'un ordinateur. Souvent gratuitement, avec ou sans rendez-vous.
            </p>
          )}
          <ErrorSummary errors={errors} />
          {results ? <Results results={results} query={query} map={map} /> : null}
          <div id="recherche" dangerouslySetInnerHTML={{ __html: searchBlockHtml({ heading: Boolean(results), query, errors, choices, suggestions: Boolean(suggestScript) }) }} />
        </div>
      </div>
    </Layout>
  );
}
