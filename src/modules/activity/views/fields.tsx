// Radios and checkboxes with GOV.UK conditional reveal and inline layout, which the shared form fields lack.
// Without JavaScript every conditional part stays visible, so the form works the same.
import type { ComponentChildren } from "preact";
import { fieldId } from "../../../ui/form.js";

export type ChoiceOption = { value: string; text: string; hint?: string; conditional?: ComponentChildren };

type ChoicesProps = {
  kind: "radio" | "checkbox";
  name: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  options: ChoiceOption[];
  checked: string[];
  inline?: boolean;
  small?: boolean;
  legendSize?: "l" | "m" | "s";
};

/** A fieldset of radios or checkboxes; the first input carries the field id the error summary links to. */
export function Choices({ kind, name, legend, hint, error, options, checked, inline, small, legendSize = "s" }: ChoicesProps) {
  const cls = kind === "radio" ? "govuk-radios" : "govuk-checkboxes";
  const base = fieldId(name);
  const described = [hint ? `${base}-hint` : "", error ? `${base}-error` : ""].filter(Boolean).join(" ") || undefined;
  const modifiers = `${inline ? ` ${cls}--inline` : ""}${small ? ` ${cls}--small` : ""}`;
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset class="govuk-fieldset" aria-describedby={described}>
        <legend class={`govuk-fieldset__legend govuk-fieldset__legend--${legendSize}`}>{legend}</legend>
        {hint ? (
          <div id={`${base}-hint`} class="govuk-hint">
            {hint}
          </div>
        ) : null}
        {error ? (
          <p id={`${base}-error`} class="govuk-error-message">
            <span class="govuk-visually-hidden">Erreur :</span> {error}
          </p>
        ) : null}
        <div class={`${cls}${modifiers}`} data-module={cls}>
          {options.map((o, i) => {
            const id = i === 0 ? base : `${base}-${i + 1}`;
            const conditionalId = `${id}-suite`;
            return (
              <>
                <div class={`${cls}__item`}>
                  <input
                    class={`${cls}__input`}
                    id={id}
                    name={name}
                    type={kind}
                    value={o.value}
                    checked={checked.includes(o.value)}
                    data-aria-controls={o.conditional ? conditionalId : undefined}
                    aria-describedby={o.hint ? `${id}-hint` : undefined}
                  />
                  <label class={`govuk-label ${cls}__label`} for={id}>
                    {o.text}
                  </label>
                  {o.hint ? (
                    <div id={`${id}-hint`} class={`govuk-hint ${cls}__hint`}>
                      {o.hint}
                    </div>
                  ) : null}
                </div>
                {o.conditional ? (
                  <div
                    class={`${cls}__conditional${checked.includes(o.value) ? "" : ` ${cls}__conditional--hidden`}`}
                    id={conditionalId}
                  >
                    {o.conditional}
                  </div>
                ) : null}
              </>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** A short whole-number input (counters, minutes). */
export function NumberField({ name, label, value, error, hint }: { name: string; label: string; value: string | undefined; error?: string | undefined; hint?: string }) {
  const id = fieldId(name);
  const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label class="govuk-label" for={id}>
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} class="govuk-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">Erreur :</span> {error}
        </p>
      ) : null}
      <input
        class={`govuk-input govuk-input--width-4${error ? " govuk-input--error" : ""}`}
        id={id}
        name={name}
        type="text"
        inputMode="numeric"
        spellcheck={false}
        value={value ?? ""}
        aria-describedby={described}
      />
    </div>
  );
}
