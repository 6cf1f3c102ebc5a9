// /t/:code/connectivite: fibre (FttH) and wired ≥ 30 Mbit/s coverage of the territory, its groups and communes
// (always Σ eligible / Σ premises), the target and its projection, the communes that will miss it.
import { formatNumber } from "../../../lib/format.js";
import { LineChart, type LineDatum } from "../../../ui/charts.js";
import { LinkButton, PageHeading, SummaryList, Table } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Layout } from "../../../ui/layout.js";
import type { ConnectivityView } from "../connectivity.queries.js";
import { quarterLabel } from "../import-export/arcep-files.js";
import { dayNumber, TREND_QUARTERS, type Projection, type SeriesPoint } from "../domain/projection.js";
import { formatShare, share } from "../domain/shares.js";
import { formatLongDate } from "./dates.js";

const pct = (p: SeriesPoint | null) => formatShare(p ? share(p.numerator, p.denominator) : null);

/** Observed quarters then one projected point per year-end up to the target date. */
export function projectionPoints(series: readonly SeriesPoint[], projection: Projection | null, targetDate: string): LineDatum[] {
  const observed: LineDatum[] = series.map((p) => ({ label: quarterLabel(p.quarter), short: quarterLabel(p.quarter), value: p.numerator / p.denominator, display: formatShare(p.numerator / p.denominator) }));
  if (!projection || targetDate <= projection.lastQuarter) return observed;
  const projected: LineDatum[] = [];
  const lastYear = Number(projection.lastQuarter.slice(0, 4));
  const targetYear = Number(targetDate.slice(0, 4));
  const slope = projection.slopePerYear ?? 0;
  const at = (date: string) => (projection.lastShare >= 1 ? projection.lastShare : Math.min(1, projection.lastShare + (slope * (dayNumber(date) - dayNumber(projection.lastQuarter))) / 365.25));
  for (let year = lastYear; year <= targetYear; year++) {
    const date = year === targetYear ? targetDate : `${year}-12-31`;
    if (date <= projection.lastQuarter) continue;
    const value = at(date);
    projected.push({ label: formatLongDate(date), short: String(year), value, display: formatShare(value), projected: true });
  }
  return [...observed, ...projected];
}

function Method() {
  return (
    <details class="govuk-details">
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">Comment ces chiffres sont calculés</span>
      </summary>
      <div class="govuk-details__text">
        <p class="govuk-body">
          Part des locaux raccordables à la fibre (FttH) d'une commune = locaux éligibles ÷ locaux, d'après les fichiers « Ma connexion
          internet » de l'Arcep (ou, à défaut pour un trimestre, l'observatoire du déploiement FttH : locaux raccordables ÷ meilleure
          estimation des locaux moins ceux en construction). Pour un groupe de communes ou le territoire : somme des locaux éligibles ÷
          somme des locaux, jamais une moyenne des parts. Une part inférieure à 100 % n'est jamais arrondie à 100 %.
        </p>
        <p class="govuk-body">
          Projection : tendance des {TREND_QUARTERS} derniers trimestres observés (pente des moindres carrés, comptée nulle si elle baisse), prolongée
          depuis la dernière part observée et plafonnée à 100 %. Une commune « n'atteindra pas l'objectif » si sa part projetée à la date
          de l'objectif reste en dessous ; elles sont classées par nombre de locaux manquants.
        </p>
        <p class="govuk-body">Source : Arcep, données ouvertes sous Licence Ouverte 2.0.</p>
      </div>
    </details>
  );
}

/** The connectivity overview page. */
export function ConnectivityPage({ ctx, view, canManage }: { ctx: PageContext; view: ConnectivityView; canManage: boolean }) {
  const base = `/t/${ctx.territory!.code}`;
  const { target, territory } = view;
  const lastFtth = territory.ftth.at(-1) ?? null;
  const lastThd = territory.thd30.at(-1) ?? null;
  const empty = territory.ftth.length === 0 && territory.thd30.length === 0;
  const communes = [...view.communes].sort((a, b) => (a.ftth ? a.ftth.numerator / a.ftth.denominator : 2) - (b.ftth ? b.ftth.numerator / b.ftth.denominator : 2) || a.commune.name.localeCompare(b.commune.name, "fr"));
  return (
    <Layout ctx={ctx} title="Connectivité" wide>
      <PageHeading caption={ctx.territory!.name}>Connectivité : la fibre commune par commune</PageHeading>
      {canManage ? (
        <div class="govuk-button-group">
          <LinkButton href={`${base}/connectivite/import`}>Importer un fichier de l'Arcep</LinkButton>
          <LinkButton href={`${base}/connectivite/objectif`} secondary>
            Modifier l'objectif
          </LinkButton>
        </div>
      ) : null}
      {empty ? (
        <p class="govuk-body">Aucun chiffre de connectivité pour l'instant. {canManage ? "Importez un fichier « Ma connexion internet » ou l'observatoire FttH de l'Arcep." : ""}</p>
      ) : (
        <>
          <SummaryList
            rows={[
              { key: "Locaux raccordables à la fibre", value: lastFtth ? `${pct(lastFtth)} (${formatNumber(lastFtth.numerator)} sur ${formatNumber(lastFtth.denominator)}, ${quarterLabel(lastFtth.quarter)}, ${lastFtth.communes} communes)` : "—" },
              { key: "Locaux avec 30 Mbit/s ou plus en filaire", value: lastThd ? `${pct(lastThd)} (${formatNumber(lastThd.numerator)} sur ${formatNumber(lastThd.denominator)}, ${quarterLabel(lastThd.quarter)})` : "—" },
              { key: "Objectif", value: `${formatShare(target.share, 0)} des locaux raccordables à la fibre le ${formatLongDate(target.date)}${target.isDefault ? " (objectif par défaut)" : ""}` },
              {
                key: "Projection du territoire",
                value: territory.projection
                  ? `${formatShare(territory.projection.projectedAtTarget)} à la date de l'objectif${territory.projection.reachesOn ? `, objectif atteint vers le ${formatLongDate(territory.projection.reachesOn)}` : ", objectif non atteint au rythme actuel"}`
                  : "—",
              },
              { key: "Communes qui n'atteindront pas l'objectif", value: `${view.missing.length} sur ${view.communes.length}` },
            ]}
          />
          <LineChart
            id="graphique-ftth"
            title="Part des locaux raccordables à la fibre dans le territoire, par trimestre, et projection"
            data={projectionPoints(territory.ftth, territory.projection, target.date)}
            target={{ value: target.share, label: "objectif" }}
            labelHeader="Trimestre"
            valueHeader="Part des locaux"
          />
          <Method />
          {view.missing.length > 0 ? (
            <Table
              caption="Communes qui n'atteindront pas l'objectif au rythme actuel (les plus de locaux manquants d'abord)"
              rows={view.missing}
              columns={[
                { header: "Commune", cell: (r) => <a class="govuk-link" href={`${base}/communes/${r.commune.insee}`}>{r.commune.name}</a> },
                { header: "Part actuelle", cell: (r) => formatShare(r.projection.lastShare), numeric: true },
                { header: "Projection à l'objectif", cell: (r) => formatShare(r.projection.projectedAtTarget), numeric: true },
                { header: "Locaux manquants", cell: (r) => formatNumber(r.projection.shortfallPremises), numeric: true },
                { header: "Objectif atteint vers", cell: (r) => (r.projection.reachesOn ? formatLongDate(r.projection.reachesOn) : "pas au rythme actuel") },
              ]}
            />
          ) : null}
          {view.groups.length > 0 ? (
            <Table
              caption="Par groupe de communes (somme des locaux éligibles ÷ somme des locaux)"
              rows={view.groups}
              columns={[
                { header: "Groupe", cell: (g) => g.name },
                { header: "Communes", cell: (g) => String(g.communes), numeric: true },
                { header: "Fibre", cell: (g) => pct(g.ftth), numeric: true },
                { header: "30 Mbit/s filaire", cell: (g) => pct(g.thd30), numeric: true },
              ]}
            />
          ) : null}
          <Table
            caption="Par commune (la plus faible part de fibre d'abord)"
            rows={communes}
            columns={[
              { header: "Commune", cell: (r) => <a class="govuk-link" href={`${base}/communes/${r.commune.insee}`}>{r.commune.name}</a> },
              { header: "Locaux", cell: (r) => (r.ftth ? formatNumber(r.ftth.denominator) : "—"), numeric: true },
              { header: "Fibre", cell: (r) => pct(r.ftth), numeric: true },
              { header: "Trimestre", cell: (r) => (r.ftth ? quarterLabel(r.ftth.quarter) : "—") },
              { header: "30 Mbit/s filaire", cell: (r) => pct(r.thd30), numeric: true },
              { header: "Projection à l'objectif", cell: (r) => formatShare(r.projection?.projectedAtTarget ?? null), numeric: true },
            ]}
          />
        </>
      )}
    </Layout>
  );
}

