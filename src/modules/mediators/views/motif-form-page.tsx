// Create or edit a motif: name, service, duration, notice, horizon, who books, deadlines, place kind, places, texts.
import { Service } from "@gouvfr-anct/lieux-de-mediation-numerique";
import type { PageContext } from "../../../ui/context.js";
import { Button, Checkboxes, CsrfField, ErrorSummary, formFields, NumberInput, Radios, Select, TextInput, Textarea, type FieldErrors } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import { bookableByLabels, placeKindLabels, placeKinds } from "../domain/labels.js";
import type { MotifValues } from "../domain/motif-form.js";
import type { PlaceChoice } from "../mediators.queries.js";
import { BackLink } from "./view-parts.js";

type Props = { ctx: PageContext; motifId?: number; values: MotifValues; errors?: FieldErrors; places: PlaceChoice[] };

const serviceOptions = Object.values(Service).map((s) => ({ value: s, text: s }));

/** The motif form; without `motifId` it creates one. */
export function MotifFormPage({ ctx, motifId, values, errors = {}, places }: Props) {
  const field = formFields(values, errors);
  const base = `/t/${ctx.territory!.code}/motifs`;
  const title = motifId === undefined ? "Ajouter un motif de rendez-vous" : "Modifier le motif de rendez-vous";
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors).length > 0}>
      <BackLink href={base}>Tous les motifs</BackLink>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">{title}</h1>
      <form method="post" action={motifId === undefined ? base : `${base}/${motifId}`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextInput {...field("name")} label="Nom du motif" hint="Comme le public le lira, par exemple « Aide pour une démarche en ligne »." />
        <Select {...field("service")} label="Service" hint="Le service du référentiel national des lieux de médiation numérique qui correspond à ce motif." options={serviceOptions} />
        <Textarea {...field("description")} label="Description (facultatif)" hint="Montrée au public avant de réserver." rows={3} />
        <NumberInput {...field("durationMinutes")} width="3" label="Durée du rendez-vous, en minutes" hint="Par exemple 30 pour une demi-heure." />
        <NumberInput
          {...field("minNoticeMinutes")}
          width="5"
          label="Délai minimum pour réserver, en minutes"
          hint="On ne peut pas réserver un créneau qui commence dans moins de temps que cela. Par exemple 30, ou 1440 pour la veille."
        />
        <NumberInput
          {...field("horizonDays")}
          width="3"
          label="Réservation possible jusqu'à combien de jours à l'avance ?"
          hint="Par exemple 90 pour environ 3 mois."
        />
        <Radios
          {...field("bookableBy")}
          label="Qui peut prendre ce rendez-vous ?"
          options={[
            { value: "everyone", text: bookableByLabels.everyone, hint: "La personne réserve elle-même sur Maillage, ou un agent le fait pour elle." },
            { value: "agents", text: bookableByLabels.agents, hint: "Seuls les agents réservent, par exemple au téléphone ou à l'accueil." },
          ]}
        />
        <NumberInput
          {...field("cancelUntilHours")}
          width="3"
          label="La personne peut annuler jusqu'à combien d'heures avant ?"
          hint="Par exemple 4. Après ce délai, elle doit appeler le lieu. 0 : jusqu'à l'heure du rendez-vous."
        />
        <NumberInput
          {...field("changeUntilHours")}
          width="3"
          label="La personne peut changer de créneau jusqu'à combien d'heures avant ?"
          hint="Par exemple 48 pour 2 jours."
        />
        <Radios {...field("placeKind")} label="Où se passe le rendez-vous ?" options={placeKinds.map((k) => ({ value: k, text: placeKindLabels[k] }))} />
        {places.length > 0 ? (
          <Checkboxes
            name="placeIds"
            label="Lieux qui proposent ce motif"
            hint="Ne cochez rien pour le proposer dans tous les lieux."
            small
            options={places.map((p) => ({ value: String(p.id), text: `${p.nom} (${p.commune})` }))}
            values={values.placeIds}
            error={errors.placeIds}
          />
        ) : null}
        <Textarea
          {...field("whatToBring")}
          label="À apporter (facultatif)"
          hint="Rappelé dans la confirmation et le rappel, par exemple : vos identifiants, votre téléphone, une pièce d'identité."
          rows={3}
        />
        <Button>Enregistrer le motif</Button>
      </form>
    </Layout>
  );
}
