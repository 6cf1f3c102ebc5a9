// Reporting a broken item: choose the school (when the person sees several), then the item, describe the
// problem, optionally add a photo. The form is multipart: the CSRF token travels in the action URL.
import { schoolPhrase } from "../../domain/school-wording.js";
import type { PageContext } from "../../../../ui/context.js";
import { Button, CsrfField, ErrorSummary, Select, Textarea, fieldId, type FieldErrors } from "../../../../ui/form.js";
import { Layout } from "../../../../ui/layout.js";
import { STATE_LABELS, isItemState } from "../../domain/categories.js";
import { BackLink } from "../../../../ui/components.js";
import { itemLabel } from "../incidents.mails.js";
import type { ReportableItem, SchoolChoice } from "../incidents.queries.js";

export type ReportValues = { itemId: string; description: string };

type Props = {
  ctx: PageContext;
  schools: SchoolChoice[];
  school: SchoolChoice | undefined;
  items: ReportableItem[];
  values: ReportValues;
  errors?: FieldErrors;
};

function itemOption(item: ReportableItem) {
  const state = isItemState(item.state) ? STATE_LABELS[item.state].toLowerCase() : item.state;
  const open = item.openIncidentId !== null ? ` — incident n° ${item.openIncidentId} déjà ouvert` : "";
  return { value: String(item.id), text: `${item.className ?? "Toute l'école"} — ${itemLabel(item.category, item.inventoryNumber)}${item.model ? `, ${item.model}` : ""} (${state})${open}` };
}

/** The school chooser, then the report form for the chosen school. */
export function IncidentFormPage({ ctx, schools, school, items, values, errors = {} }: Props) {
  const base = `/t/${ctx.territory!.code}/incidents`;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout ctx={ctx} title="Signaler un équipement en panne" hasErrors={hasErrors}>
      <BackLink href={base}>Incidents</BackLink>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">Signaler un équipement en panne</h1>
      {schools.length > 1 ? (
        <form method="get" action={`${base}/nouveau`} novalidate>
          <Select name="ecole" label="École" options={[{ value: "", text: "Choisissez une école" }, ...schools.map((s) => ({ value: String(s.id), text: s.name }))]} value={school ? String(school.id) : ""} />
          <Button secondary>Voir ses équipements</Button>
        </form>
      ) : null}
      {schools.length === 0 ? <p class="govuk-body">Vous n'êtes référent ou référente d'aucune école : demandez à la coordination de vous y rattacher.</p> : null}
      {school && items.length === 0 ? <p class="govuk-body">Aucun équipement n'est inscrit à l'inventaire {schoolPhrase("de", school.name)}.</p> : null}
      {school && items.length > 0 ? (
        <form method="post" action={base} enctype="multipart/form-data" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="ecole" value={String(school.id)} />
          <Select
            name="itemId"
            label={`Équipement en panne ${schoolPhrase("à", school.name)}`}
            hint="Classe, catégorie et numéro d'inventaire (étiquette sur l'équipement). Si vous ne savez pas lequel c'est, choisissez « Je ne sais pas lequel » et décrivez-le ci-dessous (salle, type d'appareil)."
            options={[{ value: "", text: "Choisissez l'équipement" }, { value: "inconnu", text: "Je ne sais pas lequel" }, ...items.map(itemOption)]}
            value={values.itemId}
            error={errors.itemId}
          />
          <Textarea name="description" label="Que se passe-t-il ?" hint="Ce qui ne marche pas, depuis quand, ce que vous avez déjà essayé." value={values.description} error={errors.description} />
          <div class={`govuk-form-group${errors.photo ? " govuk-form-group--error" : ""}`}>
            <label class="govuk-label" for={fieldId("photo")}>
              Photo (facultatif)
            </label>
            <div id={`${fieldId("photo")}-hint`} class="govuk-hint">
              Image JPEG, PNG ou WebP de 5 Mo au plus, par exemple l'écran ou le message d'erreur.
            </div>
            {errors.photo ? (
              <p id={`${fieldId("photo")}-error`} class="govuk-error-message">
                <span class="govuk-visually-hidden">Erreur :</span> {errors.photo}
              </p>
            ) : null}
            <input
              class={`govuk-file-upload${errors.photo ? " govuk-file-upload--error" : ""}`}
              id={fieldId("photo")}
              name="photo"
              type="file"
              accept="image/jpeg,image/png,image/webp"
              aria-describedby={`${fieldId("photo")}-hint${errors.photo ? ` ${fieldId("photo")}-error` : ""}`}
            />
          </div>
          <Button>Envoyer le signalement</Button>
        </form>
      ) : null}
    </Layout>
  );
}
