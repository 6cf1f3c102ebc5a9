// Form components with GOV.UK Frontend markup: labels, hints, inline errors and the error summary.
import type { ComponentChildren } from "preact";

/** Field name → French error message. Order of insertion is the order shown in the summary. */
export type FieldErrors = Record<string, string>;

/**
 * Binds a form's values and errors: `field("name")` gives the name, what was typed and the error, to spread on
 * a field component (`<TextInput {...field("name")} label=… />`).
 */
export function formFields<V extends object>(values: V, errors: FieldErrors) {
  return <K extends keyof V & string>(name: K) => ({ name, value: values[name], error: errors[name] });
}

/** Lists every error at the top of the form, each linking to its field. */
export function ErrorSummary({ errors }: { errors: FieldErrors }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary">
      <div role="alert">
        <h2 class="govuk-error-summary__title">Il y a un problème</h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list govuk-error-summary__list">
            {entries.map(([field, message]) => (
              <li>
                <a href={`#${fieldId(field)}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/** The id used for a field, so that summaries and labels agree. */
export function fieldId(name: string): string {
  return `champ-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

type FieldProps = {
  name: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  /** Render the label as the page heading (one question per page). */
  isPageHeading?: boolean;
};

function Label({ name, label, isPageHeading }: FieldProps) {
  const labelEl = (
    <label class={`govuk-label${isPageHeading ? " govuk-label--l" : ""}`} for={fieldId(name)}>
      {label}
    </label>
  );
  return isPageHeading ? <h1 class="govuk-label-wrapper">{labelEl}</h1> : labelEl;
}

function describedBy(name: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${fieldId(name)}-hint` : "", error ? `${fieldId(name)}-error` : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function HintAndError({ name, hint, error }: FieldProps) {
  return (
    <>
      {hint ? (
        <div id={`${fieldId(name)}-hint`} class="govuk-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={`${fieldId(name)}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">{"Erreur\u00a0:"}</span> {error}
        </p>
      ) : null}
    </>
  );
}

export type TextInputProps = FieldProps & {
  value?: string | undefined;
  type?: "text" | "email" | "tel" | "number" | "date" | "time" | "url" | "search";
  autocomplete?: string;
  inputmode?: "numeric" | "decimal" | "email" | "tel" | "text" | "search";
  width?: "2" | "3" | "4" | "5" | "10" | "20" | "30";
  spellcheck?: boolean;
};

/** A labelled text input keeping what the person typed. */
export function TextInput(props: TextInputProps) {
  const { name, error, value, type = "text", autocomplete, inputmode, width, spellcheck } = props;
  const attributes = {
    class: `govuk-input${width ? ` govuk-input--width-${width}` : ""}${error ? " govuk-input--error" : ""}`,
    id: fieldId(name),
    name,
    type,
    value: value ?? "",
    autocomplete,
    inputMode: inputmode,
    spellcheck,
    "aria-describedby": describedBy(name, props.hint, error),
  } as Record<string, unknown>;
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <Label {...props} />
      <HintAndError {...props} />
      <input {...attributes} />
    </div>
  );
}

/** A text input for a whole number: the phone's numeric keypad, no browser spinner or validation. */
export function NumberInput(props: Omit<TextInputProps, "type" | "inputmode">) {
  return <TextInput {...props} inputmode="numeric" />;
}

/** A labelled multi-line text field. */
export function Textarea(props: FieldProps & { value?: string | undefined; rows?: number }) {
  const { name, error, value, rows = 5 } = props;
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <Label {...props} />
      <HintAndError {...props} />
      <textarea
        class={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        id={fieldId(name)}
        name={name}
        rows={rows}
        aria-describedby={describedBy(name, props.hint, error)}
      >
        {value ?? ""}
      </textarea>
    </div>
  );
}

export type Option = { value: string; text: string; hint?: string };

/** A labelled select. */
export function Select(props: FieldProps & { options: Option[]; value?: string | undefined }) {
  const { name, error, options, value } = props;
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <Label {...props} />
      <HintAndError {...props} />
      <select
        class={`govuk-select${error ? " govuk-select--error" : ""}`}
        id={fieldId(name)}
        name={name}
        aria-describedby={describedBy(name, props.hint, error)}
      >
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A radio or checkbox; `conditional` is revealed under it when it is checked (always shown without JavaScript). */
export type ChoiceOption = Option & { conditional?: ComponentChildren };
/** A checkbox may carry its own name and state, for a group of independent yes/no questions (GOV.UK allows it). */
export type CheckboxOption = ChoiceOption & { name?: string; checked?: boolean };

type ChoiceProps<O extends ChoiceOption = ChoiceOption> = FieldProps & {
  options: O[];
  small?: boolean;
  inline?: boolean;
  legendSize?: "l" | "m" | "s";
};

function ChoiceFieldset(props: ChoiceProps<CheckboxOption> & { kind: "radio" | "checkbox"; isChecked: (v: string) => boolean }) {
  const { name, label, error, options, isPageHeading, kind, small, inline, legendSize } = props;
  const cls = kind === "radio" ? "govuk-radios" : "govuk-checkboxes";
  const size = isPageHeading ? "l" : (legendSize ?? "m");
  const modifiers = `${inline ? ` ${cls}--inline` : ""}${small ? ` ${cls}--small` : ""}`;
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(name, props.hint, error)}>
        <legend class={`govuk-fieldset__legend govuk-fieldset__legend--${size}`}>
          {isPageHeading ? <h1 class="govuk-fieldset__heading">{label}</h1> : label}
        </legend>
        <HintAndError {...props} />
        <div class={`${cls}${modifiers}`} data-module={cls}>
          {options.map((o, i) => {
            // An option with its own name is its own field (its errors link to it); the others share the group's.
            const id = o.name && o.name !== name ? fieldId(o.name) : i === 0 ? fieldId(name) : `${fieldId(name)}-${i + 1}`;
            const checked = o.checked ?? props.isChecked(o.value);
            return (
              <>
                <div class={`${cls}__item`}>
                  <input
                    class={`${cls}__input`}
                    id={id}
                    name={o.name ?? name}
                    type={kind}
                    value={o.value}
                    checked={checked}
                    data-aria-controls={o.conditional ? `${id}-conditional` : undefined}
                    aria-describedby={o.hint ? `${id}-item-hint` : undefined}
                  />
                  <label class={`govuk-label ${cls}__label`} for={id}>
                    {o.text}
                  </label>
                  {o.hint ? (
                    <div id={`${id}-item-hint`} class={`govuk-hint ${cls}__hint`}>
                      {o.hint}
                    </div>
                  ) : null}
                </div>
                {o.conditional ? (
                  <div id={`${id}-conditional`} class={`${cls}__conditional${checked ? "" : ` ${cls}__conditional--hidden`}`}>
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

/** One choice among several. */
export function Radios(props: ChoiceProps & { value?: string | undefined }) {
  return <ChoiceFieldset {...props} kind="radio" isChecked={(v) => v === props.value} />;
}

/** Several choices. */
export function Checkboxes(props: ChoiceProps<CheckboxOption> & { values?: string[] | undefined }) {
  const values = new Set(props.values ?? []);
  return <ChoiceFieldset {...props} kind="checkbox" isChecked={(v) => values.has(v)} />;
}

export function Button({ children, secondary, name, value }: { children: ComponentChildren; secondary?: boolean; name?: string; value?: string }) {
  return (
    <button
      type="submit"
      class={`govuk-button${secondary ? " govuk-button--secondary" : ""}`}
      data-module="govuk-button"
      name={name}
      value={value}
    >
      {children}
    </button>
  );
}
