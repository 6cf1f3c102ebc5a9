// The public page behind a share link: the same statistics, no account, no personal data, no mediator detail.
import type { PageContext } from "../../../ui/context.js";
import { Layout } from "../../../ui/layout.js";
import { shortDay } from "../domain/labels.js";
import type { StatisticsReport } from "../domain/statistics.js";
import type { Names } from "../import-export/statistics-export.js";
import { StatisticsFigures } from "./statistics-figures.js";

type Props = { ctx: PageContext; territoryName: string; demo: boolean; label: string; period: { from: string; to: string }; report: StatisticsReport; names: Names };

/** Statistics shared by a territory through a link. */
export function SharedStatisticsPage({ ctx, territoryName, demo, label, period, report, names }: Props) {
  return (
    <Layout ctx={{ ...ctx, demo: ctx.demo || demo }} title={`Statistiques – ${territoryName}`} wide>
      <h1 class="govuk-heading-l">
        <span class="govuk-caption-l">{territoryName}</span>
        Statistiques de l'accompagnement numérique
      </h1>
      <p class="govuk-body-l">
        Du {shortDay(period.from)} au {shortDay(period.to)}
        {label ? ` · ${label}` : ""}
      </p>
      <p class="govuk-body">Chiffres partagés par le territoire. Les accompagnements sont anonymes : aucune donnée personnelle n'est affichée.</p>
      <StatisticsFigures report={report} names={names} withMediators={false} />
    </Layout>
  );
}
