// School ICT indicators: the territory beside the national figures (REFERENCE §4), charts per commune with
// their data tables, then the tables per commune and per school.
import { BarChart, type ChartDatum } from "../../../ui/charts.js";
import { Pagination, TableScroll } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Layout } from "../../../ui/layout.js";
import { INDICATORS, NATIONAL_REFERENCE_2018_2019, type IndicatorCode, type IndicatorValues } from "../domain/indicators.js";
import type { TerritoryIndicators } from "../indicators.queries.js";
import type { SchoolAction } from "../schools.policy.js";
import { KIND_LABELS, Num, NumHead, SchoolsSubNav, decimal, percent, plural, schoolsBase, shortDate } from "./shared.js";

const CODES = Object.keys(INDICATORS) as IndicatorCode[];
const SHARES = new Set<IndicatorCode>(["shareClassesWithDisplay", "shareItemsPastEndOfLife", "shareSchoolsWithFibre"]);

/** An indicator value as written on the page: a share in %, years, or a ratio with one decimal. */
export function showIndicator(code: IndicatorCode, value: number | null): string {
  if (SHARES.has(code)) return percent(value);
  if (code === "averageAgeYears") return value === null ? "—" : `${decimal(value)}\u00a0ans`;
  return decimal(value, code === "interactiveDisplaysPerClass" ? 2 : 1);
}

const national = (code: IndicatorCode) => NATIONAL_REFERENCE_2018_2019.figures.find((f) => f.indicator === code);

function TerritoryTable({ values }: { values: IndicatorValues }) {
  const nationalShown = (n: number) => decimal(n);
  return (
    <TableScroll label="Le territoire et les repères nationaux">
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">Le territoire et les repères nationaux</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">Indicateur</th>
            <NumHead>Territoire</NumHead>
            <NumHead>National, maternelle</NumHead>
            <NumHead>National, élémentaire</NumHead>
            <NumHead>National, ensemble</NumHead>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {CODES.map((code) => {
            const ref = national(code);
            return (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">{INDICATORS[code].label}</th>
                <Num>{showIndicator(code, values[code])}</Num>
                <Num>{ref ? nationalShown(ref.maternelle) : "—"}</Num>
                <Num>{ref ? nationalShown(ref.elementaire) : "—"}</Num>
                <Num>{ref ? nationalShown(ref.ensemble) : "—"}</Num>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

function OtherReferences() {
  const others = NATIONAL_REFERENCE_2018_2019.figures.filter((f) => f.indicator === null);
  // Ratios are "pour 1 000 élèves"; the other repères are shares of schools.
  const show = (label: string, n: number) => (label.includes("pour 1 000") ? decimal(n) : percent(n));
  return (
    <TableScroll label="Autres repères nationaux (non calculés à partir de l'inventaire)">
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--s">Autres repères nationaux (non calculés à partir de l'inventaire)</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">Repère</th>
            <NumHead>Maternelle</NumHead>
            <NumHead>Élémentaire</NumHead>
            <NumHead>Ensemble</NumHead>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {others.map((f) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">{f.label}</th>
              <Num>{show(f.label, f.maternelle)}</Num>
              <Num>{show(f.label, f.elementaire)}</Num>
              <Num>{show(f.label, f.ensemble)}</Num>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function IndicatorsTable({ caption, header, rows }: { caption: string; header: string; rows: { key: string; label: string; detail?: string; values: IndicatorValues }[] }) {
  return (
    <TableScroll label={caption}>
    <table class="govuk-table maillage-compact-table">
      <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">{header}</th>
          {CODES.map((code) => (
            <NumHead>{INDICATORS[code].label}</NumHead>
          ))}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {rows.map((r) => (
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header">
              {r.label}
              {r.detail ? <span class="govuk-body-s"> ({r.detail})</span> : null}
            </th>
            {CODES.map((code) => (
              <Num>{showIndicator(code, r.values[code])}</Num>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
    </TableScroll>
  );
}

/** The indicators page; `schoolRows` is the current page of schools. */
export function IndicatorsPage(props: { ctx: PageContext; abilities: Set<SchoolAction>; indicators: TerritoryIndicators; schoolRows: TerritoryIndicators["bySchool"]; page: number; pages: number }) {
  const { ctx, abilities, indicators } = props;
  const base = schoolsBase(ctx);
  const chart = (code: IndicatorCode, scaleForChart = 1): ChartDatum[] => {
    const rows: ChartDatum[] = indicators.byCommune
      .filter((c) => c.values[code] !== null)
      .map((c) => ({ label: c.communeName, value: (c.values[code] ?? 0) * scaleForChart, display: showIndicator(code, c.values[code]) }));
    const ref = national(code);
    if (ref) rows.push({ label: "Repère national (ensemble)", value: ref.ensemble * scaleForChart, display: decimal(ref.ensemble) });
    return rows;
  };
  return (
    <Layout ctx={ctx} title="Indicateurs du numérique dans les écoles" wide>
      <h1 class="govuk-heading-l">Indicateurs du numérique dans les écoles</h1>
      <SchoolsSubNav ctx={ctx} abilities={abilities} current="/indicateurs" />
      <p class="govuk-body">
        Au {shortDate(indicators.asOf)}, {plural(indicators.territory.counts.schools, "école", "écoles")}. Les équipements comptés sont ceux en service
        ou en réparation ; les tablettes ne sont pas comptées comme des ordinateurs. Repères nationaux : {NATIONAL_REFERENCE_2018_2019.scope.toLowerCase()}.
      </p>
      <TerritoryTable values={indicators.territory.values} />
      <OtherReferences />
      <h2 class="govuk-heading-l">Par commune</h2>
      <BarChart id="graphique-ordinateurs" title="Ordinateurs pour 100 élèves, par commune" labelHeader="Commune" valueHeader="Ordinateurs pour 100 élèves" data={chart("computersPer100Pupils")} empty="Nombre d'élèves inconnu." />
      <BarChart id="graphique-affichages" title="Affichages interactifs pour 1 000 élèves, par commune" labelHeader="Commune" valueHeader="Pour 1 000 élèves" data={chart("interactiveDisplaysPer1000Pupils")} empty="Nombre d'élèves inconnu." />
      <BarChart id="graphique-classes" title="Part des classes équipées d'un affichage, par commune" labelHeader="Commune" valueHeader="Part des classes" data={chart("shareClassesWithDisplay", 100)} empty="Aucune classe." />
      <BarChart id="graphique-fin-de-vie" title="Part des équipements en fin de vie, par commune" labelHeader="Commune" valueHeader="Part des équipements" data={chart("shareItemsPastEndOfLife", 100)} empty="Aucune date d'acquisition connue." />
      <IndicatorsTable caption="Indicateurs par commune" header="Commune" rows={indicators.byCommune.map((c) => ({ key: c.communeInsee, label: c.communeName, values: c.values }))} />
      <IndicatorsTable
        caption="Indicateurs par école"
        header="École"
        rows={props.schoolRows.map((s) => ({ key: String(s.id), label: s.name, detail: `${KIND_LABELS[s.kind] ?? s.kind}, ${s.communeName}`, values: s.values }))}
      />
      <Pagination page={props.page} pages={props.pages} href={(p) => `${base}/indicateurs${p > 1 ? `?page=${p}` : ""}`} />
    </Layout>
  );
}
