// Per school: its registration link to pass on to the teachers, and the share of its teachers trained on
// the equipment it holds.
import { schoolPhrase } from "../../domain/school-wording.js";
import type { PageContext } from "../../../../ui/context.js";
import { Layout } from "../../../../ui/layout.js";
import { formatNumber } from "../../../../lib/format.js";
import { CATEGORY_LABELS } from "../../domain/categories.js";
import { BackLink, TableScroll } from "../../../../ui/components.js";
import type { SchoolTrainingRow } from "../training.queries.js";

type Props = { ctx: PageContext; rows: (SchoolTrainingRow & { link: string })[]; linkValidUntil: string };

function shareLabel(row: SchoolTrainingRow): string {
  if (row.share === null) return `${row.trained} formés (nombre d'enseignants non renseigné)`;
  return `${formatNumber(Math.round(row.share * 100))} % (${row.trained} sur ${row.teachers})`;
}

/** The schools table with links and shares. */
export function SchoolsTrainingPage({ ctx, rows, linkValidUntil }: Props) {
  const base = `/t/${ctx.territory!.code}/formations`;
  return (
    <Layout ctx={ctx} title="Inscriptions et enseignants formés par école" wide>
      <BackLink href={base}>Formations</BackLink>
      <h1 class="govuk-heading-l">Inscriptions et enseignants formés par école</h1>
      <p class="govuk-body">
        Chaque école a son lien d'inscription, sans compte à créer : transmettez-le à son équipe. Les liens sont valables jusqu'au {linkValidUntil}.
        Un enseignant compte comme formé quand il a été présent à une session portant sur au moins un des équipements que l'école possède.
      </p>
      {rows.length === 0 ? (
        <p class="govuk-body">Aucune école.</p>
      ) : (
        <TableScroll label={String(rows.length === 1 ? "1 école" : `${rows.length} écoles`)}>
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">{rows.length === 1 ? "1 école" : `${rows.length} écoles`}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">École</th>
                <th scope="col" class="govuk-table__header">Enseignants formés</th>
                <th scope="col" class="govuk-table__header">Par équipement détenu</th>
                <th scope="col" class="govuk-table__header">Lien d'inscription</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {rows.map((r) => (
                <tr class="govuk-table__row">
                  <th scope="row" class="govuk-table__header">
                    {r.name}
                    <br />
                    <span class="govuk-hint govuk-!-font-size-16">
                      {r.communeName}, {r.uai}
                    </span>
                  </th>
                  <td class="govuk-table__cell">{shareLabel(r)}</td>
                  <td class="govuk-table__cell">
                    {r.byCategory.length === 0 ? (
                      "Aucun équipement inventorié"
                    ) : (
                      <ul class="govuk-list govuk-!-font-size-16">
                        {r.byCategory.map((c) => (
                          <li>
                            {CATEGORY_LABELS[c.category]} : {c.trained}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={r.link}>
                      Lien d'inscription<span class="govuk-visually-hidden"> {schoolPhrase("de", r.name)}</span>
                    </a>
                    <br />
                    <span class="govuk-body-s">{r.link}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Layout>
  );
}
