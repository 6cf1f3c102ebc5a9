// The allocation planner: parameters and result (/t/:code/observatoire/repartition), a saved scenario, and two
// scenarios compared.
import { formatShare } from "../../connectivity/domain/shares.js";
import { LinkButton, Notice, PageHeading, PostButton, Table } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, ErrorSummary, Select, type FieldErrors } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import { STRATEGY_LABELS, type StrategyKey, type StrategyResult } from "../domain/planner.js";
import type { PlannerFormValues } from "../planner-form.js";
import type { ScenarioRow } from "../planner.queries.js";
import { euros, LorenzChart, ModelDocumentation, PlannerForm, StrategiesTable, StrategyDetail } from "./planner-parts.js";
import { ObservatorySubNav } from "./sub-nav.js";

type Plan = Record<StrategyKey, StrategyResult>;
type Frontier = { alpha: number; benefit: number; gini: number; reached: number }[];

function Results({ plan, frontier, base }: { plan: Plan; frontier: Frontier; base: string }) {
  return (
    <>
      <StrategiesTable plan={plan} caption="Trois stratégies pour le même budget" />
      <LorenzChart plan={plan} />
      <Table
        caption="Bénéfice et égalité selon le poids d'équité (stratégie optimisée)"
        rows={frontier}
        columns={[
          { header: "α", cell: (f) => f.alpha.toLocaleString("fr-FR") },
          { header: "Personnes aidées", cell: (f) => f.benefit.toLocaleString("fr-FR", { maximumFractionDigits: 1 }), numeric: true },
          { header: "Gini", cell: (f) => f.gini.toLocaleString("fr-FR", { maximumFractionDigits: 2 }), numeric: true },
          { header: "Communes atteintes", cell: (f) => String(f.reached), numeric: true },
        ]}
      />
      <StrategyDetail result={plan.optimise} base={base} />
      {(["concentration", "saupoudrage"] as const).map((k) => (
        <details class="govuk-details">
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">Détail : {STRATEGY_LABELS[k].toLowerCase()}</span>
          </summary>
          <div class="govuk-details__text">
            <StrategyDetail result={plan[k]} base={base} />
          </div>
        </details>
      ))}
    </>
  );
}

/** The planner's main page: saved scenarios, the form, and the result once computed. */
export function PlannerPage(props: { ctx: PageContext; scenarios: ScenarioRow[]; values: PlannerFormValues; errors?: FieldErrors; plan?: Plan | undefined; frontier?: Frontier | undefined; canManage: boolean; notice?: string | undefined }) {
  const { ctx, errors = {} } = props;
  const base = `/t/${ctx.territory!.code}`;
  const page = `${base}/observatoire/repartition`;
  return (
    <Layout ctx={ctx} title="Répartition des moyens" hasErrors={Object.keys(errors).length > 0} wide>
      <ErrorSummary errors={errors} />
      <PageHeading caption={ctx.territory!.name}>Répartition des moyens : concentrer ou répartir ?</PageHeading>
      <ObservatorySubNav ctx={ctx} current="repartition" />
      <p class="govuk-body">
        Pour un budget, comparez trois façons de répartir l'équipement, les heures de médiation et la formation entre les communes : une
        action sous son seuil d'efficacité (une permanence trop courte, un équipement sans formation) ne compte pour rien.
      </p>
      <ModelDocumentation />
      {props.scenarios.length > 0 ? (
        <>
          <Table
            caption="Scénarios enregistrés"
            rows={props.scenarios}
            columns={[
              { header: "Scénario", cell: (s) => <a class="govuk-link" href={`${page}/${s.id}`}>{s.name}</a> },
              { header: "Budget", cell: (s) => euros(s.params.budget), numeric: true },
            ]}
          />
          {props.scenarios.length > 1 ? <LinkButton href={`${page}/comparer`} secondary>Comparer deux scénarios</LinkButton> : null}
        </>
      ) : null}
      {props.canManage ? (
        <>
          <h2 class="govuk-heading-m">Paramètres</h2>
          <PlannerForm ctx={ctx} action={page} values={props.values} errors={errors} saveLabel="Enregistrer le scénario" />
        </>
      ) : null}
      {props.plan && props.frontier ? (
        <>
          <h2 class="govuk-heading-m">Résultat</h2>
          <Results plan={props.plan} frontier={props.frontier} base={base} />
        </>
      ) : null}
    </Layout>
  );
}

/** A saved scenario: its result, and editing, copying, exporting. */
export function ScenarioPage(props: { ctx: PageContext; scenario: ScenarioRow; values: PlannerFormValues; errors?: FieldErrors; plan: Plan; frontier: Frontier; canManage: boolean; notice?: string | undefined }) {
  const { ctx, scenario, errors = {} } = props;
  const base = `/t/${ctx.territory!.code}`;
  const page = `${base}/observatoire/repartition/${scenario.id}`;
  return (
    <Layout ctx={ctx} title={scenario.name} hasErrors={Object.keys(errors).length > 0} wide>
      <a href={`${base}/observatoire/repartition`} class="govuk-back-link">
        Retour à la répartition des moyens
      </a>
      <ErrorSummary errors={errors} />
      {props.notice === "enregistre" ? <Notice title="Le scénario a été enregistré." success /> : null}
      {props.notice === "copie" ? <Notice title="Le scénario a été copié : modifiez ses paramètres ci-dessous." success /> : null}
      <PageHeading caption={`Scénario de répartition${scenario.demo ? " (démonstration)" : ""}`}>{scenario.name}</PageHeading>
      <div class="govuk-button-group">
        <LinkButton href={`${page}/export.xlsx`} secondary>
          Télécharger (XLSX)
        </LinkButton>
        {props.canManage ? (
          <PostButton action={`${page}/copie`} csrfToken={ctx.csrfToken}>
            Copier ce scénario
          </PostButton>
        ) : null}
      </div>
      <Results plan={props.plan} frontier={props.frontier} base={base} />
      <ModelDocumentation />
      {props.canManage ? (
        <>
          <h2 class="govuk-heading-m">Modifier les paramètres</h2>
          <PlannerForm ctx={ctx} action={page} values={props.values} errors={errors} saveLabel="Enregistrer les modifications" />
        </>
      ) : null}
    </Layout>
  );
}

/** Two scenarios side by side (their optimised strategy and the allocation per commune). */
export function ScenarioComparePage(props: { ctx: PageContext; scenarios: ScenarioRow[]; a: ScenarioRow; b: ScenarioRow; planA: Plan; planB: Plan }) {
  const { ctx, a, b, planA, planB } = props;
  const base = `/t/${ctx.territory!.code}`;
  const options = props.scenarios.map((s) => ({ value: String(s.id), text: s.name }));
  const metrics: { label: string; cell: (p: Plan) => string }[] = [
    { label: "Budget", cell: (p) => euros(p.optimise.spent) },
    { label: "Personnes aidées (optimisé)", cell: (p) => p.optimise.benefit.toLocaleString("fr-FR", { maximumFractionDigits: 1 }) },
    { label: "Communes atteintes (optimisé)", cell: (p) => String(p.optimise.reached) },
    { label: "Part au cinquième le plus fragile (optimisé)", cell: (p) => formatShare(p.optimise.topQuintileShare) },
    { label: "Gini (optimisé)", cell: (p) => p.optimise.gini.toLocaleString("fr-FR", { maximumFractionDigits: 2 }) },
    { label: "Personnes aidées en répartissant également", cell: (p) => p.saupoudrage.benefit.toLocaleString("fr-FR", { maximumFractionDigits: 1 }) },
  ];
  const byCode = new Map(planB.optimise.units.map((u) => [u.code, u]));
  const communes = planA.optimise.units.filter((u) => u.euros > 0 || (byCode.get(u.code)?.euros ?? 0) > 0);
  return (
    <Layout ctx={ctx} title="Comparer deux scénarios" wide>
      <a href={`${base}/observatoire/repartition`} class="govuk-back-link">
        Retour à la répartition des moyens
      </a>
      <PageHeading caption="Répartition des moyens">Comparer deux scénarios</PageHeading>
      <form method="get" action={`${base}/observatoire/repartition/comparer`}>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-half">
            <Select name="a" label="Scénario A" options={options} value={String(a.id)} />
          </div>
          <div class="govuk-grid-column-one-half">
            <Select name="b" label="Scénario B" options={options} value={String(b.id)} />
          </div>
        </div>
        <Button secondary>Comparer</Button>
      </form>
      <Table
        caption={`« ${a.name} » et « ${b.name} »`}
        rows={metrics}
        columns={[
          { header: "Mesure", cell: (m) => m.label },
          { header: a.name, cell: (m) => m.cell(planA), numeric: true },
          { header: b.name, cell: (m) => m.cell(planB), numeric: true },
        ]}
      />
      <Table
        caption="Montant par commune (stratégie optimisée)"
        rows={communes}
        columns={[
          { header: "Commune", cell: (u) => u.name },
          { header: a.name, cell: (u) => euros(u.euros), numeric: true },
          { header: b.name, cell: (u) => euros(byCode.get(u.code)?.euros ?? 0), numeric: true },
        ]}
      />
    </Layout>
  );
}
