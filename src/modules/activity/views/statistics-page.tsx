// The territory's statistics page: filters, figures, downloads, and public share links for coordinators.
import { formatShortDate } from "../../../lib/format.js";
import { Notice, TableScroll } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, CsrfField, ErrorSummary, TextInput, type FieldErrors } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import type { Option } from "../activity.queries.js";
import { queryString, type FilterQuery } from "../domain/filters.js";
import { shortDay } from "../domain/labels.js";
import type { StatisticsReport } from "../domain/statistics.js";
import type { Names } from "../import-export/statistics-export.js";
import type { ShareLinkRow } from "../statistics.queries.js";
import { PeriodFilters } from "./activity-list-page.js";
import { StatisticsFigures } from "./statistics-figures.js";

type Props = {
  ctx: PageContext;
  report: StatisticsReport;
  names: Names;
  values: Required<FilterQuery>;
  chosen: FilterQuery;
  errors: FieldErrors;
  places: Option[];
  mediators: Option[];
  communes: { insee: string; name: string }[];
  canExport: boolean;
  canShare: boolean;
  shareLinks: ShareLinkRow[];
  newLink?: { url: string; label: string } | undefined;
  notice?: string | undefined;
};

function Downloads({ base, chosen }: { base: string; chosen: FilterQuery }) {
  const link = (donnees: string, format: string) => `${base}/export${queryString(chosen, { donnees, format })}`;
  return (
    <>
      <h2 class="govuk-heading-m">Télécharger</h2>
      <p class="govuk-body">Les fichiers reprennent les filtres choisis. Chaque téléchargement est inscrit au journal.</p>
      <ul class="govuk-list">
        <li>
          Les chiffres : <a class="govuk-link" href={link("chiffres", "csv")}>CSV pour tableur</a> ou <a class="govuk-link" href={link("chiffres", "xlsx")}>Excel</a>
        </li>
        <li>
          Les accompagnements, sans aucun nom : <a class="govuk-link" href={link("accompagnements", "csv")}>CSV pour tableur</a> ou{" "}
          <a class="govuk-link" href={link("accompagnements", "xlsx")}>Excel</a>
        </li>
      </ul>
    </>
  );
}

function Sharing({ ctx, chosen, links, newLink }: { ctx: PageContext; chosen: FilterQuery; links: ShareLinkRow[]; newLink?: Props["newLink"] }) {
  const base = `/t/${ctx.territory!.code}/statistiques/partages`;
  const live = links.filter((l) => !l.revokedAt);
  return (
    <>
      <h2 class="govuk-heading-m">Partager sans compte</h2>
      {newLink ? (
        <Notice title={`Le lien « ${newLink.label} » est créé.`} success>
          <p class="govuk-body">Copiez-le maintenant, il ne sera plus affiché :</p>
          <p class="govuk-body maillage-pre">
            <a class="govuk-notification-banner__link" href={newLink.url}>
              {newLink.url}
            </a>
          </p>
        </Notice>
      ) : null}
      <p class="govuk-body">
        Un lien de partage montre ces statistiques à toute personne qui l'a, sans compte (par exemple les élus d'une commune). Il ne montre
        aucune donnée personnelle ni le détail par médiateur. Sans période choisie, il montre toujours les 12 derniers mois.
      </p>
      <form method="post" action={base} novalidate>
        <CsrfField token={ctx.csrfToken} />
        {(["du", "au", "commune", "lieu"] as const).map((k) => (chosen[k] ? <input type="hidden" name={k} value={chosen[k]} /> : null))}
        <TextInput name="label" label="Nom du lien" hint="Pour le retrouver, par exemple « Conseil communautaire de mars »." />
        <Button secondary>Créer un lien de partage</Button>
      </form>
      {live.length > 0 ? (
        <TableScroll label="Liens de partage actifs">
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--s">Liens de partage actifs</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">Nom</th>
                <th scope="col" class="govuk-table__header">Créé le</th>
                <th scope="col" class="govuk-table__header">Période</th>
                <th scope="col" class="govuk-table__header">Action</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {live.map((l) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">{l.label || "Sans nom"}</td>
                  <td class="govuk-table__cell">{formatShortDate(l.createdAt)}</td>
                  <td class="govuk-table__cell">{l.filters.du || l.filters.au ? `${l.filters.du ? shortDay(l.filters.du) : "…"} – ${l.filters.au ? shortDay(l.filters.au) : "aujourd'hui"}` : "12 derniers mois"}</td>
                  <td class="govuk-table__cell">
                    <form method="post" action={`${base}/${l.id}/revoquer`} class="maillage-inline-form">
                      <CsrfField token={ctx.csrfToken} />
                      <button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" data-module="govuk-button">
                        Désactiver<span class="govuk-visually-hidden"> le lien {l.label}</span>
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </>
  );
}

/** Statistics of the territory for the chosen filters. */
export function StatisticsPage(props: Props) {
  const { ctx, report, names, values, chosen, errors, places, mediators, communes, canExport, canShare, notice } = props;
  const base = `/t/${ctx.territory!.code}/statistiques`;
  return (
    <Layout ctx={ctx} title="Statistiques" hasErrors={Object.keys(errors).length > 0} wide>
      {notice === "desactive" ? <Notice title="Le lien de partage est désactivé : il ne fonctionne plus." success /> : null}
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">
        <span class="govuk-caption-l">{ctx.territory!.name}</span>
        Statistiques de l'accompagnement numérique
      </h1>
      <PeriodFilters action={base} values={values} errors={errors} places={places} mediators={mediators} communes={communes} submit="Afficher" />
      <p class="govuk-body-l">
        Du {shortDay(values.du)} au {shortDay(values.au)}
      </p>
      <StatisticsFigures report={report} names={names} withMediators />
      {canExport ? <Downloads base={base} chosen={chosen} /> : null}
      {canShare ? <Sharing ctx={ctx} chosen={chosen} links={props.shareLinks} newLink={props.newLink} /> : null}
    </Layout>
  );
}
