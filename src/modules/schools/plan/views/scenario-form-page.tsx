// Creating a scenario (name, start year, length, gap schedule) and editing one (the same plus its own
// prices and co-funding programmes).
import type { PageContext } from "../../../../ui/context.js";
import { Button, CsrfField, ErrorSummary, formFields, NumberInput, Radios, Select, TextInput, type FieldErrors } from "../../../../ui/form.js";
import { Layout } from "../../../../ui/layout.js";
import { MIN_PLAN_YEARS } from "../../domain/plan.js";
import { SCENARIO_MAX_YEARS, SCENARIO_MIN_YEARS } from "../plan-build.js";
import type { PriceValues, RuleValues, ScenarioValues } from "../plan-form.js";
import { GAP_SCHEDULE_LABELS } from "../plan-report.js";
import { PriceFields, RuleFields, SaveAndAddButtons } from "./catalogue-fields.js";
import { BackLink } from "../../../../ui/components.js";

type Props = {
  ctx: PageContext;
  values: ScenarioValues;
  errors?: FieldErrors;
  /** Set when editing: the scenario's id, prices and programmes. */
  edit?: { scenarioId: number; prices: PriceValues; rules: RuleValues[] };
};

const yearOptions = Array.from({ length: SCENARIO_MAX_YEARS - SCENARIO_MIN_YEARS + 1 }, (_, i) => {
  const n = SCENARIO_MIN_YEARS + i;
  return { value: String(n), text: `${n} ans` };
});

/** The scenario form; on creation the territory's prices and programmes are copied into the scenario. */
export function ScenarioFormPage({ ctx, values, errors = {}, edit }: Props) {
  const field = formFields(values, errors);
  const base = `/t/${ctx.territory!.code}/plan`;
  const title = edit ? "Modifier le scénario" : "Nouveau scénario";
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors).length > 0}>
      <BackLink href={edit ? `${base}/${edit.scenarioId}` : base}>{edit ? "Retour au scénario" : "Plan pluriannuel"}</BackLink>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">{title}</h1>
      <form method="post" action={edit ? `${base}/${edit.scenarioId}` : base} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextInput {...field("name")} label="Nom du scénario" hint="Par exemple « Plan 2027-2029, socle d'abord »." />
        <NumberInput {...field("startYear")} label="Première année du plan" hint="L'année budgétaire des communes, sur 4 chiffres." width="4" />
        <Select {...field("years")} label="Durée du plan" options={yearOptions} />
        <Radios
          {...field("gapSchedule")}
          label="Quand combler les manques du socle numérique ?"
          legendSize="s"
          hint="Les équipements en panne sont remplacés la première année ; les autres sont renouvelés l'année de leur fin de vie."
          options={[
            { value: "first_year", text: GAP_SCHEDULE_LABELS.first_year },
            { value: "spread", text: GAP_SCHEDULE_LABELS.spread, hint: `Toutes les acquisitions d'une école la même année (un projet par école).${MIN_PLAN_YEARS > SCENARIO_MIN_YEARS ? ` Demande au moins ${MIN_PLAN_YEARS} ans.` : ""}` },
          ]}
        />
        {edit ? (
          <>
            <PriceFields values={edit.prices} errors={errors} />
            <RuleFields rules={edit.rules} errors={errors} />
            <SaveAndAddButtons>Enregistrer le scénario</SaveAndAddButtons>
          </>
        ) : (
          <>
            <p class="govuk-body">Le scénario reprend les prix et les programmes de cofinancement du territoire ; vous pourrez les modifier pour ce seul scénario.</p>
            <Button>Créer le scénario</Button>
          </>
        )}
      </form>
    </Layout>
  );
}
