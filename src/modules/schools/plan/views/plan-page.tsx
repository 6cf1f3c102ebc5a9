// A scenario's plan: yearly totals (gross, co-funding, net), net cost per commune, amounts per reason,
// co-funded projects, and the lines grouped by reason.
import type { ComponentChildren } from "preact";
import { Notice, TableScroll } from "../../../../ui/components.js";
import type { PageContext } from "../../../../ui/context.js";
import { Layout } from "../../../../ui/layout.js";
import { CATEGORY_LABELS, type EquipmentCategory } from "../../domain/categories.js";
import { formatEuros } from "../money.js";
import { GAP_SCHEDULE_LABELS, type PlanReport } from "../plan-report.js";
import type { ScenarioRow } from "../plan.queries.js";
import { BackLink, DoneNotice, LinkButton, PostButton } from "../../../../ui/components.js";
import { periodLabel } from "./scenarios-page.js";

const notices: Record<string, string> = {
  creation: "Le scénario a été créé.",
  modification: "Le scénario a été modifié.",
  copie: "Le scénario a été copié : vous pouvez modifier cette copie sans toucher à l'original.",
};

type Props = { ctx: PageContext; scenario: ScenarioRow; report: PlanReport; canManage: boolean; notice?: string };

const th = (text: ComponentChildren, numeric = false) => <th scope="col" class={`govuk-table__header${numeric ? " govuk-table__header--numeric" : ""}`}>{text}</th>;
const td = (text: ComponentChildren, numeric = false) => <td class={`govuk-table__cell${numeric ? " govuk-table__cell--numeric" : ""}`}>{text}</td>;
const rowHead = (text: ComponentChildren) => <th scope="row" class="govuk-table__header">{text}</th>;

/** A table whose columns are the plan's years then a total. */
function YearTable({ caption, first, years, rows, total }: { caption: string; first: string; years: number[]; rows: { label: string; cells: number[]; total: number }[]; total?: { cells: number[]; total: number } }) {
  return (
    <TableScroll label={String(caption)}>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            {th(first)}
            {years.map((y) => th(String(y), true))}
            {th("Total", true)}
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {rows.map((r) => (
            <tr class="govuk-table__row">
              {rowHead(r.label)}
              {r.cells.map((c) => td(formatEuros(c), true))}
              {td(formatEuros(r.total), true)}
            </tr>
          ))}
          {total ? (
            <tr class="govuk-table__row">
              {rowHead("Total")}
              {total.cells.map((c) => td(<strong>{formatEuros(c)}</strong>, true))}
              {td(<strong>{formatEuros(total.total)}</strong>, true)}
            </tr>
          ) : null}
        </tbody>
      </table>
    </TableScroll>
  );
}

function Warnings({ report }: { report: PlanReport }) {
  const { unpricedCategories, undatedItemIds } = report.plan;
  if (unpricedCategories.length === 0 && undatedItemIds.length === 0) return null;
  return (
    <Notice title="Le chiffrage est incomplet">
      {unpricedCategories.length > 0 ? (
        <p class="govuk-body">Sans prix dans le scénario, comptées 0 € : {unpricedCategories.map((c) => CATEGORY_LABELS[c]).join(", ")}.</p>
      ) : null}
      {undatedItemIds.length > 0 ? (
        <p class="govuk-body">
          {undatedItemIds.length === 1 ? "1 équipement n'a" : `${undatedItemIds.length} équipements n'ont`} ni date d'acquisition ni fin de vie : leur
          renouvellement ne peut pas être programmé.
        </p>
      ) : null}
    </Notice>
  );
}

/** The plan page; coordinators also get edit, copy and delete buttons. */
/** Equipment the plan buys with no price: its cost counts 0 €, which the totals would hide. */
function UnpricedWarning({ categories, editHref }: { categories: EquipmentCategory[]; editHref: string | undefined }) {
  if (categories.length === 0) return null;
  return (
    <div class="govuk-warning-text">
      <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
      <strong class="govuk-warning-text__text">
        <span class="govuk-visually-hidden">Attention</span>
        Sans prix unitaire, ces équipements comptent pour 0&nbsp;€ dans les totaux&nbsp;: {categories.map((c) => CATEGORY_LABELS[c].toLowerCase()).join(", ")}.{" "}
        {editHref ? (
          <a class="govuk-link" href={editHref}>
            Saisir les prix du scénario
          </a>
        ) : (
          "La coordination peut saisir les prix du scénario."
        )}
      </strong>
    </div>
  );
}

export function PlanPage({ ctx, scenario, report, canManage, notice }: Props) {
  const base = `/t/${ctx.territory!.code}/plan`;
  const { plan, years } = report;
  return (
    <Layout ctx={ctx} title={`Scénario ${scenario.name}`} wide>
      <BackLink href={base}>Plan pluriannuel</BackLink>
      <DoneNotice notice={notice} messages={notices} />
      <h1 class="govuk-heading-l">
        <span class="govuk-caption-l">Plan pluriannuel, {periodLabel(scenario)}</span>
        {scenario.name}
      </h1>
      <p class="govuk-body">{GAP_SCHEDULE_LABELS[scenario.gapSchedule]}. Montants toutes taxes comprises.</p>
      <UnpricedWarning categories={[...new Set(plan.lines.filter((l) => l.unitPriceCents === 0).map((l) => l.category))]} editHref={canManage ? `${base}/${scenario.id}/modifier` : undefined} />
      <div class="govuk-button-group">
        <LinkButton href={`${base}/${scenario.id}/plan.xlsx`}>Télécharger pour le vote du budget (XLSX)</LinkButton>
        {canManage ? (
          <>
            <LinkButton href={`${base}/${scenario.id}/modifier`} secondary>
              Modifier
            </LinkButton>
            <PostButton action={`${base}/${scenario.id}/copie`} csrfToken={ctx.csrfToken} hidden={`le scénario ${scenario.name}`}>
              Copier
            </PostButton>
            <PostButton action={`${base}/${scenario.id}/suppression`} csrfToken={ctx.csrfToken} hidden={`le scénario ${scenario.name}`} warning>
              Supprimer
            </PostButton>
          </>
        ) : null}
      </div>
      <Warnings report={report} />
      <TableScroll label="Totaux par année">
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">Totaux par année</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              {th("Année")}
              {th("Montant TTC", true)}
              {th("Cofinancements", true)}
              {th("Reste à charge", true)}
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {[...plan.byYear.map((y) => ({ label: String(y.year), m: y })), { label: "Total", m: plan.total }].map(({ label, m }) => (
              <tr class="govuk-table__row">
                {rowHead(label)}
                {td(formatEuros(m.grossCents), true)}
                {td(formatEuros(m.cofundingCents), true)}
                {td(formatEuros(m.netCents), true)}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <YearTable
        caption="Reste à charge par commune"
        first="Commune"
        years={years}
        rows={report.communes.map((c) => ({ label: c.name, cells: c.perYear.map((m) => m.netCents), total: c.total.netCents }))}
        total={{ cells: plan.byYear.map((y) => y.netCents), total: plan.total.netCents }}
      />
      <YearTable caption="Montant TTC par motif" first="Motif" years={years} rows={report.reasons.map((r) => ({ label: r.label, cells: r.perYear, total: r.totalCents }))} total={{ cells: plan.byYear.map((y) => y.grossCents), total: plan.total.grossCents }} />
      <ProjectsTable report={report} />
      <h2 class="govuk-heading-m">Lignes du plan par motif</h2>
      {report.reasons.map((r) => (
        <LinesDetails report={report} reason={r.reason} label={r.label} />
      ))}
    </Layout>
  );
}

function ProjectsTable({ report }: { report: PlanReport }) {
  if (report.projects.length === 0) return <p class="govuk-body">Aucune dépense de ce plan n'est couverte par un programme de cofinancement.</p>;
  return (
    <TableScroll label="Cofinancements par projet">
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">Cofinancements par projet</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            {th("Année")}
            {th("Commune")}
            {th("Programme")}
            {th("Montant éligible", true)}
            {th("Cofinancement", true)}
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {report.projects.map((p) => (
            <tr class="govuk-table__row">
              {td(String(p.year))}
              {td(p.communeName)}
              {td(p.programme)}
              {td(formatEuros(p.eligibleCents), true)}
              {td(formatEuros(p.cofundingCents), true)}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function LinesDetails({ report, reason, label }: { report: PlanReport; reason: string; label: string }) {
  const lines = report.lines.filter((l) => l.reason === reason);
  return (
    <details class="govuk-details">
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">
          {label} ({lines.length === 1 ? "1 ligne" : `${lines.length} lignes`})
        </span>
      </summary>
      <div class="govuk-details__text">
        {lines.length === 0 ? (
          <p class="govuk-body">Aucune ligne.</p>
        ) : (
          <TableScroll label={String(label)}>
            <table class="govuk-table">
              <caption class="govuk-table__caption govuk-table__caption--s">{label}</caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  {th("Année")}
                  {th("Commune")}
                  {th("École")}
                  {th("Catégorie")}
                  {th("Quantité", true)}
                  {th("Prix unitaire", true)}
                  {th("Montant", true)}
                  {th("Programme")}
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {lines.map((l) => (
                  <tr class="govuk-table__row">
                    {td(String(l.year))}
                    {td(l.communeName)}
                    {td(l.schoolName)}
                    {td(l.categoryLabel)}
                    {td(String(l.quantity), true)}
                    {td(formatEuros(l.unitPriceCents), true)}
                    {td(formatEuros(l.amountCents), true)}
                    {td(l.programme ?? "—")}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </div>
    </details>
  );
}
