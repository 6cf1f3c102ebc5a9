// Form fields shared by the plan settings and the scenario form: unit prices per category and co-funding programmes.
import type { ComponentChildren } from "preact";
import { Button, Checkboxes, TextInput, type FieldErrors } from "../../../../ui/form.js";
import { CATEGORY_LABELS, EQUIPMENT_CATEGORIES } from "../../domain/categories.js";
import { priceField, ruleField, type PriceValues, type RuleValues } from "../plan-form.js";

const categoryOptions = EQUIPMENT_CATEGORIES.map((c) => ({ value: c, text: CATEGORY_LABELS[c] }));

/** One price field per category, in euros incl. tax. */
export function PriceFields({ values, errors }: { values: PriceValues; errors: FieldErrors }) {
  return (
    <fieldset class="govuk-fieldset">
      <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Prix unitaires</legend>
      <p class="govuk-hint">
        Prix d'achat toutes taxes comprises, en euros, installation comprise si vous la payez avec l'équipement. Une catégorie sans prix est
        comptée 0 € dans le plan et signalée.
      </p>
      {EQUIPMENT_CATEGORIES.map((c) => (
        <TextInput name={priceField(c)} label={`${CATEGORY_LABELS[c]} (€ TTC)`} inputmode="decimal" width="10" value={values[c]} error={errors[priceField(c)]} />
      ))}
    </fieldset>
  );
}

/** The co-funding programmes in order, each with its name, rate, cap, eligible categories and years. */
export function RuleFields({ rules, errors }: { rules: RuleValues[]; errors: FieldErrors }) {
  return (
    <>
      <h2 class="govuk-heading-m">Programmes de cofinancement</h2>
      <p class="govuk-body">
        Saisissez les taux et plafonds notifiés par vos financeurs : Maillage n'en suppose aucun. Un projet est ce qu'une commune achète une
        année au titre d'un programme ; son cofinancement vaut le taux appliqué au montant éligible, dans la limite du plafond. Une dépense
        n'est financée que par un programme : le premier de la liste qui couvre sa catégorie et son année.
      </p>
      <input type="hidden" name="regles" value={String(rules.length)} />
      {rules.map((rule, i) => (
        <fieldset class="govuk-fieldset govuk-!-margin-bottom-6">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Programme {i + 1}</legend>
          <TextInput name={ruleField(i, "programme")} label="Nom du programme" hint="Effacez le nom et les autres champs pour retirer le programme." value={rule.programme} error={errors[ruleField(i, "programme")]} />
          <TextInput name={ruleField(i, "taux")} label="Taux de cofinancement (%)" hint="Entre 0 et 100, par exemple 66 ou 66,5." inputmode="decimal" width="4" value={rule.taux} error={errors[ruleField(i, "taux")]} />
          <TextInput name={ruleField(i, "plafond")} label="Plafond par projet (€, facultatif)" hint="Laissez vide s'il n'y a pas de plafond." inputmode="decimal" width="10" value={rule.plafond} error={errors[ruleField(i, "plafond")]} />
          <Checkboxes name={ruleField(i, "categories")} label="Catégories d'équipement éligibles" legendSize="s" small options={categoryOptions} values={rule.categories} error={errors[ruleField(i, "categories")]} />
          <TextInput name={ruleField(i, "annees")} label="Années couvertes (facultatif)" hint="Séparées par des virgules, par exemple 2027, 2028. Vide : toutes les années du plan." width="20" value={rule.annees} error={errors[ruleField(i, "annees")]} />
        </fieldset>
      ))}
    </>
  );
}

/** The save button, then the one re-showing the form with an empty programme row (Enter in a field saves). */
export function SaveAndAddButtons({ children }: { children: ComponentChildren }) {
  return (
    <div class="govuk-button-group">
      <Button>{children}</Button>
      <Button secondary name="action" value="ajouter">
        Ajouter un programme
      </Button>
    </div>
  );
}
