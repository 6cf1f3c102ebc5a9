// A short page for people who reuse the open data: what the API gives and where its description is.
import type { PageContext } from "../../../ui/context.js";
import { Layout } from "../../../ui/layout.js";

/** The human entry point of /api/v1. */
export function ApiPage({ ctx, publicUrl }: { ctx: PageContext; publicUrl: string }) {
  const example = `${publicUrl}/api/v1/lieux?commune=79202&par_page=100`;
  return (
    <Layout ctx={ctx} title="API des lieux de médiation numérique">
      <h1 class="govuk-heading-l">API des lieux de médiation numérique</h1>
      <p class="govuk-body">
        Les lieux publiés par les territoires de cette instance sont en accès libre, sans compte, au format du standard national des
        lieux de médiation numérique. La cartographie nationale et d'autres services peuvent les reprendre.
      </p>
      <h2 class="govuk-heading-m">Adresses</h2>
      <ul class="govuk-list govuk-list--bullet">
        <li>
          <a class="govuk-link" href="/api/v1/lieux">/api/v1/lieux</a> : les lieux au format du standard (JSON).
        </li>
        <li>
          <a class="govuk-link" href="/api/v1/lieux/data-inclusion">/api/v1/lieux/data-inclusion</a> : les mêmes lieux au format
          data.inclusion (structures et services).
        </li>
        <li>
          <a class="govuk-link" href="/api/v1/openapi.json">/api/v1/openapi.json</a> : la description complète de l'API (OpenAPI 3.1).
        </li>
      </ul>
      <h2 class="govuk-heading-m">Filtres et pages</h2>
      <ul class="govuk-list govuk-list--bullet">
        <li>
          <code>commune</code> : code INSEE de la commune, par exemple <code>79202</code>.
        </li>
        <li>
          <code>service</code> : un service, écrit exactement comme dans le standard, par exemple{" "}
          <code>Aide aux démarches administratives</code>.
        </li>
        <li>
          <code>page</code> et <code>par_page</code> (500 au plus, 100 par défaut) ; l'en-tête <code>Link</code> donne les pages
          suivante et précédente, <code>X-Total-Count</code> le nombre total de lieux.
        </li>
      </ul>
      <p class="govuk-body">
        Exemple : <code>{example}</code>
      </p>
      <h2 class="govuk-heading-m">Moissonner sans tout recharger</h2>
      <p class="govuk-body">
        Chaque réponse porte un en-tête <code>ETag</code> et <code>Last-Modified</code>. Renvoyez l'ETag dans{" "}
        <code>If-None-Match</code> : si rien n'a changé, la réponse est vide (code 304).
      </p>
    </Layout>
  );
}
