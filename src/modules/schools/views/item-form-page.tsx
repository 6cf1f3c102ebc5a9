// The form adding one item to a school's inventory, or editing one item: the fields of the equipment import.
import type { PageContext } from "../../../ui/context.js";
import { Button, CsrfField, ErrorSummary, formFields, Radios, Select, TextInput, type FieldErrors } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import { CATEGORY_LABELS, EQUIPMENT_CATEGORIES, ITEM_STATES, STATE_LABELS } from "../domain/categories.js";
import { ITEM_FIELD_LABELS as LABELS, type ItemFormValues } from "../item-form.js";
import { schoolsBase } from "./shared.js";

type Props = {
  ctx: PageContext;
  school: { id: number; name: string };
  classes: { name: string }[];
  /** The item edited (its number as stored, for the title); none when adding one. */
  item?: { id: number; inventoryNumber: string };
  values: ItemFormValues;
  errors?: FieldErrors;
};

/** The add or edit page of an item. */
export function ItemFormPage({ ctx, school, classes, item, values, errors = {} }: Props) {
  const field = formFields(values, errors);
  const base = schoolsBase(ctx);
  const title = item ? `Modifier l'équipement ${item.inventoryNumber}` : "Ajouter un équipement";
  const back = item ? { href: `${base}/inventaire/${item.id}`, text: "Retour à l'équipement" } : { href: `${base}/${school.id}`, text: "Retour à l'école" };
  const optional = (key: keyof typeof LABELS) => `${LABELS[key]} (facultatif)`;
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors).length > 0}>
      <a href={back.href} class="govuk-back-link">
        {back.text}
      </a>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">
        <span class="govuk-caption-l">{school.name}</span>
        {title}
      </h1>
      <form method="post" action={item ? `${base}/inventaire/${item.id}/modifier` : `${base}/${school.id}/equipements/nouveau`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextInput
          {...field("numero_inventaire")}
          label={LABELS.numero_inventaire}
          hint="Le numéro étiqueté sur l'équipement, propre à chacun dans le territoire (64 caractères au plus)."
          width="20"
          spellcheck={false}
        />
        <Select
          {...field("categorie")}
          label={LABELS.categorie}
          options={[{ value: "", text: "Choisissez une catégorie" }, ...EQUIPMENT_CATEGORIES.map((c) => ({ value: c, text: CATEGORY_LABELS[c] }))]}
        />
        <TextInput {...field("modele")} label={optional("modele")} hint="Marque et modèle, par exemple « Epson EB-725Wi »." />
        <Select
          {...field("classe")}
          label={LABELS.classe}
          hint={item ? "Pour changer l'équipement d'école, utilisez « Déplacer » dans l'inventaire." : undefined}
          options={[{ value: "", text: "Toute l'école" }, ...classes.map((c) => ({ value: c.name, text: c.name }))]}
        />
        <Radios
          {...field("etat")}
          label={LABELS.etat}
          legendSize="s"
          small
          options={ITEM_STATES.map((s) => ({ value: s, text: STATE_LABELS[s] }))}
        />
        <TextInput
          {...field("date_acquisition")}
          type="date"
          label={optional("date_acquisition")}
          hint="Par exemple 2026-09-01. Sans date d'acquisition, la fin de vie prévue reste inconnue."
          width="10"
        />
        <TextInput {...field("fin_garantie")} type="date" label={optional("fin_garantie")} hint="Par exemple 2031-09-01." width="10" />
        <TextInput {...field("cout_ttc")} label={optional("cout_ttc")} hint="En euros, par exemple 1 234,56." inputmode="decimal" width="10" />
        <TextInput {...field("source_financement")} label={optional("source_financement")} hint="Par exemple « Socle numérique 2021 » ou « Budget communal »." />
        <Button>{item ? "Enregistrer" : "Ajouter l'équipement"}</Button>
      </form>
    </Layout>
  );
}
