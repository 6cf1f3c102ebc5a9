// Pieces shared by the schools pages: the section's sub-navigation, French number and date formats, pagination.
import type { ComponentChildren } from "preact";
import type { PageContext } from "../../../ui/context.js";
import { CATEGORY_LABELS, STATE_LABELS, isEquipmentCategory, isItemState } from "../domain/categories.js";
import type { SchoolAction } from "../schools.policy.js";

/** Base path of the schools section of the page's territory. */
export function schoolsBase(ctx: PageContext): string {
  return `/t/${ctx.territory!.code}/ecoles`;
}

// Formatters are built once: Number.prototype.toLocaleString builds one per call, which costs more than
// rendering a table cell (pages show thousands of figures).
const decimals = [0, 1, 2].map((d) => new Intl.NumberFormat("fr-FR", { minimumFractionDigits: d, maximumFractionDigits: d }));
const fixed = (value: number, digits: number) => (decimals[digits] ?? decimals[1]!).format(value);

/** "66,7 %" from a share in 0–1 ("—" when unknown). */
export function percent(share: number | null, digits = 1): string {
  if (share === null || !Number.isFinite(share)) return "—";
  return `${fixed(share * 100, digits)}\u00a0%`;
}

/** A decimal the French way ("14,4"), "—" when unknown. */
export function decimal(value: number | null, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return "—";
  return fixed(value, digits);
}

/** "03/03/2027" from "2027-03-03" ("—" when none). */
export function shortDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

/** "1 234,50 €" from cents ("—" when unknown). */
export function euros(cents: number | null): string {
  if (cents === null) return "—";
  return `${fixed(cents / 100, 2)}\u00a0€`;
}

/** The French label of a category code (the code itself when unknown). */
export function categoryLabel(code: string): string {
  return isEquipmentCategory(code) ? CATEGORY_LABELS[code] : code;
}

/** The French label of a state code (the code itself when unknown). */
export function stateLabel(code: string): string {
  return isItemState(code) ? STATE_LABELS[code] : code;
}

export const KIND_LABELS: Record<string, string> = { maternelle: "Maternelle", elementaire: "Élémentaire", primaire: "Primaire" };

export { plural } from "../../../lib/format.js";

const SECTIONS: { path: string; text: string; needs: SchoolAction }[] = [
  { path: "", text: "Écoles", needs: "schools.view" },
  { path: "/inventaire", text: "Inventaire", needs: "schools.view" },
  { path: "/harmonisation", text: "Harmonisation", needs: "territory-views.view" },
  { path: "/indicateurs", text: "Indicateurs", needs: "territory-views.view" },
  { path: "/socle", text: "Socle numérique", needs: "socle.view" },
  { path: "/import", text: "Importer", needs: "schools.import" },
];

/** Links between the pages of the schools section, the current one marked. */
export function SchoolsSubNav({ ctx, abilities, current }: { ctx: PageContext; abilities: Set<SchoolAction>; current: string }) {
  const base = schoolsBase(ctx);
  return (
    <nav aria-label="Rubriques des écoles" class="govuk-!-margin-bottom-6">
      <ul class="govuk-list govuk-list--inline govuk-!-margin-bottom-0">
        {SECTIONS.filter((s) => abilities.has(s.needs)).map((s) => (
          <li class="govuk-!-display-inline-block govuk-!-margin-right-4">
            <a class="govuk-link" href={`${base}${s.path}`} aria-current={s.path === current ? "page" : undefined}>
              {s.path === current ? <strong>{s.text}</strong> : s.text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A numeric table cell. */
export function Num({ children }: { children: ComponentChildren }) {
  return <td class="govuk-table__cell govuk-table__cell--numeric">{children}</td>;
}

/** A numeric column header. */
export function NumHead({ children }: { children: ComponentChildren }) {
  return (
    <th scope="col" class="govuk-table__header govuk-table__header--numeric">
      {children}
    </th>
  );
}
