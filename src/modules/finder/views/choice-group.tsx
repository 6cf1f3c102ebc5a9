// Checkboxes and radios in GOV.UK markup for the finder form. Unlike ui/form.tsx, option hints get their own
// ids (`…-option-hint`): there, the first option's hint id equals the group hint id when both are given.
import { fieldId } from "../../../ui/form.js";

export type Choice = { name?: string; value: string; text: string; hint?: string | undefined; checked: boolean };

/** A fieldset of checkboxes or radios; `name` is the default field name of its options. */
export function ChoiceGroup(props: { kind: "checkbox" | "radio"; name: string; legend: string; hint?: string; error?: string | undefined; choices: Choice[] }) {
  const { kind, name, legend, hint, error, choices } = props;
  const cls = kind === "radio" ? "govuk-radios" : "govuk-checkboxes";
  const base = fieldId(name);
  const describedBy = [hint ? `${base}-hint` : "", error ? `${base}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{legend}</legend>
        {hint ? (
          <div id={`${base}-hint`} class="govuk-hint">
            {hint}
          </div>
        ) : null}
        {error ? (
          <p id={`${base}-error`} class="govuk-error-message">
            <span class="govuk-visually-hidden">Erreur&nbsp;:</span> {error}
          </p>
        ) : null}
        <div class={`${cls} ${cls}--small`} data-module={cls}>
          {choices.map((choice, i) => {
            const id = i === 0 ? base : `${base}-${i + 1}`;
            return (
              <div class={`${cls}__item`}>
                <input
                  class={`${cls}__input`}
                  id={id}
                  name={choice.name ?? name}
                  type={kind}
                  value={choice.value}
                  checked={choice.checked}
                  aria-describedby={choice.hint ? `${id}-option-hint` : undefined}
                />
                <label class={`govuk-label ${cls}__label`} for={id}>
                  {choice.text}
                </label>
                {choice.hint ? (
                  <div id={`${id}-option-hint`} class={`govuk-hint ${cls}__hint`}>
                    {choice.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
