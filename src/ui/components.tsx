// Small shared display components in GOV.UK Frontend markup.
import type { ComponentChildren } from "preact";
import { CsrfField } from "./form.js";

export function PageHeading({ children, caption }: { children: ComponentChildren; caption?: string }) {
  return (
    <h1 class="govuk-heading-l">
      {caption ? <span class="govuk-caption-l">{caption}</span> : null}
      {children}
    </h1>
  );
}

/** A success or information banner shown after an action. */
export function Notice({ title, children, success }: { title: string; children?: ComponentChildren; success?: boolean }) {
  return (
    <div
      class={`govuk-notification-banner${success ? " govuk-notification-banner--success" : ""}`}
      role={success ? "alert" : "region"}
      aria-labelledby="bandeau-titre"
      data-module="govuk-notification-banner"
    >
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="bandeau-titre">
          {success ? "C'est fait" : "Important"}
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">{title}</p>
        {children}
      </div>
    </div>
  );
}

/**
 * A wide table scrolls inside its own region instead of widening the page (phones, 1,280 px screens): the region
 * is focusable so that keyboard users can scroll it, and named after the table.
 */
export function TableScroll({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="maillage-table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export type Column<T> = { header: string; cell: (row: T) => ComponentChildren; numeric?: boolean };

/** A data table with a caption (required for accessibility). */
export function Table<T>({ caption, columns, rows, empty }: { caption: string; columns: Column<T>[]; rows: T[]; empty?: string }) {
  if (rows.length === 0 && empty) return <p class="govuk-body">{empty}</p>;
  return (
    <TableScroll label={String(caption)}>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            {columns.map((c) => (
              <th scope="col" class={`govuk-table__header${c.numeric ? " govuk-table__header--numeric" : ""}`}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {rows.map((row) => (
            <tr class="govuk-table__row">
              {columns.map((c) => (
                <td class={`govuk-table__cell${c.numeric ? " govuk-table__cell--numeric" : ""}`}>{c.cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function SummaryList({ rows }: { rows: { key: string; value: ComponentChildren }[] }) {
  return (
    <dl class="govuk-summary-list">
      {rows.map((r) => (
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{r.key}</dt>
          <dd class="govuk-summary-list__value">{r.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Tag({ children, colour }: { children: ComponentChildren; colour?: "grey" | "green" | "red" | "yellow" | "blue" | "orange" }) {
  return <strong class={`govuk-tag${colour ? ` govuk-tag--${colour}` : ""}`}>{children}</strong>;
}

/** A link that looks like a button (to open a form page or download a file). */
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

/** Previous / next links of a paged list; `href(page)` builds each page's address. */
type PrevNextLink = { href: string; label: string };

/** One GOV.UK pagination link, to the previous or the next page. */
function PageLink({ rel, href, label }: PrevNextLink & { rel: "prev" | "next" }) {
  return (
    <div class={`govuk-pagination__${rel}`}>
      <a class="govuk-link govuk-pagination__link" href={href} rel={rel}>
        <span class="govuk-pagination__link-title">{label}</span>
      </a>
    </div>
  );
}

/** "Previous / next" links on their own lines (GOV.UK block pagination), each shown only when given. */
export function PrevNext({ label, previous, next }: { label: string; previous?: PrevNextLink | undefined; next?: PrevNextLink | undefined }) {
  if (!previous && !next) return null;
  return (
    <nav class="govuk-pagination govuk-pagination--block" aria-label={label}>
      {previous ? <PageLink rel="prev" {...previous} /> : null}
      {next ? <PageLink rel="next" {...next} /> : null}
    </nav>
  );
}

/** "Page précédente · Page N sur M · Page suivante" (GOV.UK pagination). */
export function Pagination({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav class="govuk-pagination" aria-label="Pages de résultats">
      {page > 1 ? <PageLink rel="prev" href={href(page - 1)} label="Page précédente" /> : null}
      <p class="govuk-body govuk-!-margin-bottom-0">
        Page {page} sur {pages}
      </p>
      {page < pages ? <PageLink rel="next" href={href(page + 1)} label="Page suivante" /> : null}
    </nav>
  );
}
