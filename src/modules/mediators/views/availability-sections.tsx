// The one-off openings and absences sections of a mediator's page, each with its small add form.
import { formatDateTime } from "../../../lib/format.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, CsrfField, Select, TextInput, type FieldErrors } from "../../../ui/form.js";
import type { AbsenceValues, ExceptionalValues } from "../domain/availability-rules.js";
import { dateLabel } from "../domain/labels.js";
import type { AbsenceRow, ExceptionalRow, PlaceChoice } from "../mediators.queries.js";
import { PostButton, capitalise, hoursLabel } from "./view-parts.js";

type Section<V> = { ctx: PageContext; base: string; canEdit: boolean; failed?: { values: V; errors: FieldErrors } | undefined };

const emptyExceptional: ExceptionalValues = { exDay: "", exPlaceId: "", exStart: "", exEnd: "" };
const emptyAbsence: AbsenceValues = { absFromDate: "", absFromTime: "", absToDate: "", absToTime: "", absReason: "" };

/** One-off openings from today on, and the form to add one. */
export function ExceptionalSection({ ctx, base, rows, places, canEdit, failed }: Section<ExceptionalValues> & { rows: ExceptionalRow[]; places: PlaceChoice[] }) {
  const values = failed?.values ?? emptyExceptional;
  const errors = failed?.errors ?? {};
  return (
    <>
      <h2 class="govuk-heading-m govuk-!-margin-top-6">Ouvertures exceptionnelles</h2>
      <p class="govuk-body">Une date précise où la personne reçoit en plus de ses plages habituelles.</p>
      {rows.length === 0 ? (
        <p class="govuk-body">Aucune ouverture exceptionnelle à venir.</p>
      ) : (
        <ul class="govuk-list">
          {rows.map((row) => {
            const label = `${capitalise(dateLabel(row.day))} ${hoursLabel(row.startTime, row.endTime)} à ${row.placeName}`;
            return (
              <li>
                {label}{" "}
                {canEdit ? (
                  <PostButton action={`${base}/ouvertures/${row.id}/supprimer`} csrfToken={ctx.csrfToken} hidden={`l'ouverture du ${label}`} warning>
                    Supprimer
                  </PostButton>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {canEdit && places.length > 0 ? (
        <details class="govuk-details" open={failed ? true : undefined}>
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">Ajouter une ouverture exceptionnelle</span>
          </summary>
          <div class="govuk-details__text">
            <form method="post" action={`${base}/ouvertures`} novalidate>
              <CsrfField token={ctx.csrfToken} />
              <TextInput name="exDay" type="date" label="Date" hint="Par exemple 2027-03-15." value={values.exDay} error={errors.exDay} />
              <Select name="exPlaceId" label="Lieu" options={places.map((p) => ({ value: String(p.id), text: p.nom }))} value={values.exPlaceId} error={errors.exPlaceId} />
              <TextInput name="exStart" type="time" label="Heure de début" hint="Par exemple 9:00." width="5" value={values.exStart} error={errors.exStart} />
              <TextInput name="exEnd" type="time" label="Heure de fin" hint="Par exemple 12:00." width="5" value={values.exEnd} error={errors.exEnd} />
              <Button>Ajouter l'ouverture</Button>
            </form>
          </div>
        </details>
      ) : null}
    </>
  );
}

/** Absences not yet over, and the form to add one (Paris local date and time). */
export function AbsencesSection({ ctx, base, rows, canEdit, failed }: Section<AbsenceValues> & { rows: AbsenceRow[] }) {
  const values = failed?.values ?? emptyAbsence;
  const errors = failed?.errors ?? {};
  return (
    <>
      <h2 class="govuk-heading-m govuk-!-margin-top-6">Absences</h2>
      <p class="govuk-body">Pendant une absence (congés, formation…), aucun créneau n'est proposé avec cette personne, dans aucun lieu.</p>
      {rows.length === 0 ? (
        <p class="govuk-body">Aucune absence prévue.</p>
      ) : (
        <ul class="govuk-list">
          {rows.map((row) => {
            const label = `du ${formatDateTime(row.startsAt, true)} au ${formatDateTime(row.endsAt, true)}`;
            return (
              <li>
                {capitalise(label)}
                {row.reason ? ` (${row.reason})` : ""}{" "}
                {canEdit ? (
                  <PostButton action={`${base}/absences/${row.id}/supprimer`} csrfToken={ctx.csrfToken} hidden={`l'absence ${label}`} warning>
                    Supprimer
                  </PostButton>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {canEdit ? (
        <details class="govuk-details" open={failed ? true : undefined}>
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">Ajouter une absence</span>
          </summary>
          <div class="govuk-details__text">
            <form method="post" action={`${base}/absences`} novalidate>
              <CsrfField token={ctx.csrfToken} />
              <p class="govuk-body">Heures de Paris.</p>
              <TextInput name="absFromDate" type="date" label="Premier jour" value={values.absFromDate} error={errors.absFromDate} />
              <TextInput name="absFromTime" type="time" label="À partir de (facultatif)" hint="Laissez vide pour toute la journée." width="5" value={values.absFromTime} error={errors.absFromTime} />
              <TextInput name="absToDate" type="date" label="Dernier jour (facultatif)" hint="Laissez vide si l'absence dure un seul jour." value={values.absToDate} error={errors.absToDate} />
              <TextInput name="absToTime" type="time" label="Jusqu'à (facultatif)" hint="Laissez vide pour toute la journée." width="5" value={values.absToTime} error={errors.absToTime} />
              <TextInput name="absReason" label="Motif (facultatif)" hint="Par exemple : congés, formation. Visible seulement par l'équipe." value={values.absReason} error={errors.absReason} />
              <Button>Ajouter l'absence</Button>
            </form>
          </div>
        </details>
      ) : null}
    </>
  );
}
