// Two scenarios side by side, year by year: gross amount, net cost and the difference.
import type { PageContext } from "../../../../ui/context.js";
import { Layout } from "../../../../ui/layout.js";
import type { comparePlans, MoneyTotals } from "../../domain/plan.js";
import { formatEuros } from "../money.js";
import { GAP_SCHEDULE_LABELS } from "../plan-report.js";
import type { ScenarioRow } from "../plan.queries.js";
import { BackLink, TableScroll } from "../../../../ui/components.js";
import { periodLabel } from "./scenarios-page.js";

type Props = {
  ctx: PageContext;
  a: { scenario: ScenarioRow; total: MoneyTotals };
  b: { scenario: ScenarioRow; total: MoneyTotals };
  rows: ReturnType<typeof comparePlans>;
};

/** "+ 1 200,00 €" or "− 300,00 €": the sign is always shown for a difference. */
function delta(cents: number): string {
  if (cents === 0) return formatEuros(0);
  return `${cents > 0 ? "+" : "−"}\u00a0${formatEuros(Math.abs(cents))}`;
}

/** The comparison table; a year outside one scenario counts 0 for it. */
export function ComparePage({ ctx, a, b, rows }: Props) {
  const base = `/t/${ctx.territory!.code}/plan`;
  const th = (text: string, numeric = true) => <th scope="col" class={`govuk-table__header${numeric ? " govuk-table__header--numeric" : ""}`}>{text}</th>;
  const td = (text: string) => <td class="govuk-table__cell govuk-table__cell--numeric">{text}</td>;
  const [nameA, nameB] = [a.scenario.name, b.scenario.name];
  return (
    <Layout ctx={ctx} title="Comparer deux scénarios" wide>
      <BackLink href={base}>Plan pluriannuel</BackLink>
      <h1 class="govuk-heading-l">Comparer deux scénarios</h1>
      <dl class="govuk-summary-list">
        {[a, b].map(({ scenario }, i) => (
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{i === 0 ? "Scénario A" : "Scénario B"}</dt>
            <dd class="govuk-summary-list__value">
              <a class="govuk-link" href={`${base}/${scenario.id}`}>
                {scenario.name}
              </a>
              , {periodLabel(scenario)}. {GAP_SCHEDULE_LABELS[scenario.gapSchedule]}.
            </dd>
          </div>
        ))}
      </dl>
      <TableScroll label="Montants par année (écart = B − A)">
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">Montants par année (écart = B − A)</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              {th("Année", false)}
              {th(`Montant TTC A (${nameA})`)}
              {th(`Montant TTC B (${nameB})`)}
              {th(`Reste à charge A (${nameA})`)}
              {th(`Reste à charge B (${nameB})`)}
              {th("Écart de reste à charge")}
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {rows.map((r) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  {r.year}
                </th>
                {td(formatEuros(r.grossA))}
                {td(formatEuros(r.grossB))}
                {td(formatEuros(r.netA))}
                {td(formatEuros(r.netB))}
                {td(delta(r.netDelta))}
              </tr>
            ))}
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">
                Total
              </th>
              {td(formatEuros(a.total.grossCents))}
              {td(formatEuros(b.total.grossCents))}
              {td(formatEuros(a.total.netCents))}
              {td(formatEuros(b.total.netCents))}
              {td(delta(b.total.netCents - a.total.netCents))}
            </tr>
          </tbody>
        </table>
      </TableScroll>
    </Layout>
  );
}
