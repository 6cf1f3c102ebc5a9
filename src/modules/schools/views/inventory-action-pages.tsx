// Second step of a bulk move (the class in the target school), and the warranty and end-of-life report.
import { schoolPhrase } from "../domain/school-wording.js";
import { formatNumber } from "../../../lib/format.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, CsrfField, ErrorSummary, Radios } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import { TableScroll } from "../../../ui/components.js";
import type { DueKind, DuePeriod, ItemRow } from "../inventory.queries.js";
import type { SchoolAction } from "../schools.policy.js";
import { SchoolsSubNav, categoryLabel, plural, schoolsBase, shortDate, stateLabel } from "./shared.js";

/** Choosing where in the target school the selected items go. */
export function MoveClassPage(props: {
  ctx: PageContext;
  itemIds: number[];
  school: { id: number; name: string };
  classes: { id: number; name: string }[];
  back: string;
  error?: string;
}) {
  const { ctx, itemIds, school, classes, back } = props;
  const base = schoolsBase(ctx);
  const errors: Record<string, string> = props.error ? { classe: props.error } : {};
  return (
    <Layout ctx={ctx} title="Déplacer des équipements" hasErrors={Boolean(props.error)}>
      <a href={`${base}/inventaire${back ? `?${back}` : ""}`} class="govuk-back-link">
        Retour à l'inventaire
      </a>
      <ErrorSummary errors={errors} />
      <form method="post" action={`${base}/inventaire/actions`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="retour" value={back} />
        <input type="hidden" name="action" value="deplacer" />
        <input type="hidden" name="ecole" value={String(school.id)} />
        {itemIds.map((id) => (
          <input type="hidden" name="equipements" value={String(id)} />
        ))}
        <Radios
          name="classe"
          isPageHeading
          label={`Où placer ${plural(itemIds.length, "équipement", "équipements")} ${schoolPhrase("dans", school.name)}\u00a0?`}
          error={props.error}
          options={[{ value: "ecole", text: "Toute l'école (sans classe)" }, ...classes.map((c) => ({ value: String(c.id), text: `Classe ${c.name}` }))]}
        />
        <Button>Déplacer</Button>
      </form>
    </Layout>
  );
}

const PERIODS: { value: DuePeriod; text: string }[] = [
  { value: "30", text: "Dans les 30 jours" },
  { value: "90", text: "Dans les 90 jours" },
  { value: "365", text: "Dans l'année (365 jours)" },
  { value: "passe", text: "Déjà dépassée" },
];

/** Items whose warranty or expected end of life falls in a period. */
export function DueReportPage(props: { ctx: PageContext; abilities: Set<SchoolAction>; kind: DueKind; period: DuePeriod; rows: ItemRow[]; total: number; today: string }) {
  const { ctx, kind, period, rows, total } = props;
  const base = schoolsBase(ctx);
  const what = kind === "garantie" ? "Fin de garantie" : "Fin de vie prévue";
  const periodText = PERIODS.find((p) => p.value === period)!.text.toLowerCase();
  return (
    <Layout ctx={ctx} title="Garanties et fins de vie" wide>
      <h1 class="govuk-heading-l">Garanties et fins de vie</h1>
      <SchoolsSubNav ctx={ctx} abilities={props.abilities} current="/inventaire" />
      <form method="get" action={`${base}/inventaire/echeances`}>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-half">
            <Radios name="type" label="Échéance" legendSize="s" small value={kind} options={[{ value: "garantie", text: "Fin de garantie" }, { value: "fin_de_vie", text: "Fin de vie prévue" }]} />
          </div>
          <div class="govuk-grid-column-one-half">
            <Radios name="periode" label="Période" legendSize="s" small value={period} options={PERIODS} />
          </div>
        </div>
        <Button secondary>Afficher</Button>
      </form>
      <p class="govuk-body">
        Au {shortDate(props.today)}. Les équipements réformés ne sont pas comptés. La fin de vie prévue est celle de l'équipement, sinon sa date
        d'acquisition augmentée de la durée de vie de sa catégorie.
      </p>
      {rows.length === 0 ? (
        <p class="govuk-body">Aucun équipement : {what.toLowerCase()} {periodText}.</p>
      ) : (
        <TableScroll label={`${what} ${periodText}`}>
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">
              {what} {periodText} : {plural(total, "équipement", "équipements")}
              {total > rows.length ? ` (les ${formatNumber(rows.length)} premiers affichés)` : ""}
            </caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">{what}</th>
                <th scope="col" class="govuk-table__header">N° d'inventaire</th>
                <th scope="col" class="govuk-table__header">Catégorie</th>
                <th scope="col" class="govuk-table__header">École et classe</th>
                <th scope="col" class="govuk-table__header">État</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {rows.map((r) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">{shortDate(kind === "garantie" ? r.warrantyEnd : r.endOfLife)}</td>
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={`${base}/inventaire/${r.id}`}>
                      {r.inventoryNumber}
                    </a>
                  </td>
                  <td class="govuk-table__cell">{categoryLabel(r.category)}</td>
                  <td class="govuk-table__cell">
                    {r.schoolName} — {r.className ?? "toute l'école"}
                  </td>
                  <td class="govuk-table__cell">{stateLabel(r.state)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Layout>
  );
}
