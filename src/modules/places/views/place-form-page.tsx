// Create or edit a place: every field of the standard, grouped as a person fills them in.
import { PageHeading } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, Checkboxes, CsrfField, ErrorSummary, Radios, TextInput, Textarea, type FieldErrors } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import { FIELD_BY_NAME, PLACE_SECTIONS, type PlaceField, type PlaceFormValues } from "../place-form.js";
import { PlaceHours } from "./place-hours.js";

type Props = {
  ctx: PageContext;
  /** Undefined for a new place. */
  placeId?: number;
  standardId?: string;
  dateMaj?: string;
  values: PlaceFormValues;
  errors?: FieldErrors;
  now: Date;
};

const INPUT_TYPES = { text: "text", tel: "tel", url: "url", number: "text", date: "text" } as const;

function Field({ field, values, errors }: { field: PlaceField; values: PlaceFormValues; errors: FieldErrors }) {
  const value = values[field.name];
  const common = { name: field.name, label: field.label, hint: field.hint, error: errors[field.name] };
  if (field.kind === "choices") {
    const chosen = Array.isArray(value) ? value : [];
    const checkboxes = <Checkboxes {...common} legendSize="s" small options={field.options ?? []} values={chosen} />;
    // The 92 structure types stay folded unless something is chosen or wrong.
    if (field.name !== "typologie") return checkboxes;
    return (
      <details class="govuk-details" open={chosen.length > 0 || Boolean(common.error)}>
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">{field.label}</span>
        </summary>
        <div class="govuk-details__text">{checkboxes}</div>
      </details>
    );
  }
  const text = typeof value === "string" ? value : "";
  if (field.kind === "textarea" || field.kind === "lines") return <Textarea {...common} value={text} rows={field.kind === "lines" ? 3 : 4} />;
  const inputmode = field.kind === "number" ? ("decimal" as const) : undefined;
  const autocomplete = field.name === "telephone" ? "tel" : field.name === "code_postal" ? "postal-code" : undefined;
  const width = field.kind === "number" || field.name === "code_postal" || field.name === "code_insee" ? ("10" as const) : undefined;
  return (
    <TextInput
      {...common}
      value={text}
      type={INPUT_TYPES[field.kind as keyof typeof INPUT_TYPES] ?? "text"}
      {...(inputmode ? { inputmode } : {})}
      {...(autocomplete ? { autocomplete } : {})}
      {...(width ? { width } : {})}
      spellcheck={field.kind === "text" && field.name !== "pivot" && field.name !== "id" ? undefined : false}
    />
  );
}

/** The place form; after an error it shows what was typed and the error summary. */
export function PlaceFormPage({ ctx, placeId, standardId, dateMaj, values, errors = {}, now }: Props) {
  const base = `/t/${ctx.territory!.code}/lieux`;
  const title = placeId === undefined ? "Ajouter un lieu" : `Modifier ${typeof values.nom === "string" && values.nom ? values.nom : "le lieu"}`;
  const horaires = typeof values.horaires === "string" ? values.horaires : undefined;
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors).length > 0}>
      <a href={base} class="govuk-back-link">
        Retour aux lieux
      </a>
      <ErrorSummary errors={errors} />
      <PageHeading caption="Lieux de médiation numérique">{title}</PageHeading>
      <p class="govuk-body">Les champs suivent le standard national des lieux de médiation numérique. Seuls le nom, le SIRET ou RNA, l'adresse et les services sont obligatoires.</p>
      <form method="post" action={placeId === undefined ? `${base}/nouveau` : `${base}/${placeId}`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        {placeId === undefined ? (
          <TextInput name="id" label={FIELD_BY_NAME.get("id")!.label} hint={FIELD_BY_NAME.get("id")!.hint} value={typeof values.id === "string" ? values.id : ""} error={errors.id} spellcheck={false} />
        ) : (
          <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Identifiant</dt>
              <dd class="govuk-summary-list__value">{standardId}</dd>
            </div>
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Dernière mise à jour</dt>
              <dd class="govuk-summary-list__value">{dateMaj}</dd>
            </div>
          </dl>
        )}
        {PLACE_SECTIONS.map((section) => (
          <>
            <h2 class="govuk-heading-m">{section.title}</h2>
            {section.fields.map((name) => (
              <Field field={FIELD_BY_NAME.get(name)!} values={values} errors={errors} />
            ))}
            {section.title === "Horaires" && horaires && !errors.horaires ? (
              <div class="govuk-inset-text">
                <h3 class="govuk-heading-s">Ce que verront les habitants</h3>
                <PlaceHours horaires={horaires} now={now} codeInsee={String(values.code_insee ?? "")} />
              </div>
            ) : null}
          </>
        ))}
        <Radios
          name="published"
          label="Publier ce lieu ?"
          hint="Un lieu publié apparaît dans la recherche de lieux pour les habitants et dans les données ouvertes."
          legendSize="m"
          value={values.published ?? "oui"}
          options={[
            { value: "oui", text: "Oui, le publier" },
            { value: "non", text: "Non, le garder pour le territoire" },
          ]}
        />
        <Button>Enregistrer le lieu</Button>
      </form>
    </Layout>
  );
}
