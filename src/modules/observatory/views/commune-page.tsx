// /t/:code/communes/:insee: one commune's figures from every module, beside the territory's, for elected
// officials; printable on A4 (the print style drops the menus).
import { formatNumber } from "../../../lib/format.js";
import { LineChart } from "../../../ui/charts.js";
import { PageHeading, SummaryList, Table } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Layout } from "../../../ui/layout.js";
import { quarterLabel } from "../../connectivity/import-export/arcep-files.js";
import { formatShare } from "../../connectivity/domain/shares.js";
import { formatLongDate } from "../../connectivity/views/dates.js";
import { projectionPoints } from "../../connectivity/views/connectivity-page.js";
import { describeConnection } from "../../schools/domain/connection.js";
import { totalGap } from "../../schools/domain/harmonisation.js";
import { COLUMNS, totalOf, valueOf } from "../domain/observatory-table.js";
import type { CommunePage as Data } from "../commune.queries.js";
import { explainContribution, indexFlags } from "./index-pages.js";
import { formatValue } from "./observatory-page.js";

const hours = (n: number) => `${n.toLocaleString("fr-FR", { maximumFractionDigits: 1 })}\u00a0h`;

/** The commune page. */
export function CommunePage({ ctx, data }: { ctx: PageContext; data: Data }) {
  const base = `/t/${ctx.territory!.code}`;
  const { row, connectivity, index } = data;
  const name = row.name;
  return (
    <Layout ctx={ctx} title={name} wide>
      <a href={`${base}/observatoire`} class="govuk-back-link maillage-no-print">
        Retour à l'observatoire
      </a>
      <PageHeading caption={`${ctx.territory!.name} — commune ${row.insee}`}>{name}</PageHeading>
      <SummaryList
        rows={[
          { key: "Population", value: formatValue(COLUMNS[0]!, valueOf(COLUMNS[0]!, row.measures.population)) },
          { key: "Groupes de communes", value: data.groups.join(", ") || "—" },
          { key: "Indice de fragilité", value: index.score.index === null ? "non calculé" : `${index.score.index.toLocaleString("fr-FR", { maximumFractionDigits: 1 })} sur 10, rang ${index.rank} sur ${data.observatory.rows.length} (version « ${data.version.name} »)` },
          { key: "Locaux raccordables à la fibre", value: connectivity.ftth ? `${formatShare(connectivity.ftth.numerator / connectivity.ftth.denominator)} (${quarterLabel(connectivity.ftth.quarter)})` : "—" },
        ]}
      />
      <p class="govuk-body maillage-no-print">Cette page s'imprime sur des feuilles A4 (menu Imprimer du navigateur).</p>

      <h2 class="govuk-heading-m">La commune et le territoire</h2>
      <Table
        caption={`${name} comparée au territoire`}
        rows={COLUMNS.filter((c) => c.key !== "rang_fragilite")}
        columns={[
          { header: "Indicateur", cell: (c) => c.label },
          { header: name, cell: (c) => formatValue(c, valueOf(c, row.measures[c.key])), numeric: true },
          { header: "Territoire", cell: (c) => (c.key === "taux_pauvrete" && data.observatory.epciPoverty !== null ? formatShare(data.observatory.epciPoverty) : formatValue(c, totalOf(c, data.observatory.rows))), numeric: true },
        ]}
      />

      <h2 class="govuk-heading-m">Lieux et horaires</h2>
      <Table
        caption="Lieux de médiation numérique de la commune"
        rows={data.places}
        empty="Aucun lieu de médiation numérique dans la commune."
        columns={[
          { header: "Lieu", cell: (p) => <a class="govuk-link" href={`${base}/lieux/${p.id}`}>{p.name}</a> },
          { header: "Ouverture sur 7 jours", cell: (p) => hours(p.weeklyHours), numeric: true },
          { header: "Publié", cell: (p) => (p.published ? "oui" : "non") },
        ]}
      />
      <h2 class="govuk-heading-m">Rendez-vous et accompagnements</h2>
      <SummaryList
        rows={[
          { key: "Rendez-vous à venir dans les lieux de la commune", value: formatNumber(data.appointments.upcoming) },
          { key: "Rendez-vous honorés sur 12 mois", value: formatNumber(data.appointments.honoured12Months) },
          { key: "Accompagnements sur 12 mois pour 1 000 habitants", value: formatValue(COLUMNS.find((c) => c.key === "accompagnements_pour_1000")!, valueOf(COLUMNS.find((c) => c.key === "accompagnements_pour_1000")!, row.measures.accompagnements_pour_1000)) },
        ]}
      />

      <h2 class="govuk-heading-m">Écoles</h2>
      <Table
        caption="Écoles de la commune : conformité au socle, manques, formation, raccordement"
        rows={data.schools}
        empty="Aucune école enregistrée dans la commune."
        columns={[
          { header: "École", cell: (s) => <a class="govuk-link" href={`${base}/ecoles/${s.id}`}>{s.name}</a> },
          { header: "Conformité au socle", cell: (s) => formatShare(s.compliance.compliance, 0), numeric: true },
          { header: "Éléments manquants", cell: (s) => formatNumber(totalGap(s.compliance)), numeric: true },
          { header: "Enseignants formés", cell: (s) => (s.training?.share === null || !s.training ? "—" : formatShare(s.training.share, 0)), numeric: true },
        ]}
      />

      <h2 class="govuk-heading-m">Fibre</h2>
      {connectivity.series.ftth.length > 0 ? (
        <>
          <LineChart
            id="graphique-fibre-commune"
            title={`Part des locaux raccordables à la fibre à ${name}, et projection`}
            data={projectionPoints(connectivity.series.ftth, connectivity.projection, data.target.date)}
            target={{ value: data.target.share, label: "objectif" }}
            labelHeader="Trimestre"
            valueHeader="Part des locaux"
          />
          {connectivity.projection ? (
            <p class="govuk-body">
              Objectif du territoire : {formatShare(data.target.share, 0)} le {formatLongDate(data.target.date)}. Au rythme actuel, {name}{" "}
              {connectivity.projection.willMiss
                ? `ne l'atteindra pas : ${formatShare(connectivity.projection.projectedAtTarget)} à cette date, ${formatNumber(connectivity.projection.shortfallPremises)} locaux manquants.`
                : `l'atteindra${connectivity.projection.reachesOn ? ` vers le ${formatLongDate(connectivity.projection.reachesOn)}` : ""}.`}
            </p>
          ) : null}
        </>
      ) : (
        <p class="govuk-body">Aucun chiffre de l'Arcep importé pour cette commune.</p>
      )}

      <h2 class="govuk-heading-m">Indice de fragilité : ce qui pèse</h2>
      {indexFlags(index).length > 0 ? <p class="govuk-body">{indexFlags(index).join(" ; ")}.</p> : null}
      <Table
        caption="Contribution de chaque critère à l'indice (la plus forte d'abord)"
        rows={index.score.contributions}
        empty="Aucun critère connu pour cette commune."
        columns={[{ header: "Critère, valeur, rang et calcul", cell: explainContribution }]}
      />
      <h2 class="govuk-heading-m">Connexion des écoles</h2>
      <ul class="govuk-list govuk-list--bullet">
        {data.schools.map((s) => (
          <li>
            {s.name} : {describeConnection(s.connection)}
          </li>
        ))}
      </ul>
    </Layout>
  );
}
