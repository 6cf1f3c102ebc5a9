// The citizen's booking pages: one question per page, plain words, usable without JavaScript.
import { formatDateTime, formatDay, formatTime } from "../../../lib/format.js";
import { parisDateOf } from "../../../lib/paris-time.js";
import { PrevNext } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, Checkboxes, CsrfField, ErrorSummary, Radios, TextInput, type FieldErrors } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import type { Slot } from "../domain/slots.js";

export type PlaceSummary = { id: number; nom: string; address: string };
export type MotifSummary = { id: number; name: string; description: string; durationMinutes: number; whatToBring: string };
export type PersonValues = { firstName: string; lastName: string; phone: string; email: string; noEmail: string; consent: string };

const emptyPerson: PersonValues = { firstName: "", lastName: "", phone: "", email: "", noEmail: "", consent: "" };

function Caption({ place }: { place: PlaceSummary }) {
  return <span class="govuk-caption-l">Rendez-vous à {place.nom}</span>;
}

/** Step 1: what the appointment is for. */
export function MotifStep({ ctx, place, motifs, error }: { ctx: PageContext; place: PlaceSummary; motifs: MotifSummary[]; error?: string }) {
  return (
    <Layout ctx={ctx} title="Pour quoi voulez-vous un rendez-vous ?" hasErrors={Boolean(error)}>
      <a href={`/lieux/${place.id}`} class="govuk-back-link">Retour au lieu</a>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          {error ? <ErrorSummary errors={{ motif: error }} /> : null}
          <Caption place={place} />
          <form method="get" action={`/lieux/${place.id}/rendez-vous/creneau`}>
            <Radios
              name="motif"
              label="Pour quoi voulez-vous un rendez-vous ?"
              isPageHeading
              error={error}
              options={motifs.map((m) => ({ value: String(m.id), text: m.name, hint: [m.description, `Durée : ${m.durationMinutes} minutes`].filter(Boolean).join(". ") }))}
            />
            <button type="submit" class="govuk-button" data-module="govuk-button">Continuer</button>
          </form>
        </div>
      </div>
    </Layout>
  );
}

/** Step 2: the free slots of a week, one link per time. */
export function SlotStep({ ctx, place, motif, slots, week, nextWeek, previousWeek, action }: { ctx: PageContext; place: PlaceSummary; motif: MotifSummary; slots: Slot[]; week: string; nextWeek: string | null; previousWeek: string | null; action: (slot: Slot) => string }) {
  const byDay = new Map<string, Slot[]>();
  for (const s of slots) {
    const day = parisDateOf(s.start);
    byDay.set(day, [...(byDay.get(day) ?? []), s]);
  }
  const weekUrl = (w: string) => `?motif=${motif.id}&semaine=${w}`;
  return (
    <Layout ctx={ctx} title="Choisissez un créneau">
      <a href={`/lieux/${place.id}/rendez-vous`} class="govuk-back-link">Retour</a>
      <Caption place={place} />
      <h1 class="govuk-heading-l">Choisissez un créneau</h1>
      <p class="govuk-body">{motif.name}, {motif.durationMinutes} minutes. Semaine du {formatDay(new Date(`${week}T12:00:00Z`))}.</p>
      {slots.length === 0 ? <p class="govuk-body">Aucun créneau libre cette semaine.</p> : null}
      {[...byDay].map(([day, daySlots]) => (
        <section aria-labelledby={`jour-${day}`}>
          <h2 class="govuk-heading-s" id={`jour-${day}`}>{formatDay(new Date(daySlots[0]!.start))}</h2>
          <ul class="govuk-list maillage-slot-list">
            {daySlots.map((s) => (
              <li>
                <a class="govuk-link" href={action(s)}>
                  {formatTime(new Date(s.start))}<span class="govuk-visually-hidden"> le {formatDay(new Date(s.start))}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <PrevNext
        label="Semaines"
        previous={previousWeek ? { href: weekUrl(previousWeek), label: "Semaine précédente" } : undefined}
        next={nextWeek ? { href: weekUrl(nextWeek), label: "Semaine suivante" } : undefined}
      />
    </Layout>
  );
}

function HiddenPerson({ values }: { values: PersonValues }) {
  return (
    <>
      {Object.entries(values).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
    </>
  );
}

/** Step 3: how to reach the person (a path for people without e-mail), and consent. */
export function ContactStep({ ctx, place, motif, start, values = emptyPerson, errors = {} }: { ctx: PageContext; place: PlaceSummary; motif: MotifSummary; start: Date; values?: PersonValues; errors?: FieldErrors }) {
  return (
    <Layout ctx={ctx} title="Vos coordonnées" hasErrors={Object.keys(errors).length > 0}>
      <a href={`/lieux/${place.id}/rendez-vous/creneau?motif=${motif.id}`} class="govuk-back-link">Choisir un autre créneau</a>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <Caption place={place} />
          <h1 class="govuk-heading-l">Vos coordonnées</h1>
          <p class="govuk-body">Rendez-vous le {formatDateTime(start)}.</p>
          <form method="post" action={`/lieux/${place.id}/rendez-vous/verification`} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="motif" value={String(motif.id)} />
            <input type="hidden" name="debut" value={start.toISOString()} />
            <TextInput name="firstName" label="Prénom" autocomplete="given-name" spellcheck={false} value={values.firstName} error={errors.firstName} />
            <TextInput name="lastName" label="Nom" autocomplete="family-name" spellcheck={false} value={values.lastName} error={errors.lastName} />
            <TextInput name="phone" label="Téléphone" hint="Pour vous prévenir en cas de changement." type="tel" autocomplete="tel" width="20" value={values.phone} error={errors.phone} />
            <TextInput name="email" label="Adresse e-mail (facultatif)" hint="Pour recevoir la confirmation et un rappel." type="email" autocomplete="email" spellcheck={false} value={values.email} error={errors.email} />
            <Checkboxes name="noEmail" label="Pas d'adresse e-mail ?" legendSize="s" small options={[{ value: "oui", text: "Je n'ai pas d'adresse e-mail", hint: "Ce n'est pas un problème : notez ou imprimez la confirmation, et donnez un téléphone." }]} values={values.noEmail ? ["oui"] : []} />
            <Checkboxes
              name="consent"
              label="Vos données"
              legendSize="s"
              error={errors.consent}
              options={[{ value: "oui", text: "J'accepte que ces coordonnées servent à ce rendez-vous", hint: "Elles sont effacées automatiquement après le rendez-vous (90 jours au plus)." }]}
              values={values.consent ? ["oui"] : []}
            />
            <Button>Continuer</Button>
          </form>
        </div>
      </div>
    </Layout>
  );
}

/** Step 4: check before confirming. */
export function CheckStep({ ctx, place, motif, start, values }: { ctx: PageContext; place: PlaceSummary; motif: MotifSummary; start: Date; values: PersonValues }) {
  return (
    <Layout ctx={ctx} title="Vérifiez votre rendez-vous">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Caption place={place} />
          <h1 class="govuk-heading-l">Vérifiez votre rendez-vous</h1>
          <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Quand</dt><dd class="govuk-summary-list__value">{formatDateTime(start, true)}</dd></div>
            <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Où</dt><dd class="govuk-summary-list__value">{place.nom}, {place.address}</dd></div>
            <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Pour quoi</dt><dd class="govuk-summary-list__value">{motif.name}</dd></div>
            <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Nom</dt><dd class="govuk-summary-list__value">{values.firstName} {values.lastName}</dd></div>
            <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Téléphone</dt><dd class="govuk-summary-list__value">{values.phone || "Non renseigné"}</dd></div>
            <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">E-mail</dt><dd class="govuk-summary-list__value">{values.email || "Pas d'e-mail"}</dd></div>
          </dl>
          <form method="post" action={`/lieux/${place.id}/rendez-vous/confirmer`}>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="motif" value={String(motif.id)} />
            <input type="hidden" name="debut" value={start.toISOString()} />
            <HiddenPerson values={values} />
            <Button>Confirmer le rendez-vous</Button>
          </form>
          <form method="post" action={`/lieux/${place.id}/rendez-vous/coordonnees`}>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="motif" value={String(motif.id)} />
            <input type="hidden" name="debut" value={start.toISOString()} />
            <HiddenPerson values={values} />
            <button type="submit" class="govuk-button govuk-button--secondary">Modifier mes coordonnées</button>
          </form>
        </div>
      </div>
    </Layout>
  );
}

/** The slot was taken meanwhile: the nearest free slots, keeping what the person typed. */
export function TakenPage({ ctx, place, motif, alternatives, values }: { ctx: PageContext; place: PlaceSummary; motif: MotifSummary; alternatives: Slot[]; values: PersonValues }) {
  return (
    <Layout ctx={ctx} title="Ce créneau vient d'être pris">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Caption place={place} />
          <h1 class="govuk-heading-l">Ce créneau vient d'être pris</h1>
          <p class="govuk-body">Quelqu'un a réservé ce créneau juste avant vous. Vos coordonnées sont gardées : choisissez un autre horaire.</p>
          {alternatives.length > 0 ? (
            <form method="post" action={`/lieux/${place.id}/rendez-vous/verification`}>
              <CsrfField token={ctx.csrfToken} />
              <input type="hidden" name="motif" value={String(motif.id)} />
              <HiddenPerson values={values} />
              <Radios name="debut" label="Créneaux libres les plus proches" options={alternatives.map((s) => ({ value: new Date(s.start).toISOString(), text: formatDateTime(new Date(s.start)) }))} value={new Date(alternatives[0]!.start).toISOString()} />
              <Button>Continuer avec ce créneau</Button>
            </form>
          ) : (
            <p class="govuk-body">Il n'y a plus de créneau libre dans les deux semaines. <a class="govuk-link" href={`/lieux/${place.id}`}>Voir les autres façons d'obtenir de l'aide</a>.</p>
          )}
        </div>
      </div>
    </Layout>
  );
}
