// Small pieces shared by the mediators and motifs pages: link buttons, delete buttons, back links, notices.
import type { ComponentChildren } from "preact";
import { Notice } from "../../../ui/components.js";
import { CsrfField } from "../../../ui/form.js";
import { dateLabel, recurrenceLabel, timeLabel, weekdayNames } from "../domain/labels.js";
import type { ExistingPlage } from "../domain/plage-rules.js";

/** A link that looks like a button (to open a form page). */
export function LinkButton({ href, children, secondary }: { href: string; children: ComponentChildren; secondary?: boolean }) {
  return (
    <a href={href} role="button" draggable={false} class={`govuk-button${secondary ? " govuk-button--secondary" : ""}`} data-module="govuk-button">
      {children}
    </a>
  );
}

/** A one-button form posting to `action` (delete, deactivate…); `hidden` completes the label for screen readers. */
export function PostButton({ action, csrfToken, children, hidden, warning, name, value }: {
  action: string;
  csrfToken: string;
  children: ComponentChildren;
  hidden?: string;
  warning?: boolean;
  name?: string;
  value?: string;
}) {
  return (
    <form method="post" action={action} class="maillage-inline-form">
      <CsrfField token={csrfToken} />
      <button type="submit" name={name} value={value} class={`govuk-button govuk-button--${warning ? "warning" : "secondary"} govuk-!-margin-bottom-0`} data-module="govuk-button">
        {children}
        {hidden ? <span class="govuk-visually-hidden"> {hidden}</span> : null}
      </button>
    </form>
  );
}

/** The GOV.UK back link above a page's heading. */
export function BackLink({ href, children = "Retour" }: { href: string; children?: ComponentChildren }) {
  return (
    <a href={href} class="govuk-back-link">
      {children}
    </a>
  );
}

/** The success banner matching a `?fait=` code, if known. */
export function DoneNotice({ notice, messages }: { notice: string | undefined; messages: Record<string, string> }) {
  const message = notice ? messages[notice] : undefined;
  return message ? <Notice title={message} success /> : null;
}

/** Weekday checkboxes' options, lundi to dimanche. */
export const weekdayOptions = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), text: capitalise(weekdayNames[d]!) }));

/** The text with its first letter in upper case (labels start a sentence in tables). */
export function capitalise(s: string): string {
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}`;
}

/** "De 9 h à 12 h". */
export function hoursLabel(start: string, end: string): string {
  return `de ${timeLabel(start)} à ${timeLabel(end)}`;
}

/** "à partir du lundi 1 mars 2027" or "du … au …". */
export function validityLabel(plage: Pick<ExistingPlage, "validFrom" | "validUntil">): string {
  return plage.validUntil ? `du ${dateLabel(plage.validFrom)} au ${dateLabel(plage.validUntil)}` : `à partir du ${dateLabel(plage.validFrom)}`;
}

/** "Lundi et mardi de 9 h à 12 h" — how a plage is named in tables and hidden button text. */
export function plageSummary(plage: ExistingPlage): string {
  return `${capitalise(recurrenceLabel(plage.weekdays, plage.everyNWeeks))} ${hoursLabel(plage.startTime, plage.endTime)}`;
}
