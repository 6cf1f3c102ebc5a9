// The form for a school's own details: what the national directory does not carry.
import type { PageContext } from "../../../ui/context.js";
import { Button, CsrfField, ErrorSummary, formFields, NumberInput, Radios, TextInput, type FieldErrors } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import type { SchoolRow } from "../schools.queries.js";
import { schoolsBase } from "./shared.js";
import { CONNECTION_OPTIONS } from "../domain/connection.js";

export type SchoolFormValues = { direction: string; adresse: string; eleves: string; enseignants: string; raccordement: string; debit: string; date_mesure: string };

/** The values of the form for a school as stored. */
export function schoolFormValues(school: SchoolRow): SchoolFormValues {
  return {
    direction: school.headTeacher,
    adresse: school.address,
    eleves: school.pupils === null ? "" : String(school.pupils),
    enseignants: school.teachers === null ? "" : String(school.teachers),
    raccordement: school.connectionKind ?? (school.fibre === null ? "inconnu" : school.fibre ? "fibre" : "inconnu"),
    debit: school.connectionMbps === null ? "" : String(school.connectionMbps).replace(".", ","),
    date_mesure: school.connectionMeasuredOn ? school.connectionMeasuredOn.split("-").reverse().join("/") : "",
  };
}

/** Edit page of a school's details. */
export function SchoolFormPage({ ctx, school, values, errors = {} }: { ctx: PageContext; school: SchoolRow; values: SchoolFormValues; errors?: FieldErrors }) {
  const field = formFields(values, errors);
  const base = `${schoolsBase(ctx)}/${school.id}`;
  return (
    <Layout ctx={ctx} title={`Modifier ${school.name}`} hasErrors={Object.keys(errors).length > 0}>
      <a href={base} class="govuk-back-link">
        Retour à l'école
      </a>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">
        <span class="govuk-caption-l">{school.name}</span>
        Modifier les informations
      </h1>
      <form method="post" action={`${base}/modifier`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextInput {...field("direction")} label="Directrice ou directeur" />
        <TextInput {...field("adresse")} label="Adresse" />
        <NumberInput {...field("eleves")} label="Nombre d'élèves" width="5" />
        <NumberInput {...field("enseignants")} label="Nombre d'enseignants" width="5" />
        <Radios
          {...field("raccordement")}
          label="Comment l'école est-elle raccordée à internet ?"
          legendSize="s"
          small
          options={[...CONNECTION_OPTIONS, { value: "inconnu", text: "Je ne sais pas" }]}
        />
        <TextInput {...field("debit")} label="Débit descendant mesuré (en Mbit/s, facultatif)" hint="Par exemple 95,5" inputmode="decimal" width="5" />
        <TextInput {...field("date_mesure")} label="Date de la mesure (facultatif)" hint="Par exemple 03/03/2027" width="10" />
        <Button>Enregistrer</Button>
      </form>
    </Layout>
  );
}
