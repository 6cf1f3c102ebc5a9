// Booking for someone on the phone or at the desk: choose the motif, see the network's next slots, enter contact.
import { formatDateTime, formatTime, formatDay } from "../../../lib/format.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, Checkboxes, CsrfField, ErrorSummary, Select, TextInput, type FieldErrors } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import type { Slot } from "../domain/slots.js";
import type { PersonValues } from "./booking-pages.js";

export type NetworkSlots = { placeId: number; placeName: string; slots: Slot[] };

/** Motif choice and the next free slots of every place that offers it. */
export function AgentSearchPage({ ctx, motifs, motifId, results }: { ctx: PageContext; motifs: { id: number; name: string }[]; motifId: number | undefined; results: NetworkSlots[] }) {
  const code = ctx.territory!.code;
  return (
    <Layout ctx={ctx} title="Prendre un rendez-vous pour quelqu'un">
      <a class="govuk-back-link" href={`/t/${code}/agenda`}>Retour à l'agenda</a>
      <h1 class="govuk-heading-l">Prendre un rendez-vous pour quelqu'un</h1>
      <form method="get" action={`/t/${code}/rendez-vous/nouveau`}>
        <Select name="motif" label="Motif" options={[{ value: "", text: "Choisir un motif" }, ...motifs.map((m) => ({ value: String(m.id), text: m.name }))]} value={motifId ? String(motifId) : ""} />
        <button type="submit" class="govuk-button govuk-button--secondary">Voir les créneaux du réseau</button>
      </form>
      {motifId && results.length === 0 ? <p class="govuk-body">Aucun lieu ne propose ce motif pour l'instant.</p> : null}
      {results.map((r) => (
        <section aria-labelledby={`lieu-${r.placeId}`}>
          <h2 class="govuk-heading-m" id={`lieu-${r.placeId}`}>{r.placeName}</h2>
          {r.slots.length === 0 ? (
            <p class="govuk-body">Pas de créneau libre.</p>
          ) : (
            <ul class="govuk-list maillage-slot-list">
              {r.slots.map((s) => (
                <li>
                  <a class="govuk-link" href={`/t/${code}/rendez-vous/nouveau/coordonnees?motif=${motifId}&lieu=${r.placeId}&debut=${encodeURIComponent(new Date(s.start).toISOString())}`}>
                    {formatDay(new Date(s.start))} à {formatTime(new Date(s.start))}<span class="govuk-visually-hidden"> à {r.placeName}</span>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </Layout>
  );
}

/** The person's contact details, entered by the agent. */
export function AgentContactPage({ ctx, placeId, placeName, motifId, motifName, start, values, errors = {} }: { ctx: PageContext; placeId: number; placeName: string; motifId: number; motifName: string; start: Date; values: PersonValues; errors?: FieldErrors }) {
  const code = ctx.territory!.code;
  return (
    <Layout ctx={ctx} title="Coordonnées de la personne" hasErrors={Object.keys(errors).length > 0}>
      <a class="govuk-back-link" href={`/t/${code}/rendez-vous/nouveau?motif=${motifId}`}>Choisir un autre créneau</a>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span class="govuk-caption-l">{motifName} · {placeName} · {formatDateTime(start)}</span>
          <h1 class="govuk-heading-l">Coordonnées de la personne</h1>
          <form method="post" action={`/t/${code}/rendez-vous`} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="motif" value={String(motifId)} />
            <input type="hidden" name="lieu" value={String(placeId)} />
            <input type="hidden" name="debut" value={start.toISOString()} />
            <TextInput name="firstName" label="Prénom" value={values.firstName} error={errors.firstName} />
            <TextInput name="lastName" label="Nom" value={values.lastName} error={errors.lastName} />
            <TextInput name="phone" label="Téléphone" type="tel" width="20" value={values.phone} error={errors.phone} />
            <TextInput name="email" label="Adresse e-mail (facultatif)" type="email" spellcheck={false} value={values.email} error={errors.email} />
            <Checkboxes name="noEmail" label="Pas d'adresse e-mail ?" legendSize="s" small options={[{ value: "oui", text: "La personne n'a pas d'adresse e-mail" }]} values={values.noEmail ? ["oui"] : []} />
            <Checkboxes name="consent" label="Accord de la personne" legendSize="s" error={errors.consent} options={[{ value: "oui", text: "La personne est d'accord pour que ses coordonnées servent à ce rendez-vous" }]} values={values.consent ? ["oui"] : []} />
            <Button>Réserver</Button>
          </form>
        </div>
      </div>
    </Layout>
  );
}
