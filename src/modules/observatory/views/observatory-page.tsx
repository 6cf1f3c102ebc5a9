// /t/:code/observatoire: every commune × indicator in one table, sortable by any column (links, no script),
// a theme at a time, with the territory's and each group's totals (Σ/Σ), and the export.
import { formatNumber } from "../../../lib/format.js";
import { LinkButton, PageHeading } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Layout } from "../../../ui/layout.js";
import { formatShare } from "../../connectivity/domain/shares.js";
import { COLUMNS, THEMES, totalOf, valueOf, type ColumnDef, type ObservatoryRow, type SortDirection, type Theme } from "../domain/observatory-table.js";
import type { Observatory } from "../observatory.queries.js";
import { ObservatorySubNav } from "./sub-nav.js";

/** A value as shown in the table. */
export function formatValue(column: ColumnDef, value: number | null): string {
  if (value === null) return "—";
  if (column.format === "share") return formatShare(value);
  if (column.format === "count") return formatNumber(Math.round(value));
  const digits = column.format === "index" || column.format === "km" || column.format === "rate" ? 1 : 0;
  return value.toLocaleString("fr-FR", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

type Props = { ctx: PageContext; data: Observatory; rows: ObservatoryRow[]; theme: Theme; sort: string; direction: SortDirection };

/** The observatory page. */
export function ObservatoryPage({ ctx, data, rows, theme, sort, direction }: Props) {
  const base = `/t/${ctx.territory!.code}/observatoire`;
  const columns = COLUMNS.filter((c) => c.theme === "essentiel" || c.theme === theme).filter((c) => theme === "essentiel" || c.key !== "rang_fragilite");
  const link = (params: Record<string, string>) => `${base}?${new URLSearchParams({ theme, tri: sort, ordre: direction, ...params }).toString()}`;
  const header = (c: ColumnDef) => {
    const active = sort === c.key;
    const next: SortDirection = active && direction === "desc" ? "asc" : "desc";
    return (
      <th scope="col" class="govuk-table__header govuk-table__header--numeric" aria-sort={active ? (direction === "asc" ? "ascending" : "descending") : "none"}>
        <a class="govuk-link" href={link({ tri: c.key, ordre: next })}>
          {c.label}
          <span class="govuk-visually-hidden">{active ? (direction === "asc" ? ", trié par ordre croissant" : ", trié par ordre décroissant") : ", trier"}</span>
        </a>
      </th>
    );
  };
  const totals = [
    { label: `Territoire (${data.rows.length} communes)`, rows: data.rows },
    ...data.groups.map((g) => ({ label: `${g.name} (${g.communeIds.length} communes)`, rows: data.rows.filter((r) => r.groups.includes(g.id)) })),
  ];
  return (
    <Layout ctx={ctx} title="Observatoire" wide>
      <PageHeading caption={ctx.territory!.name}>Observatoire des communes</PageHeading>
      <ObservatorySubNav ctx={ctx} current="tableau" />
      <p class="govuk-body">
        Chaque ligne est une commune ; les totaux du territoire et des groupes additionnent numérateurs et dénominateurs (jamais une moyenne de
        taux), les distances et l'indice sont pondérés par la population. Indice : version « {data.version.name} ».
      </p>
      <nav aria-label="Thèmes du tableau" class="govuk-!-margin-bottom-4">
        <ul class="govuk-list govuk-!-margin-bottom-0">
          {THEMES.map((t) => (
            <li class="govuk-!-display-inline-block govuk-!-margin-right-4">
              <a class="govuk-link" href={link({ theme: t.key })} aria-current={t.key === theme ? "page" : undefined}>
                {t.key === theme ? <strong>{t.label}</strong> : t.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="govuk-button-group">
        <LinkButton href={`${base}/export.csv`} secondary>
          Télécharger toutes les colonnes (CSV)
        </LinkButton>
        <LinkButton href={`${base}/export.xlsx`} secondary>
          Télécharger toutes les colonnes (XLSX)
        </LinkButton>
      </div>
      <div class="maillage-table-scroll" role="region" aria-labelledby="tableau-observatoire" tabIndex={0}>
        <table class="govuk-table maillage-compact-table">
          <caption class="govuk-table__caption govuk-table__caption--m" id="tableau-observatoire">
            Communes : {THEMES.find((t) => t.key === theme)!.label.toLowerCase()}
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header" aria-sort={sort === "commune" ? (direction === "asc" ? "ascending" : "descending") : "none"}>
                <a class="govuk-link" href={link({ tri: "commune", ordre: sort === "commune" && direction === "asc" ? "desc" : "asc" })}>
                  Commune
                </a>
              </th>
              {columns.map(header)}
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {rows.map((r) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  <a class="govuk-link" href={`/t/${ctx.territory!.code}/communes/${r.insee}`}>
                    {r.name}
                  </a>
                </th>
                {columns.map((c) => (
                  <td class="govuk-table__cell govuk-table__cell--numeric">{formatValue(c, valueOf(c, r.measures[c.key]))}</td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            {totals.map((t) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  {t.label}
                </th>
                {columns.map((c) => (
                  <td class="govuk-table__cell govuk-table__cell--numeric">
                    <strong>{c.key === "taux_pauvrete" && t.rows === data.rows && data.epciPoverty !== null ? formatShare(data.epciPoverty) : formatValue(c, totalOf(c, t.rows))}</strong>
                  </td>
                ))}
              </tr>
            ))}
          </tfoot>
        </table>
      </div>
    </Layout>
  );
}
