// The list of accompaniment records of a period, with filters by period, place and mediator.
import { Notice, PrevNext, TableScroll } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, ErrorSummary, Select, TextInput, type FieldErrors } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import type { ActivityRow, Option } from "../activity.queries.js";
import { queryString, type FilterQuery } from "../domain/filters.js";
import { durationLabel, shortDay } from "../domain/labels.js";
import { activityKinds, labelOf, thematiques } from "../domain/vocabulary.js";

type Props = {
  ctx: PageContext;
  rows: ActivityRow[];
  hasMore: boolean;
  page: number;
  values: Required<FilterQuery>;
  chosen: FilterQuery;
  errors: FieldErrors;
  places: Option[];
  mediators: Option[];
  notice?: "recorded" | "duplicate" | "updated" | undefined;
};

/** Filters form shared by the list and the statistics (GET: the address keeps the filters). */
export function PeriodFilters({ action, values, errors, places, mediators, communes, submit }: {
  action: string;
  values: Required<FilterQuery>;
  errors: FieldErrors;
  places: Option[];
  mediators?: Option[];
  communes?: { insee: string; name: string }[];
  submit: string;
}) {
  return (
    <form method="get" action={action} class="govuk-!-margin-bottom-6">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-quarter">
          <TextInput name="du" type="date" label="Du" value={values.du} error={errors.du} />
        </div>
        <div class="govuk-grid-column-one-quarter">
          <TextInput name="au" type="date" label="Au" value={values.au} error={errors.au} />
        </div>
        <div class="govuk-grid-column-one-half">
          <Select name="lieu" label="Lieu" options={[{ value: "", text: "Tous les lieux" }, ...places.map((p) => ({ value: String(p.id), text: p.name }))]} value={values.lieu} error={errors.lieu} />
        </div>
      </div>
      <div class="govuk-grid-row">
        {mediators ? (
          <div class="govuk-grid-column-one-half">
            <Select name="mediateur" label="Médiateur ou médiatrice" options={[{ value: "", text: "Toutes les personnes" }, ...mediators.map((m) => ({ value: String(m.id), text: m.name }))]} value={values.mediateur} error={errors.mediateur} />
          </div>
        ) : null}
        {communes ? (
          <div class="govuk-grid-column-one-half">
            <Select name="commune" label="Commune de résidence" options={[{ value: "", text: "Toutes les communes" }, ...communes.map((c) => ({ value: c.insee, text: c.name }))]} value={values.commune} error={errors.commune} />
          </div>
        ) : null}
      </div>
      <Button secondary>{submit}</Button>
    </form>
  );
}

/** Records newest first, 50 per page. */
export function ActivityListPage({ ctx, rows, hasMore, page, values, chosen, errors, places, mediators, notice }: Props) {
  const code = ctx.territory!.code;
  const base = `/t/${code}/accompagnements`;
  return (
    <Layout ctx={ctx} title="Accompagnements" wide>
      {notice === "duplicate" ? <Notice title="Un compte rendu existait déjà pour ce rendez-vous : rien n'a été ajouté." /> : null}
      {notice === "updated" ? <Notice title="Le compte rendu a été corrigé." success /> : null}
      {notice === "recorded" ? (
        <Notice title="L'accompagnement a été enregistré." success>
          <p class="govuk-body">
            <a class="govuk-notification-banner__link" href={`${base}/nouveau`}>
              Enregistrer un autre accompagnement
            </a>{" "}
            ou{" "}
            <a class="govuk-notification-banner__link" href={`/t/${code}/agenda`}>
              revenir à l'agenda
            </a>
          </p>
        </Notice>
      ) : null}
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">Accompagnements</h1>
      <div class="govuk-button-group">
        <a class="govuk-button" href={`${base}/nouveau`} role="button" draggable={false} data-module="govuk-button">
          Enregistrer un accompagnement individuel
        </a>
        <a class="govuk-button govuk-button--secondary" href={`${base}/nouveau?type=collectif`} role="button" draggable={false} data-module="govuk-button">
          Enregistrer un atelier collectif
        </a>
      </div>
      <PeriodFilters action={base} values={values} errors={errors} places={places} mediators={mediators} submit="Filtrer" />
      {rows.length === 0 ? (
        <p class="govuk-body">Aucun accompagnement sur la période.</p>
      ) : (
        <TableScroll label={`Accompagnements du ${shortDay(values.du)} au ${shortDay(values.au)}`}>
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">Accompagnements du {shortDay(values.du)} au {shortDay(values.au)}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">Date</th>
                <th scope="col" class="govuk-table__header">Type</th>
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">Durée</th>
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">Personnes</th>
                <th scope="col" class="govuk-table__header">Lieu</th>
                <th scope="col" class="govuk-table__header">Médiateur ou médiatrice</th>
                <th scope="col" class="govuk-table__header">Thématiques</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {rows.map((r) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={`${base}/${r.id}`}>
                      {shortDay(r.day)}
                      <span class="govuk-visually-hidden"> : voir ou corriger le compte rendu</span>
                    </a>
                  </td>
                  <td class="govuk-table__cell">{labelOf(activityKinds, r.kind)}</td>
                  <td class="govuk-table__cell govuk-table__cell--numeric">{durationLabel(r.durationMinutes)}</td>
                  <td class="govuk-table__cell govuk-table__cell--numeric">{r.kind === "collectif" ? (r.participants.total ?? 0) : 1}</td>
                  <td class="govuk-table__cell">{r.placeName ?? "—"}</td>
                  <td class="govuk-table__cell">{r.mediatorName ?? "—"}</td>
                  <td class="govuk-table__cell">{r.thematiques.map((t) => labelOf(thematiques, t)).join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <PrevNext
        label="Pages"
        previous={page > 1 ? { href: `${base}${queryString(chosen, { page: String(page - 1) })}`, label: "Accompagnements plus récents" } : undefined}
        next={hasMore ? { href: `${base}${queryString(chosen, { page: String(page + 1) })}`, label: "Accompagnements plus anciens" } : undefined}
      />
    </Layout>
  );
}
