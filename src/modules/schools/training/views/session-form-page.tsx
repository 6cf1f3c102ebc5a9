// Creating or editing a training session.
import type { PageContext } from "../../../../ui/context.js";
import { Button, Checkboxes, CsrfField, ErrorSummary, TextInput, type FieldErrors } from "../../../../ui/form.js";
import { Layout } from "../../../../ui/layout.js";
import { CATEGORY_LABELS, EQUIPMENT_CATEGORIES } from "../../domain/categories.js";
import { BackLink } from "../../../../ui/components.js";
import type { SessionValues } from "../training-form.js";

type Props = { ctx: PageContext; values: SessionValues; errors?: FieldErrors; sessionId?: number };

/** The session form; times are in Paris time. */
export function SessionFormPage({ ctx, values, errors = {}, sessionId }: Props) {
  const base = `/t/${ctx.territory!.code}/formations`;
  const title = sessionId ? "Modifier la session" : "Nouvelle session de formation";
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors).length > 0}>
      <BackLink href={sessionId ? `${base}/${sessionId}` : base}>Retour</BackLink>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">{title}</h1>
      <form method="post" action={sessionId ? `${base}/${sessionId}` : base} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextInput name="title" label="Titre" value={values.title} error={errors.title} />
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
        <TextInput name="date" type="date" label="Date" hint="Par exemple 2027-03-16." width="10" value={values.date} error={errors.date} />
        <TextInput name="startTime" type="time" label="Heure de début" hint="Par exemple 09:00." width="5" value={values.startTime} error={errors.startTime} />
        <TextInput name="endTime" type="time" label="Heure de fin" width="5" value={values.endTime} error={errors.endTime} />
        <TextInput name="place" label="Lieu" hint="Adresse ou salle, par exemple « École des Lilas, salle informatique »." value={values.place} error={errors.place} />
        <TextInput name="trainer" label="Formateur ou formatrice" hint="Par exemple l'ERUN de la circonscription." value={values.trainer} error={errors.trainer} />
        <TextInput name="capacity" label="Nombre de places" inputmode="numeric" width="3" value={values.capacity} error={errors.capacity} />
        <Button>{sessionId ? "Enregistrer la session" : "Créer la session"}</Button>
      </form>
    </Layout>
  );
}
