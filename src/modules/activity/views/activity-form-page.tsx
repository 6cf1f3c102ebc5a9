// The record form: short, with defaults, anonymous (there is no field for a name), recordable in under a minute.
import { formatDateTime } from "../../../lib/format.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, Checkboxes, CsrfField, ErrorSummary, Radios, Select, TextInput, type ChoiceOption, type FieldErrors, type TextInputProps } from "../../../ui/form.js";
import { BackLink, Notice } from "../../../ui/components.js";
import { Layout } from "../../../ui/layout.js";
import type { Option } from "../activity.queries.js";
import type { ActivityInput } from "../domain/activity-rules.js";
import { durationLabel } from "../domain/labels.js";
import {
  ADMIN_THEMATIQUE,
  autonomies,
  durationPresets,
  locationKinds,
  materiels,
  niveaux,
  orientations,
  participantGroups,
  sousThematiques,
  thematiques,
  type Term,
} from "../domain/vocabulary.js";

export type ActivityFormValues = ActivityInput & { appointmentId: string };

export type AppointmentSummary = { startsAt: Date; motifName: string; problem?: "not-seen" | "already-recorded" };

type Props = {
  ctx: PageContext;
  values: ActivityFormValues;
  errors?: FieldErrors;
  places: Option[];
  mediators: Option[];
  communes: { insee: string; name: string }[];
  appointment?: AppointmentSummary | null;
  /** Set when the form shows a stored record, to correct it. */
  recordId?: number;
  /** A message above the form (e.g. the record already existed). */
  notice?: string;
};

const options = (terms: readonly Term[]): ChoiceOption[] => terms.map((t) => ({ value: t.value, text: t.label }));

/** A short whole-number input (counters, minutes). */
const counter = { inputmode: "numeric", width: "4", spellcheck: false } satisfies Partial<TextInputProps>;

function AppointmentBanner({ appointment, stored }: { appointment: AppointmentSummary; stored: boolean }) {
  const when = formatDateTime(appointment.startsAt);
  if (stored) return <div class="govuk-inset-text">Compte rendu du rendez-vous du {when} ({appointment.motifName}).</div>;
  if (appointment.problem === "not-seen") {
    return (
      <div class="govuk-warning-text">
        <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
        <strong class="govuk-warning-text__text">
          <span class="govuk-visually-hidden">Attention</span>
          Le rendez-vous du {when} est marqué absent ou annulé : il n'est pas repris dans ce compte rendu.
        </strong>
      </div>
    );
  }
  return (
    <div class="govuk-inset-text">
      {appointment.problem === "already-recorded"
        ? `Un compte rendu a déjà été enregistré pour le rendez-vous du ${when}.`
        : `Rempli à partir du rendez-vous du ${when} (${appointment.motifName}). Vérifiez et complétez.`}
    </div>
  );
}

function ParticipantsFields({ values, errors }: { values: ActivityFormValues; errors: FieldErrors }) {
  return (
    <>
      <Radios name="niveau" label="Niveau de l'atelier" legendSize="s" options={options(niveaux)} value={values.niveau} error={errors.niveau} inline small />
      <TextInput {...counter} name="total" label="Nombre de participants" value={values.participants.total} error={errors.total} />
      <TextInput {...counter} name="dejaAccompagne" label="Dont déjà accompagnés (facultatif)" value={values.participants.dejaAccompagne} error={errors.dejaAccompagne} />
      <details class="govuk-details" open={participantGroups.some((g) => g.counters.some((c) => errors[c.value]))}>
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">Détail anonyme des participants (facultatif)</span>
        </summary>
        <div class="govuk-details__text">
          <p class="govuk-body">Les participants que vous ne comptez pas ici sont comptés « Non communiqué ».</p>
          {participantGroups.map((group) => (
            <fieldset class="govuk-fieldset govuk-!-margin-bottom-4">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{group.label}</legend>
              {group.counters.slice(0, -1).map((c) => (
                <TextInput {...counter} name={c.value} label={c.label} value={values.participants[c.value]} error={errors[c.value]} />
              ))}
            </fieldset>
          ))}
        </div>
      </details>
    </>
  );
}

function IndividualFields({ values, errors, communes }: { values: ActivityFormValues; errors: FieldErrors; communes: Props["communes"] }) {
  return (
    <>
      <Radios name="autonomie" label="Autonomie de la personne à la fin (facultatif)" legendSize="s" options={options(autonomies)} value={values.autonomie} error={errors.autonomie} small />
      <Select
        name="orientation"
        label="Orientée vers (facultatif)"
        options={[{ value: "", text: "Pas d'orientation" }, ...orientations.map((o) => ({ value: o.value, text: o.label }))]}
        value={values.orientation}
        error={errors.orientation}
      />
      <Select
        name="communeInsee"
        label="Commune de résidence (facultatif)"
        options={[{ value: "", text: "Non renseignée" }, ...communes.map((c) => ({ value: c.insee, text: c.name }))]}
        value={values.communeInsee}
        error={errors.communeInsee}
      />
      <Radios
        name="firstVisit"
        label="Est-ce sa première visite ? (facultatif)"
        legendSize="s"
        options={[
          { value: "oui", text: "Oui" },
          { value: "non", text: "Non" },
          { value: "", text: "Je ne sais pas" },
        ]}
        value={values.firstVisit}
        error={errors.firstVisit}
        inline
        small
      />
    </>
  );
}

/** The record form page (individual or workshop), keeping what was typed when something must be corrected. */
export function ActivityFormPage({ ctx, values, errors = {}, places, mediators, communes, appointment, recordId, notice }: Props) {
  const code = ctx.territory!.code;
  const collective = values.kind === "collectif";
  const stored = recordId !== undefined;
  const title = stored
    ? collective
      ? "Atelier collectif enregistré"
      : "Accompagnement individuel enregistré"
    : collective
      ? "Enregistrer un atelier collectif"
      : "Enregistrer un accompagnement individuel";
  const adminThemes = (
    <>
      <Checkboxes name="sousThematiques" label="Démarches concernées (facultatif)" legendSize="s" options={options(sousThematiques)} values={values.sousThematiques} error={errors.sousThematiques} small />
      <TextInput name="precision" label="Précision (facultatif)" hint="Par exemple : demande de carte d'identité. N'écrivez pas de nom." value={values.precision} error={errors.precision} />
    </>
  );
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors).length > 0}>
      {stored ? <BackLink href={`/t/${code}/accompagnements`}>Accompagnements</BackLink> : null}
      {notice ? <Notice title={notice} /> : null}
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">{title}</h1>
      {appointment ? <AppointmentBanner appointment={appointment} stored={stored} /> : null}
      {stored ? <p class="govuk-body">Vous pouvez corriger ce compte rendu : les statistiques en tiendront compte.</p> : null}
      <p class="govuk-body">
        {stored ? null : collective ? (
          <a class="govuk-link" href={`/t/${code}/accompagnements/nouveau`}>C'était un accompagnement individuel ?</a>
        ) : values.appointmentId ? null : (
          <a class="govuk-link" href={`/t/${code}/accompagnements/nouveau?type=collectif`}>C'était un atelier collectif ?</a>
        )}
      </p>
      <p class="govuk-body">Le compte rendu est anonyme : il ne contient aucun nom.</p>
      <form method="post" action={stored ? `/t/${code}/accompagnements/${recordId}` : `/t/${code}/accompagnements/nouveau`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="kind" value={values.kind} />
        {values.appointmentId ? <input type="hidden" name="appointmentId" value={values.appointmentId} /> : null}
        <TextInput name="day" type="date" label="Date" value={values.day} error={errors.day} width="10" />
        <Radios
          name="duration"
          label="Durée"
          legendSize="s"
          options={durationPresets.map((m) => ({ value: String(m), text: durationLabel(m) }))}
          value={values.duration}
          error={errors.duration}
          inline
          small
        />
        <TextInput {...counter} name="durationCustom" label="Ou une autre durée, en minutes" hint="Si vous la remplissez, elle remplace la durée cochée." value={values.durationCustom} error={errors.durationCustom} />
        <Radios name="locationKind" label="Où ?" legendSize="s" options={options(locationKinds)} value={values.locationKind} error={errors.locationKind} inline small />
        <Select name="placeId" label="Lieu d'activité" options={[{ value: "", text: "Aucun lieu" }, ...places.map((p) => ({ value: String(p.id), text: p.name }))]} value={values.placeId} error={errors.placeId} />
        <Select name="mediatorId" label="Médiateur ou médiatrice" options={[{ value: "", text: "Non renseigné" }, ...mediators.map((m) => ({ value: String(m.id), text: m.name }))]} value={values.mediatorId} error={errors.mediatorId} />
        <Checkboxes
          name="thematiques"
          label="Thématiques"
          legendSize="s"
          hint="Cochez au moins une thématique."
          options={thematiques.map((t) => ({ value: t.value, text: t.label, ...(t.value === ADMIN_THEMATIQUE ? { conditional: adminThemes } : {}) }))}
          values={values.thematiques}
          error={errors.thematiques}
          small
        />
        <Checkboxes name="materiel" label="Matériel utilisé (facultatif)" legendSize="s" options={options(materiels)} values={values.materiel} error={errors.materiel} inline small />
        {collective ? <ParticipantsFields values={values} errors={errors} /> : <IndividualFields values={values} errors={errors} communes={communes} />}
        <Button>{stored ? "Enregistrer les corrections" : "Enregistrer"}</Button>
      </form>
    </Layout>
  );
}
