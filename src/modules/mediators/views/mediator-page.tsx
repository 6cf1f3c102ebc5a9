// One mediator: details, weekly plages, a preview of the next free slots, one-off openings and absences.
import { formatDateTime } from "../../../lib/format.js";
import { SummaryList, TableScroll, Tag } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { ErrorSummary, type FieldErrors } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import type { AbsenceValues, ExceptionalValues } from "../domain/availability-rules.js";
import type { ExistingPlage } from "../domain/plage-rules.js";
import type { AbsenceRow, ExceptionalRow, MediatorDetails, SlotPreview } from "../mediators.queries.js";
import { AbsencesSection, ExceptionalSection } from "./availability-sections.js";
import { BackLink, DoneNotice, LinkButton, PostButton, capitalise, hoursLabel, plageSummary, validityLabel } from "./view-parts.js";
import { recurrenceLabel } from "../domain/labels.js";

export type MediatorPageData = {
  mediator: MediatorDetails;
  plages: ExistingPlage[];
  exceptional: ExceptionalRow[];
  absences: AbsenceRow[];
  previews: SlotPreview[];
};

/** The form of the page that failed validation, to show its values and errors again. */
export type FailedForm = { kind: "exceptional"; values: ExceptionalValues; errors: FieldErrors } | { kind: "absence"; values: AbsenceValues; errors: FieldErrors };

const notices: Record<string, string> = {
  fiche: "La fiche a été enregistrée.",
  plage: "La plage a été enregistrée.",
  "plage-supprimee": "La plage a été supprimée.",
  exceptionnelle: "L'ouverture exceptionnelle a été ajoutée.",
  "exceptionnelle-supprimee": "L'ouverture exceptionnelle a été supprimée.",
  absence: "L'absence a été enregistrée.",
  "absence-supprimee": "L'absence a été supprimée.",
};

type Props = { ctx: PageContext; data: MediatorPageData; canManage: boolean; canEdit: boolean; notice?: string; failed?: FailedForm };

/** The mediator's page; edit forms only for those who may change this mediator's availability. */
export function MediatorPage({ ctx, data, canManage, canEdit, notice, failed }: Props) {
  const { mediator } = data;
  const base = `/t/${ctx.territory!.code}/mediateurs/${mediator.id}`;
  const errors = failed?.errors ?? {};
  return (
    <Layout ctx={ctx} title={mediator.name} hasErrors={Object.keys(errors).length > 0}>
      <BackLink href={`/t/${ctx.territory!.code}/mediateurs`}>Tous les médiateurs et médiatrices</BackLink>
      <ErrorSummary errors={errors} />
      <DoneNotice notice={notice} messages={notices} />
      <h1 class="govuk-heading-l">
        <span class="govuk-caption-l">Médiation numérique</span>
        {mediator.name} {mediator.active ? null : <Tag colour="grey">Inactif</Tag>}
      </h1>
      <SummaryList
        rows={[
          { key: "Adresse électronique", value: mediator.email ?? "Non renseignée" },
          { key: "Compte Maillage", value: mediator.accountEmail ?? "Pas de compte" },
          { key: "Lieux", value: mediator.places.length ? mediator.places.map((p) => p.nom).join(", ") : "Aucun lieu" },
        ]}
      />
      {canManage ? (
        <LinkButton href={`${base}/modifier`} secondary>
          Modifier la fiche
        </LinkButton>
      ) : null}
      <PlagesSection ctx={ctx} base={base} plages={data.plages} canEdit={canEdit} hasPlaces={mediator.places.length > 0} />
      <PreviewSection previews={data.previews} active={mediator.active} />
      <ExceptionalSection ctx={ctx} base={base} rows={data.exceptional} places={mediator.places} canEdit={canEdit} failed={failed?.kind === "exceptional" ? failed : undefined} />
      <AbsencesSection ctx={ctx} base={base} rows={data.absences} canEdit={canEdit} failed={failed?.kind === "absence" ? failed : undefined} />
    </Layout>
  );
}

function PlagesSection({ ctx, base, plages, canEdit, hasPlaces }: { ctx: PageContext; base: string; plages: ExistingPlage[]; canEdit: boolean; hasPlaces: boolean }) {
  return (
    <>
      <h2 class="govuk-heading-m govuk-!-margin-top-6">Plages d'ouverture chaque semaine</h2>
      {plages.length === 0 ? (
        <p class="govuk-body">Aucune plage : personne ne peut encore prendre rendez-vous avec cette personne.</p>
      ) : (
        <TableScroll label="Plages d'ouverture">
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-visually-hidden">Plages d'ouverture</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">Lieu</th>
                <th scope="col" class="govuk-table__header">Jours</th>
                <th scope="col" class="govuk-table__header">Heures</th>
                <th scope="col" class="govuk-table__header">Période</th>
                {canEdit ? <th scope="col" class="govuk-table__header">Actions</th> : null}
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {plages.map((p) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">{p.placeName}</td>
                  <td class="govuk-table__cell">{capitalise(recurrenceLabel(p.weekdays, p.everyNWeeks))}</td>
                  <td class="govuk-table__cell">{capitalise(hoursLabel(p.startTime, p.endTime))}</td>
                  <td class="govuk-table__cell">{capitalise(validityLabel(p))}</td>
                  {canEdit ? (
                    <td class="govuk-table__cell">
                      <a class="govuk-link" href={`${base}/plages/${p.id}`}>
                        Modifier<span class="govuk-visually-hidden"> la plage {plageSummary(p)}</span>
                      </a>{" "}
                      <PostButton action={`${base}/plages/${p.id}/supprimer`} csrfToken={ctx.csrfToken} hidden={`la plage ${plageSummary(p)}`} warning>
                        Supprimer
                      </PostButton>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {canEdit && hasPlaces ? <LinkButton href={`${base}/plages/nouvelle`}>Ajouter une plage</LinkButton> : null}
      {canEdit && !hasPlaces ? <p class="govuk-body">Rattachez d'abord cette personne à un lieu pour lui ajouter des plages.</p> : null}
    </>
  );
}

function PreviewSection({ previews, active }: { previews: SlotPreview[]; active: boolean }) {
  if (!active || previews.length === 0) return null;
  return (
    <>
      <h2 class="govuk-heading-m">Prochains créneaux libres</h2>
      <p class="govuk-body">Créneaux de 30 minutes sur les 4 prochaines semaines, jours fériés, absences et rendez-vous déjà pris enlevés.</p>
      {previews.map((preview) => (
        <>
          <h3 class="govuk-heading-s">{preview.placeName}</h3>
          {preview.slots.length === 0 ? (
            <p class="govuk-body">Aucun créneau libre.</p>
          ) : (
            <ul class="govuk-list govuk-list--bullet">
              {preview.slots.map((slot) => (
                <li>{capitalise(formatDateTime(new Date(slot.start)))}</li>
              ))}
            </ul>
          )}
        </>
      ))}
    </>
  );
}
