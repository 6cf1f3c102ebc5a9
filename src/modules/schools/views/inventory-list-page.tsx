// The inventory: filters (GET, work without JavaScript), the items of the page with checkboxes for bulk
// actions (move, change state), pagination and exports.
import { formatNumber } from "../../../lib/format.js";
import { Notice, Pagination, TableScroll } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, CsrfField } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import { CATEGORY_LABELS, EQUIPMENT_CATEGORIES, ITEM_STATES, STATE_LABELS } from "../domain/categories.js";
import type { ItemFilters, ItemRow } from "../inventory.queries.js";
import type { SchoolAction } from "../schools.policy.js";
import { SchoolsSubNav, categoryLabel, plural, schoolsBase, shortDate, stateLabel } from "./shared.js";

type Option = { value: string; text: string };

type Props = {
  ctx: PageContext;
  abilities: Set<SchoolAction>;
  rows: ItemRow[];
  total: number;
  page: number;
  pageSize: number;
  filters: ItemFilters;
  /** The filters as a query string, for pagination, exports and the way back after an action. */
  query: string;
  schools: Option[];
  classes: Option[];
  communes: Option[];
  notice?: string | undefined;
};

function FilterSelect({ name, label, options, value, all }: { name: string; label: string; options: Option[]; value: string; all: string }) {
  return (
    <div class="govuk-grid-column-one-quarter govuk-form-group">
      <label class="govuk-label" for={`filtre-${name}`}>
        {label}
      </label>
      <select class="govuk-select govuk-!-width-full" id={`filtre-${name}`} name={name}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  );
}

const categoryOptions = EQUIPMENT_CATEGORIES.map((c) => ({ value: c, text: CATEGORY_LABELS[c] }));
const stateOptions = ITEM_STATES.map((s) => ({ value: s, text: STATE_LABELS[s] }));

function Filters({ base, filters, schools, classes, communes }: Pick<Props, "filters" | "schools" | "classes" | "communes"> & { base: string }) {
  return (
    <form method="get" action={`${base}/inventaire`}>
      <div class="govuk-grid-row">
        <FilterSelect name="ecole" label="École" options={schools} value={filters.schoolId ? String(filters.schoolId) : ""} all="Toutes les écoles" />
        {filters.schoolId ? (
          <FilterSelect name="classe" label="Classe" options={[{ value: "ecole", text: "Toute l'école (sans classe)" }, ...classes]} value={filters.classId ? String(filters.classId) : ""} all="Toutes les classes" />
        ) : null}
        <FilterSelect name="commune" label="Commune" options={communes} value={filters.commune ?? ""} all="Toutes les communes" />
        <FilterSelect name="categorie" label="Catégorie" options={categoryOptions} value={filters.category ?? ""} all="Toutes les catégories" />
        <FilterSelect name="etat" label="État" options={stateOptions} value={filters.state ?? ""} all="Tous les états" />
        <div class="govuk-grid-column-one-quarter govuk-form-group">
          <label class="govuk-label" for="filtre-recherche">
            Numéro d'inventaire ou modèle
          </label>
          <input class="govuk-input" id="filtre-recherche" name="recherche" type="search" value={filters.text ?? ""} />
        </div>
      </div>
      <Button secondary>Filtrer</Button>
    </form>
  );
}

function BulkActions({ schools }: { schools: Option[] }) {
  return (
    <fieldset class="govuk-fieldset govuk-!-margin-bottom-6">
      <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Pour les équipements cochés</legend>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half govuk-form-group">
          <label class="govuk-label" for="action-ecole">
            Déplacer vers l'école
          </label>
          <select class="govuk-select govuk-!-width-full" id="action-ecole" name="ecole">
            {schools.map((o) => (
              <option value={o.value}>{o.text}</option>
            ))}
          </select>
          <button type="submit" name="action" value="deplacer" class="govuk-button govuk-button--secondary govuk-!-margin-top-2" data-module="govuk-button">
            Déplacer
          </button>
        </div>
        <div class="govuk-grid-column-one-half govuk-form-group">
          <label class="govuk-label" for="action-etat">
            Changer l'état en
          </label>
          <select class="govuk-select govuk-!-width-full" id="action-etat" name="etat">
            {stateOptions.map((o) => (
              <option value={o.value}>{o.text}</option>
            ))}
          </select>
          <button type="submit" name="action" value="etat" class="govuk-button govuk-button--secondary govuk-!-margin-top-2" data-module="govuk-button">
            Changer l'état
          </button>
        </div>
      </div>
    </fieldset>
  );
}

function ItemsTable({ base, rows, total, selectable }: { base: string; rows: ItemRow[]; total: number; selectable: boolean }) {
  if (rows.length === 0) return <p class="govuk-body">Aucun équipement ne correspond à ces critères.</p>;
  return (
    <TableScroll label={String(plural(total, "équipement", "équipements"))}>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">{plural(total, "équipement", "équipements")}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            {selectable ? (
              <th scope="col" class="govuk-table__header">
                <span class="govuk-visually-hidden">Sélection</span>
              </th>
            ) : null}
            <th scope="col" class="govuk-table__header">N° d'inventaire</th>
            <th scope="col" class="govuk-table__header">Catégorie et modèle</th>
            <th scope="col" class="govuk-table__header">École et classe</th>
            <th scope="col" class="govuk-table__header">État</th>
            <th scope="col" class="govuk-table__header">Fin de garantie</th>
            <th scope="col" class="govuk-table__header">Fin de vie prévue</th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {rows.map((r) => (
            <tr class="govuk-table__row">
              {selectable ? (
                <td class="govuk-table__cell">
                  <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                    <div class="govuk-checkboxes__item">
                      <input class="govuk-checkboxes__input" id={`equipement-${r.id}`} name="equipements" type="checkbox" value={String(r.id)} />
                      <label class="govuk-label govuk-checkboxes__label" for={`equipement-${r.id}`}>
                        <span class="govuk-visually-hidden">Sélectionner {r.inventoryNumber}</span>
                      </label>
                    </div>
                  </div>
                </td>
              ) : null}
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`${base}/inventaire/${r.id}`}>
                  {r.inventoryNumber}
                </a>
              </td>
              <td class="govuk-table__cell">
                {categoryLabel(r.category)}
                {r.model ? <span class="govuk-body-s"> — {r.model}</span> : null}
              </td>
              <td class="govuk-table__cell">
                {r.schoolName}
                <br />
                <span class="govuk-body-s">{r.className ?? "Toute l'école"}</span>
              </td>
              <td class="govuk-table__cell">{stateLabel(r.state)}</td>
              <td class="govuk-table__cell">{shortDate(r.warrantyEnd)}</td>
              <td class="govuk-table__cell">{shortDate(r.endOfLife)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

const NOTICES: Record<string, string> = { deplacer: "Les équipements ont été déplacés.", etat: "L'état des équipements a été changé.", rien: "Aucun équipement n'a changé." };

/** The inventory list page. */
export function InventoryListPage(props: Props) {
  const { ctx, abilities, rows, total, page, pageSize, filters, query } = props;
  const base = schoolsBase(ctx);
  const canManage = abilities.has("schools.manage");
  const href = (p: number) => `${base}/inventaire?${[query, p > 1 ? `page=${p}` : ""].filter(Boolean).join("&")}`;
  const exportHref = (format: string) => `${base}/inventaire/export?${[query, `format=${format}`].filter(Boolean).join("&")}`;
  const notice = props.notice ? NOTICES[props.notice] : undefined;
  return (
    <Layout ctx={ctx} title="Inventaire des écoles" wide>
      {notice ? <Notice title={notice} success /> : null}
      <h1 class="govuk-heading-l">Inventaire des écoles</h1>
      <SchoolsSubNav ctx={ctx} abilities={abilities} current="/inventaire" />
      <Filters base={base} filters={filters} schools={props.schools} classes={props.classes} communes={props.communes} />
      <p class="govuk-body">
        <a class="govuk-link" href={`${base}/inventaire/echeances`}>
          Garanties et fins de vie à venir
        </a>
        {" · "}
        <a class="govuk-link" href={exportHref("csv")} download>
          Exporter en CSV
        </a>
        {" · "}
        <a class="govuk-link" href={exportHref("xlsx")} download>
          Exporter en XLSX
        </a>
      </p>
      {canManage && rows.length > 0 ? (
        <form method="post" action={`${base}/inventaire/actions`}>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="retour" value={query} />
          <ItemsTable base={base} rows={rows} total={total} selectable />
          <BulkActions schools={props.schools} />
        </form>
      ) : (
        <ItemsTable base={base} rows={rows} total={total} selectable={false} />
      )}
      <Pagination page={page} pages={Math.max(1, Math.ceil(total / pageSize))} href={href} />
      <p class="govuk-body-s">{formatNumber(pageSize)} équipements par page.</p>
    </Layout>
  );
}
