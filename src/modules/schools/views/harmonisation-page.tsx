// The harmonisation view: compliance per group of communes and per commune side by side, the gaps per element,
// then the schools × elements table, sortable through links (GET parameters: works without JavaScript).
import type { ComponentChildren } from "preact";
import { formatNumber } from "../../../lib/format.js";
import { Pagination, TableScroll } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Layout } from "../../../ui/layout.js";
import { totalGap, type SortDirection, type SortKey } from "../domain/harmonisation.js";
import type { ComplianceTotals, Socle } from "../domain/socle.js";
import type { Harmonisation, HarmonisationSchool } from "../harmonisation.queries.js";
import type { SchoolAction } from "../schools.policy.js";
import { Num, NumHead, SchoolsSubNav, percent, plural, schoolsBase } from "./shared.js";

type Props = {
  ctx: PageContext;
  abilities: Set<SchoolAction>;
  harmonisation: Harmonisation;
  /** The page of schools, already sorted. */
  rows: HarmonisationSchool[];
  totalSchools: number;
  page: number;
  pages: number;
  sort: SortKey;
  direction: SortDirection;
};

function TotalsTable({ caption, header, rows, label }: { caption: string; header: string; rows: ComplianceTotals[]; label: (row: ComplianceTotals) => ComponentChildren }) {
  return (
    <TableScroll label={String(caption)}>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">{header}</th>
            <NumHead>Écoles</NumHead>
            <NumHead>Conformité</NumHead>
            <NumHead>Manques</NumHead>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {rows.map((r) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">{label(r)}</th>
              <Num>{formatNumber(r.schools)}</Num>
              <Num>{percent(r.compliance)}</Num>
              <Num>{formatNumber(r.elements.reduce((s, e) => s + e.manque, 0))}</Num>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function GapsByElement({ socle, harmonisation }: { socle: Socle; harmonisation: Harmonisation }) {
  const lines: { label: string; totals: ComplianceTotals }[] = [
    ...harmonisation.byGroup.map((g) => ({ label: g.label, totals: g })),
    { label: "Tout le territoire", totals: harmonisation.territory },
  ];
  const gap = (t: ComplianceTotals, code: string) => t.elements.find((e) => e.element === code);
  return (
    <TableScroll label="Équipements manquants par élément du socle (présents sur requis, et manque)">
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">Équipements manquants par élément du socle (présents sur requis, et manque)</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">Ensemble</th>
            {socle.elements.map((e) => (
              <NumHead>{e.label}</NumHead>
            ))}
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {lines.map(({ label, totals }) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">{label}</th>
              {socle.elements.map((e) => {
                const g = gap(totals, e.code);
                return <Num>{g ? <GapCell present={g.met} requis={g.requis} manque={g.manque} /> : "—"}</Num>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function GapCell({ present, requis, manque }: { present: number; requis: number; manque: number }) {
  return (
    <>
      {formatNumber(present)} / {formatNumber(requis)}
      {manque > 0 ? (
        <strong class="maillage-gap">manque {formatNumber(manque)}</strong>
      ) : null}
    </>
  );
}

function SortHeader({ label, sortKey, current, direction, href, numeric }: { label: string; sortKey: SortKey; current: SortKey; direction: SortDirection; href: (key: SortKey, dir: SortDirection) => string; numeric?: boolean }) {
  const active = sortKey === current;
  const next: SortDirection = active && direction === "asc" ? "desc" : "asc";
  return (
    <th scope="col" class={`govuk-table__header${numeric ? " govuk-table__header--numeric" : ""}`} aria-sort={active ? (direction === "asc" ? "ascending" : "descending") : "none"}>
      <a class="govuk-link" href={href(sortKey, next)}>
        {label}
        <span class="govuk-visually-hidden"> : trier par ordre {next === "asc" ? "croissant" : "décroissant"}</span>
        {/* The arrow is drawn by the stylesheet: aria-sort says the order to screen readers. */}
        {active ? <span class={`maillage-sort-arrow maillage-sort-arrow--${direction}`} aria-hidden="true" /> : null}
      </a>
    </th>
  );
}

/** The harmonisation page. */
export function HarmonisationPage(props: Props) {
  const { ctx, abilities, harmonisation, rows, sort, direction } = props;
  const base = schoolsBase(ctx);
  const { socle } = harmonisation;
  const href = (key: SortKey, dir: SortDirection, page = 1) => `${base}/harmonisation?tri=${encodeURIComponent(key)}&ordre=${dir}${page > 1 ? `&page=${page}` : ""}#ecoles`;
  return (
    <Layout ctx={ctx} title="Harmonisation des équipements" wide>
      <h1 class="govuk-heading-l">Harmonisation des équipements des écoles</h1>
      <SchoolsSubNav ctx={ctx} abilities={abilities} current="/harmonisation" />
      <p class="govuk-body-l">
        Conformité du territoire au socle : <strong>{percent(harmonisation.territory.compliance)}</strong> ({plural(harmonisation.territory.schools, "école", "écoles")}).
      </p>
      <p class="govuk-body">
        Socle « {socle.label} », version {socle.version}. La conformité est la somme des équipements présents (au plus le nombre requis) divisée
        par la somme des équipements requis : une grande école pèse plus qu'une petite.{" "}
        <a class="govuk-link" href={`${base}/harmonisation/export?format=csv`} download>
          Exporter en CSV
        </a>{" "}
        ·{" "}
        <a class="govuk-link" href={`${base}/harmonisation/export?format=xlsx`} download>
          Exporter en XLSX
        </a>
      </p>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          {harmonisation.byGroup.length > 0 ? (
            <TotalsTable caption="Par groupe de communes" header="Groupe" rows={harmonisation.byGroup} label={(r) => (r as (typeof harmonisation.byGroup)[number]).label} />
          ) : (
            <p class="govuk-body">Aucun groupe de communes : les groupes (par exemple les anciennes intercommunalités) se créent dans la page du territoire.</p>
          )}
        </div>
        <div class="govuk-grid-column-one-half">
          <TotalsTable caption="Par commune" header="Commune" rows={harmonisation.byCommune} label={(r) => (r as (typeof harmonisation.byCommune)[number]).communeName} />
        </div>
      </div>
      <GapsByElement socle={socle} harmonisation={harmonisation} />
      <TableScroll label="Écoles et écarts au socle">
      <table class="govuk-table" id="ecoles">
        <caption class="govuk-table__caption govuk-table__caption--m">
          Écoles et éléments du socle : présents sur requis, et manques ({plural(props.totalSchools, "école", "écoles")})
        </caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <SortHeader label="École" sortKey="ecole" current={sort} direction={direction} href={href} />
            <SortHeader label="Commune" sortKey="commune" current={sort} direction={direction} href={href} />
            <SortHeader label="Conformité" sortKey="conformite" current={sort} direction={direction} href={href} numeric />
            {socle.elements.map((e) => (
              <SortHeader label={e.label} sortKey={`element:${e.code}`} current={sort} direction={direction} href={href} numeric />
            ))}
            <SortHeader label="Total des manques" sortKey="manque" current={sort} direction={direction} href={href} numeric />
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {rows.map((s) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">
                <a class="govuk-link" href={`${base}/${s.id}`}>
                  {s.name}
                </a>
                <br />
                <span class="govuk-body-s">{s.uai}</span>
              </th>
              <td class="govuk-table__cell">{s.communeName}</td>
              <Num>{percent(s.compliance.compliance)}</Num>
              {s.compliance.elements.map((e) => (
                <Num>
                  <GapCell present={e.present} requis={e.requis} manque={e.manque} />
                </Num>
              ))}
              <Num>{formatNumber(totalGap(s.compliance))}</Num>
            </tr>
          ))}
        </tbody>
      </table>
      </TableScroll>
      <Pagination page={props.page} pages={props.pages} href={(p) => href(sort, direction, p)} />
    </Layout>
  );
}
