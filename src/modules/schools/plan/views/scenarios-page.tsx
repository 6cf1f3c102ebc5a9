// The plan's home: the territory's scenarios, with links to open, copy and compare them.
import type { PageContext } from "../../../../ui/context.js";
import { Button, Select } from "../../../../ui/form.js";
import { Layout } from "../../../../ui/layout.js";
import { GAP_SCHEDULE_LABELS } from "../plan-report.js";
import type { ScenarioRow } from "../plan.queries.js";
import { DoneNotice, LinkButton, PostButton, TableScroll } from "../../../../ui/components.js";

const notices: Record<string, string> = {
  suppression: "Le scénario a été supprimé.",
};

type Props = { ctx: PageContext; scenarios: ScenarioRow[]; canManage: boolean; notice?: string };

/** "2027 à 2029 (3 ans)". */
export function periodLabel(s: { startYear: number; years: number }): string {
  return `${s.startYear} à ${s.startYear + s.years - 1} (${s.years} ans)`;
}

/** Scenarios, the compare form, and for coordinators the buttons to create and copy. */
export function ScenariosPage({ ctx, scenarios, canManage, notice }: Props) {
  const base = `/t/${ctx.territory!.code}/plan`;
  const options = scenarios.map((s) => ({ value: String(s.id), text: `${s.name} — ${periodLabel(s)}` }));
  return (
    <Layout ctx={ctx} title="Plan pluriannuel d'équipement" wide>
      <DoneNotice notice={notice} messages={notices} />
      <h1 class="govuk-heading-l">Plan pluriannuel d'équipement des écoles</h1>
      <p class="govuk-body">
        Un scénario chiffre, année par année, ce qu'il faut acheter : les manques du socle numérique, le renouvellement des équipements en
        fin de vie et le remplacement de ceux en panne, aux prix de votre catalogue, avec les cofinancements et le reste à charge de chaque
        commune.
      </p>
      {canManage ? (
        <div class="govuk-button-group">
          <LinkButton href={`${base}/nouveau`}>Nouveau scénario</LinkButton>
          <LinkButton href={`${base}/reglages`} secondary>
            Prix et cofinancements
          </LinkButton>
        </div>
      ) : null}
      {scenarios.length === 0 ? (
        <p class="govuk-body">Aucun scénario pour l'instant.</p>
      ) : (
        <TableScroll label={String(scenarios.length === 1 ? "1 scénario" : `${scenarios.length} scénarios`)}>
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">{scenarios.length === 1 ? "1 scénario" : `${scenarios.length} scénarios`}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">Scénario</th>
                <th scope="col" class="govuk-table__header">Période</th>
                <th scope="col" class="govuk-table__header">Manques du socle</th>
                {canManage ? <th scope="col" class="govuk-table__header">Actions</th> : null}
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {scenarios.map((s) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={`${base}/${s.id}`}>
                      {s.name}
                    </a>
                  </td>
                  <td class="govuk-table__cell">{periodLabel(s)}</td>
                  <td class="govuk-table__cell">{GAP_SCHEDULE_LABELS[s.gapSchedule]}</td>
                  {canManage ? (
                    <td class="govuk-table__cell">
                      <PostButton action={`${base}/${s.id}/copie`} csrfToken={ctx.csrfToken} hidden={`le scénario ${s.name}`}>
                        Copier
                      </PostButton>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {scenarios.length >= 2 ? (
        <form method="get" action={`${base}/comparaison`} novalidate>
          <h2 class="govuk-heading-m">Comparer deux scénarios</h2>
          <Select name="a" label="Premier scénario" options={options} value={options[1]?.value} />
          <Select name="b" label="Second scénario" options={options} value={options[0]?.value} />
          <Button secondary>Comparer</Button>
        </form>
      ) : null}
    </Layout>
  );
}
