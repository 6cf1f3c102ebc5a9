// Small pieces the plan, incidents and training pages share: link buttons, one-button forms, back links,
// success notices. (Candidates for src/ui/components.tsx once the Schools module settles.)
import type { ComponentChildren } from "preact";
import { Notice } from "../../../../ui/components.js";
import { CsrfField } from "../../../../ui/form.js";

/** A link that looks like a button (to open a form page or download a file). */
export function LinkButton({ href, children, secondary }: { href: string; children: ComponentChildren; secondary?: boolean }) {
  return (
    <a href={href} role="button" draggable={false} class={`govuk-button${secondary ? " govuk-button--secondary" : ""}`} data-module="govuk-button">
      {children}
    </a>
  );
}

/** A one-button form posting to `action`; `hidden` completes the label for screen readers. */
export function PostButton(props: { action: string; csrfToken: string; children: ComponentChildren; hidden?: string; warning?: boolean }) {
  return (
    <form method="post" action={props.action} class="maillage-inline-form">
      <CsrfField token={props.csrfToken} />
      <button type="submit" class={`govuk-button govuk-button--${props.warning ? "warning" : "secondary"} govuk-!-margin-bottom-0`} data-module="govuk-button">
        {props.children}
        {props.hidden ? <span class="govuk-visually-hidden"> {props.hidden}</span> : null}
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
