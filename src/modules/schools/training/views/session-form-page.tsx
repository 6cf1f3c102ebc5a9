// Creating or editing a training session.
import type { PageContext } from "../../../../ui/context.js";
import { Button, Checkboxes, CsrfField, ErrorSummary, formFields, NumberInput, TextInput, type FieldErrors } from "../../../../ui/form.js";
import { Layout } from "../../../../ui/layout.js";
import { CATEGORY_LABELS, EQUIPMENT_CATEGORIES } from "../../domain/categories.js";
import { BackLink } from "../../../../ui/components.js";
import type { SessionValues } from "../training-form.js";

type Props = { ctx: PageContext; values: SessionValues; errors?: FieldErrors; sessionId?: number };

/** The session form; times are in Paris time. */
export function SessionFormPage({ ctx, values, errors = {}, sessionId }: Props) {
  const field = formFields(values, errors);
  const base = `/t/${ctx.territory!.code}/formations`;
  const title = sessionId ? "Modifier la session" : "Nouvelle session de formation";
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors).length > 0}>
      <BackLink href={sessionId ? `${base}/${sessionId}` : base}>Retour</BackLink>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">{title}</h1>
      <form method="post" action={sessionId ? `${base}/${sessionId}` : base} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextInput {...field("title")} label="Titre" />
        <Checkboxes
          name="categories"
          label="Équipements abordés"
          legendSize="s"
          hint="Les enseignants présents comptent comme formés sur ces catégories."
          small
          options={EQUIPMENT_CATEGORIES.map((c) => ({ value: c, text: CATEGORY_LABELS[c] }))}
          values={values.categories}
          error={errors.categories}
        />
        <TextInput {...field("date")} type="date" label="Date" hint="Par exemple 2027-03-16." width="10" />
        <TextInput {...field("startTime")} type="time" label="Heure de début" hint="Par exemple 09:00." width="5" />
        <TextInput {...field("endTime")} type="time" label="Heure de fin" width="5" />
        <TextInput {...field("place")} label="Lieu" hint="Adresse ou salle, par exemple « École des Lilas, salle informatique »." />
        <TextInput {...field("trainer")} label="Formateur ou formatrice" hint="Par exemple l'ERUN de la circonscription." />
        <NumberInput {...field("capacity")} label="Nombre de places" width="3" />
        <Button>{sessionId ? "Enregistrer la session" : "Créer la session"}</Button>
      </form>
    </Layout>
  );
}
