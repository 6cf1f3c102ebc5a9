// Add or edit a weekly plage of a mediator: place, weekdays, hours, validity period, one week in N.
import type { PageContext } from "../../../ui/context.js";
import { Button, Checkboxes, CsrfField, ErrorSummary, formFields, NumberInput, Select, TextInput, type FieldErrors } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import type { PlageValues } from "../domain/plage-rules.js";
import type { PlaceChoice } from "../mediators.queries.js";
import { BackLink, weekdayOptions } from "./view-parts.js";

type Props = {
  ctx: PageContext;
  mediator: { id: number; name: string; places: PlaceChoice[] };
  plageId?: number;
  values: PlageValues;
  errors?: FieldErrors;
};

/** The plage form; without `plageId` it adds one. */
export function PlageFormPage({ ctx, mediator, plageId, values, errors = {} }: Props) {
  const field = formFields(values, errors);
  const base = `/t/${ctx.territory!.code}/mediateurs/${mediator.id}`;
  const title = plageId === undefined ? "Ajouter une plage d'ouverture" : "Modifier la plage d'ouverture";
  return (
    <Layout ctx={ctx} title={`${title} – ${mediator.name}`} hasErrors={Object.keys(errors).length > 0}>
      <BackLink href={base}>{mediator.name}</BackLink>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">
        <span class="govuk-caption-l">{mediator.name}</span>
        {title}
      </h1>
      <p class="govuk-body">Une plage se répète chaque semaine : le public peut prendre rendez-vous pendant ces heures, sauf les jours fériés et les absences.</p>
      <form method="post" action={plageId === undefined ? `${base}/plages` : `${base}/plages/${plageId}`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Select
          {...field("placeId")}
          label="Lieu"
          options={[{ value: "", text: "Choisissez un lieu" }, ...mediator.places.map((p) => ({ value: String(p.id), text: `${p.nom} (${p.commune})` }))]}
        />
        <Checkboxes name="weekdays" label="Jours" hint="Cochez un ou plusieurs jours." small options={weekdayOptions} values={values.weekdays} error={errors.weekdays} />
        <TextInput {...field("startTime")} type="time" label="Heure de début" hint="Par exemple 9:00." width="5" />
        <TextInput {...field("endTime")} type="time" label="Heure de fin" hint="Par exemple 12:00." width="5" />
        <TextInput {...field("validFrom")} type="date" label="À partir du" hint="Premier jour où la plage s'applique, par exemple 2027-03-01." />
        <TextInput {...field("validUntil")} type="date" label="Jusqu'au (facultatif)" hint="Dernier jour inclus. Laissez vide si la plage n'a pas de fin prévue." />
        <NumberInput
          {...field("everyNWeeks")}
          label="Toutes les combien de semaines ?"
          hint="1 pour chaque semaine, 2 pour une semaine sur deux (en comptant à partir de la semaine du premier jour)."
          width="2"
        />
        <Button>Enregistrer la plage</Button>
      </form>
    </Layout>
  );
}
