// The territory's fibre target: a share of premises eligible to FttH by a date.
import { PageHeading } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, CsrfField, ErrorSummary, TextInput, type FieldErrors } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";

export type TargetFormValues = { part: string; date: string };

/** The target form, keeping what was typed. */
export function TargetFormPage({ ctx, values, errors = {} }: { ctx: PageContext; values: TargetFormValues; errors?: FieldErrors }) {
  const base = `/t/${ctx.territory!.code}/connectivite`;
  return (
    <Layout ctx={ctx} title="Objectif de raccordement à la fibre" hasErrors={Object.keys(errors).length > 0}>
      <a href={base} class="govuk-back-link">
        Retour à la connectivité
      </a>
      <ErrorSummary errors={errors} />
      <PageHeading caption="Connectivité">Objectif de raccordement à la fibre</PageHeading>
      <p class="govuk-body">La projection de chaque commune est comparée à cet objectif : celles qui ne l'atteindront pas au rythme actuel sont listées.</p>
      <form method="post" action={`${base}/objectif`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextInput name="part" label="Part des locaux raccordables à la fibre visée (en %)" hint="Par exemple 100" value={values.part} error={errors.part} inputmode="decimal" width="4" />
        <TextInput name="date" label="À quelle date ?" hint="Par exemple 31/12/2028" value={values.date} error={errors.date} width="10" />
        <Button>Enregistrer l'objectif</Button>
      </form>
    </Layout>
  );
}
