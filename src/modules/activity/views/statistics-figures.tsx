// The statistics themselves (key figures, charts with their tables, tables by place and mediator), shared by
// the territory page and the public share page.
import { formatNumber } from "../../../lib/format.js";
import { BarChart, ColumnChart, type ChartDatum } from "../../../ui/charts.js";
import type { Names } from "../import-export/statistics-export.js";
import { monthLabel, monthShort, percent, statusLabels } from "../domain/labels.js";
import { appointmentStatuses, type Count, type Group, type StatisticsReport } from "../domain/statistics.js";
import { autonomies, durationBands, labelOf, sousThematiques, thematiques, type Term } from "../domain/vocabulary.js";
import { TableScroll } from "../../../ui/components.js";

const data = (list: Count[], label: (key: string) => string, keepZero = false): ChartDatum[] =>
  list.filter((c) => keepZero || c.count > 0).map((c) => ({ label: label(c.key), value: c.count }));
const termLabel = (terms: readonly Term[]) => (key: string) => labelOf(terms, key);

function KeyFigure({ value, label, detail }: { value: string; label: string; detail?: string }) {
  return (
    <li class="maillage-card">
      <p class="govuk-heading-l govuk-!-margin-bottom-1">{value}</p>
      <p class="govuk-body govuk-!-margin-bottom-1">
        <strong>{label}</strong>
      </p>
      {detail ? <p class="govuk-body-s govuk-!-margin-bottom-0">{detail}</p> : null}
    </li>
  );
}

function GroupTable({ caption, header, groups, name }: { caption: string; header: string; groups: Group[]; name: (key: string) => string }) {
  if (groups.length === 0) return null;
  return (
    <TableScroll label={String(caption)}>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">{header}</th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">Personnes accompagnées</th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">Ateliers</th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">Rendez-vous</th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">Taux d'absence</th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {groups.map((g) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">{name(g.key)}</th>
              <td class="govuk-table__cell govuk-table__cell--numeric">{formatNumber(g.figures.accompaniments)}</td>
              <td class="govuk-table__cell govuk-table__cell--numeric">{formatNumber(g.figures.workshops)}</td>
              <td class="govuk-table__cell govuk-table__cell--numeric">{formatNumber(g.figures.appointments)}</td>
              <td class="govuk-table__cell govuk-table__cell--numeric">{percent(g.figures.noShowRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Key figures, charts with their data tables, and the tables by place (and mediator when allowed). */
export function StatisticsFigures({ report, names, withMediators }: { report: StatisticsReport; names: Names; withMediators: boolean }) {
  const f = report.figures;
  const months = (value: (g: Group) => number): ChartDatum[] => report.months.map((m) => ({ label: monthLabel(m.key), short: monthShort(m.key), value: value(m) }));
  return (
    <>
      <h2 class="govuk-heading-m">Chiffres clés</h2>
      <ul class="maillage-card-list govuk-!-margin-bottom-6">
        <KeyFigure
          value={formatNumber(f.accompaniments)}
          label="Personnes accompagnées"
          detail={`${formatNumber(f.individual)} en accompagnement individuel, ${formatNumber(f.workshopParticipants)} en ${formatNumber(f.workshops)} ateliers collectifs`}
        />
        <KeyFigure
          value={formatNumber(f.appointments)}
          label="Rendez-vous"
          detail={`${formatNumber(f.appointmentsByStatus.honore)} honorés, ${formatNumber(f.appointmentsByStatus.absent)} absences, ${formatNumber(f.appointmentsByStatus.annule_personne + f.appointmentsByStatus.annule_service)} annulés`}
        />
        <KeyFigure value={percent(f.noShowRate)} label="Taux d'absence" detail="Absences sur les rendez-vous honorés ou manqués" />
        <KeyFigure value={percent(f.firstVisit.share)} label="Premières visites" detail={`Parmi les ${formatNumber(f.firstVisit.yes + f.firstVisit.no)} accompagnements individuels où c'est renseigné`} />
      </ul>

      <h2 class="govuk-heading-m">Par mois</h2>
      <ColumnChart id="graphique-mois-personnes" title="Personnes accompagnées par mois" labelHeader="Mois" valueHeader="Personnes" data={months((m) => m.figures.accompaniments)} />
      <ColumnChart id="graphique-mois-rdv" title="Rendez-vous par mois" labelHeader="Mois" valueHeader="Rendez-vous" data={months((m) => m.figures.appointments)} />

      <h2 class="govuk-heading-m">Rendez-vous</h2>
      <BarChart
        id="graphique-statuts"
        title="Rendez-vous par issue"
        labelHeader="Issue"
        valueHeader="Rendez-vous"
        data={appointmentStatuses.map((s) => ({ label: statusLabels[s], value: f.appointmentsByStatus[s] }))}
      />

      <h2 class="govuk-heading-m">Accompagnements</h2>
      <BarChart id="graphique-thematiques" title="Thématiques (nombre d'accompagnements et d'ateliers)" labelHeader="Thématique" valueHeader="Nombre" data={data(f.thematiques, termLabel(thematiques))} />
      <BarChart id="graphique-demarches" title="Démarches administratives" labelHeader="Démarche" valueHeader="Nombre" data={data(f.sousThematiques, termLabel(sousThematiques))} empty="Aucune démarche administrative précisée sur la période." />
      <BarChart id="graphique-durees" title="Durées" labelHeader="Durée" valueHeader="Nombre" data={data(f.durations, termLabel(durationBands), true)} />
      <BarChart
        id="graphique-autonomie"
        title="Autonomie atteinte (accompagnements individuels)"
        labelHeader="Autonomie"
        valueHeader="Personnes"
        data={data(f.autonomy, (key) => (key === "" ? "Non renseignée" : labelOf(autonomies, key)), true)}
      />
      <BarChart
        id="graphique-premiere-visite"
        title="Première visite (accompagnements individuels)"
        labelHeader="Première visite"
        valueHeader="Personnes"
        data={[
          { label: "Oui", value: f.firstVisit.yes },
          { label: "Non", value: f.firstVisit.no },
          { label: "Non renseigné", value: f.firstVisit.unknown },
        ]}
      />
      <BarChart id="graphique-communes" title="Communes de résidence (accompagnements individuels)" labelHeader="Commune" valueHeader="Personnes" data={data(f.communes, names.commune)} />

      <GroupTable caption="Par lieu" header="Lieu" groups={report.byPlace} name={names.place} />
      {withMediators ? <GroupTable caption="Par médiateur ou médiatrice" header="Médiateur ou médiatrice" groups={report.byMediator} name={names.mediator} /> : null}
    </>
  );
}
