// The territory's plan settings: the unit-price catalogue and the co-funding programmes, two separate forms.
import type { PageContext } from "../../../../ui/context.js";
import { Button, CsrfField, ErrorSummary, type FieldErrors } from "../../../../ui/form.js";
import { Layout } from "../../../../ui/layout.js";
import type { PriceValues, RuleValues } from "../plan-form.js";
import { BackLink, DoneNotice } from "../../../../ui/components.js";
import { PriceFields, RuleFields, SaveAndAddButtons } from "./catalogue-fields.js";

const notices: Record<string, string> = {
  prix: "Les prix unitaires ont été enregistrés.",
  cofinancements: "Les programmes de cofinancement ont été enregistrés.",
};

type Props = { ctx: PageContext; prices: PriceValues; rules: RuleValues[]; errors?: FieldErrors; notice?: string };

/** Prices and programmes used by new scenarios (each scenario keeps its own copy). */
export function PlanSettingsPage({ ctx, prices, rules, errors = {}, notice }: Props) {
  const base = `/t/${ctx.territory!.code}/plan`;
  return (
    <Layout ctx={ctx} title="Prix et cofinancements du plan" hasErrors={Object.keys(errors).length > 0}>
      <BackLink href={base}>Plan pluriannuel</BackLink>
      <ErrorSummary errors={errors} />
      <DoneNotice notice={notice} messages={notices} />
      <h1 class="govuk-heading-l">Prix et cofinancements du plan</h1>
      <p class="govuk-body">
        Ces valeurs sont recopiées dans chaque nouveau scénario ; un scénario existant garde les siennes, que vous pouvez modifier sur sa
        page.
      </p>
      <form method="post" action={`${base}/reglages/prix`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <PriceFields values={prices} errors={errors} />
        <Button>Enregistrer les prix</Button>
      </form>
      <form method="post" action={`${base}/reglages/cofinancements`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <RuleFields rules={rules} errors={errors} />
        <SaveAndAddButtons>Enregistrer les programmes</SaveAndAddButtons>
      </form>
    </Layout>
  );
}
