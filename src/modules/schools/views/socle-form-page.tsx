// Editing the reference set (saved as a new version) and the lifetimes per category, without JavaScript.
import type { PageContext } from "../../../ui/context.js";
import { Button, CsrfField, ErrorSummary, formFields, NumberInput, TextInput, type FieldErrors } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import { CATEGORY_LABELS, EQUIPMENT_CATEGORIES } from "../domain/categories.js";
import type { ElementValues, SocleFormValues } from "../socle-form.js";
import { schoolsBase } from "./shared.js";

const RULE_LABELS: Record<string, string> = {
  per_class: "Par classe (atteint dans chaque classe qui le détient)",
  per_class_group: "Par groupe de classes commencé (compté dans toute l'école)",
  per_school: "Par école (compté dans toute l'école)",
};

function ElementFieldset({ index, values }: { index: number; values: ElementValues }) {
  const id = (name: string) => `e${index}-${name}`;
  const name = (field: string) => `e${index}_${field}`;
  const isNew = values.code === "" && values.libelle === "";
  return (
    <fieldset class="govuk-fieldset govuk-!-margin-bottom-8">
      <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{isNew ? "Nouvel élément (facultatif)" : `Élément « ${values.libelle} »`}</legend>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-third govuk-form-group">
          <label class="govuk-label" for={id("code")}>
            Code
          </label>
          <div class="govuk-hint" id={`${id("code")}-hint`}>
            Minuscules, chiffres et _ (repris dans les exports)
          </div>
          <input class="govuk-input" id={id("code")} name={name("code")} value={values.code} aria-describedby={`${id("code")}-hint`} spellcheck={false} />
        </div>
        <div class="govuk-grid-column-two-thirds govuk-form-group">
          <label class="govuk-label" for={id("libelle")}>
            Libellé
          </label>
          <input class="govuk-input" id={id("libelle")} name={name("libelle")} value={values.libelle} />
        </div>
      </div>
      <div class="govuk-form-group">
        <fieldset class="govuk-fieldset">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Catégories comptées</legend>
          <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
            {EQUIPMENT_CATEGORIES.map((c) => (
              <div class="govuk-checkboxes__item">
                <input class="govuk-checkboxes__input" id={id(`cat-${c}`)} name={name("categories")} type="checkbox" value={c} checked={values.categories.includes(c)} />
                <label class="govuk-label govuk-checkboxes__label" for={id(`cat-${c}`)}>
                  {CATEGORY_LABELS[c]}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half govuk-form-group">
          <label class="govuk-label" for={id("regle")}>
            Règle
          </label>
          <select class="govuk-select govuk-!-width-full" id={id("regle")} name={name("regle")}>
            {Object.entries(RULE_LABELS).map(([value, text]) => (
              <option value={value} selected={value === values.regle}>
                {text}
              </option>
            ))}
          </select>
        </div>
        <div class="govuk-grid-column-one-quarter govuk-form-group">
          <label class="govuk-label" for={id("nombre")}>
            Nombre requis
          </label>
          <input class="govuk-input govuk-input--width-4" id={id("nombre")} name={name("nombre")} inputMode="numeric" value={values.nombre} />
        </div>
        <div class="govuk-grid-column-one-quarter govuk-form-group">
          <label class="govuk-label" for={id("groupe")}>
            Classes par groupe
          </label>
          <input class="govuk-input govuk-input--width-4" id={id("groupe")} name={name("groupe")} inputMode="numeric" value={values.groupe} />
        </div>
      </div>
      <div class="govuk-form-group">
        <label class="govuk-label" for={id("achat")}>
          Catégorie achetée pour combler un manque (plan pluriannuel)
        </label>
        <select class="govuk-select" id={id("achat")} name={name("achat")}>
          <option value="">La première catégorie comptée</option>
          {EQUIPMENT_CATEGORIES.map((c) => (
            <option value={c} selected={c === values.achat}>
              {CATEGORY_LABELS[c]}
            </option>
          ))}
        </select>
      </div>
      {isNew ? null : (
        <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          <div class="govuk-checkboxes__item">
            <input class="govuk-checkboxes__input" id={id("supprimer")} name={name("supprimer")} type="checkbox" value="oui" checked={values.supprimer} />
            <label class="govuk-label govuk-checkboxes__label" for={id("supprimer")}>
              Retirer cet élément du socle
            </label>
          </div>
        </div>
      )}
    </fieldset>
  );
}

/** The checks' problems, in an error summary whose links lead to the top of the form. */
function ProblemSummary({ problems }: { problems: string[] }) {
  if (problems.length === 0) return null;
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary">
      <div role="alert">
        <h2 class="govuk-error-summary__title">Le socle ne peut pas être enregistré</h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list govuk-error-summary__list">
            {problems.map((p) => (
              <li>
                <a href="#champ-version">{p.charAt(0).toUpperCase() + p.slice(1)}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/** The reference-set form; problems found by the checks are listed at the top. */
export function SocleFormPage({ ctx, values, problems = [] }: { ctx: PageContext; values: SocleFormValues; problems?: string[] }) {
  const base = schoolsBase(ctx);
  return (
    <Layout ctx={ctx} title="Modifier le socle numérique" hasErrors={problems.length > 0}>
      <a href={`${base}/socle`} class="govuk-back-link">
        Retour au socle
      </a>
      <ProblemSummary problems={problems} />
      <h1 class="govuk-heading-l">Modifier le socle numérique</h1>
      <p class="govuk-body">Le socle modifié est enregistré comme une nouvelle version ; il s'applique dès l'enregistrement. Les versions précédentes restent consultables.</p>
      <form method="post" action={`${base}/socle/modifier`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextInput name="version" label="Numéro de version" width="20" value={values.version} />
        <TextInput name="libelle" label="Libellé du socle" value={values.libelle} />
        {values.elements.map((e, i) => (
          <ElementFieldset index={i} values={e} />
        ))}
        <Button>Enregistrer la nouvelle version</Button>
      </form>
    </Layout>
  );
}

/** The lifetimes form: one whole number of years per category. */
export function LifetimesFormPage({ ctx, values, errors = {} }: { ctx: PageContext; values: Record<string, string>; errors?: FieldErrors }) {
  const field = formFields(values, errors);
  const base = schoolsBase(ctx);
  return (
    <Layout ctx={ctx} title="Durées de vie des équipements" hasErrors={Object.keys(errors).length > 0}>
      <a href={`${base}/socle`} class="govuk-back-link">
        Retour au socle
      </a>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">Durées de vie des équipements</h1>
      <form method="post" action={`${base}/socle/durees-de-vie`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        {EQUIPMENT_CATEGORIES.map((c) => (
          <NumberInput {...field(c)} label={`${CATEGORY_LABELS[c]} (années)`} width="3" />
        ))}
        <Button>Enregistrer</Button>
      </form>
    </Layout>
  );
}
