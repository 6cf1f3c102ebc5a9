// Booking for someone on the phone or at the desk: choose the motif, see the network's next slots, enter contact.
import { formatDateTime, formatTime, formatDay } from "../../../lib/format.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, Checkboxes, CsrfField, ErrorSummary, Select, Textarea, TextInput, type FieldErrors } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import type { Slot } from "../domain/slots.js";
import { addDays, parisDateOf } from "../../../lib/paris-time.js";
import { formatPhone } from "../../finder/domain/place-wording.js";
import type { AgendaRow } from "../agenda.queries.js";
import { statusLabels } from "./agenda-page.js";
import type { PersonValues } from "./booking-pages.js";

export type NetworkSlots = { placeId: number; placeName: string; slots: Slot[] };

type SearchProps = {
  ctx: PageContext;
  motifs: { id: number; name: string }[];
  motifId: number | undefined;
  results: NetworkSlots[];
  /** The day looked at; undefined: the next free slots of each place. */
  day: string | undefined;
  today: string;
  places: { id: number; name: string }[];
  mediators: { id: number; name: string }[];
  placeId: number | undefined;
  mediatorId: number | undefined;
  mediatorName: (id: string) => string;
};

/** Motif, day, place and mediator choice, then the free slots, each with the mediator who would take it. */
export function AgentSearchPage({ ctx, motifs, motifId, results, day, today, places, mediators, placeId, mediatorId, mediatorName }: SearchProps) {
  const code = ctx.territory!.code;
  const base = `/t/${code}/rendez-vous/nouveau`;
  const motifName = motifs.find((m) => m.id === motifId)?.name;
  const link = (params: Record<string, string | number | undefined>) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries({ motif: motifId, jour: day, lieu: placeId, mediateur: mediatorId, ...params })) if (value !== undefined && value !== "") query.set(key, String(value));
    return `${base}?${query.toString()}`;
  };
  const contact = (placeIdOfSlot: number, slot: Slot, mediator: string) =>
    `${base}/coordonnees?${new URLSearchParams({ motif: String(motifId), lieu: String(placeIdOfSlot), debut: new Date(slot.start).toISOString(), mediateur: mediator }).toString()}`;
  return (
    <Layout ctx={ctx} title="Prendre un rendez-vous pour quelqu'un">
      <a class="govuk-back-link" href={`/t/${code}/agenda`}>Retour à l'agenda</a>
      <h1 class="govuk-heading-l">Prendre un rendez-vous pour quelqu'un</h1>
      <p class="govuk-body">
        La personne appelle pour un rendez-vous déjà pris ? <a class="govuk-link" href={`/t/${code}/rendez-vous/recherche`}>Retrouver un rendez-vous par nom ou téléphone</a>
      </p>
      <form method="get" action={base} class="maillage-filters">
        <Select name="motif" label="Motif" options={[{ value: "", text: "Choisir un motif" }, ...motifs.map((m) => ({ value: String(m.id), text: m.name }))]} value={motifId ? String(motifId) : ""} />
        <TextInput name="jour" type="date" label="Jour (facultatif)" value={day ?? ""} width="10" />
        <Select name="lieu" label="Lieu" options={[{ value: "", text: "Tous les lieux" }, ...places.map((p) => ({ value: String(p.id), text: p.name }))]} value={placeId ? String(placeId) : ""} />
        <Select name="mediateur" label="Médiateur ou médiatrice" options={[{ value: "", text: "Tout le réseau" }, ...mediators.map((m) => ({ value: String(m.id), text: m.name }))]} value={mediatorId ? String(mediatorId) : ""} />
        <button type="submit" class="govuk-button govuk-button--secondary">Voir les créneaux</button>
      </form>
      {motifId ? (
        <>
          <h2 class="govuk-heading-m">
            {motifName} : {day ? `créneaux libres du ${formatDay(new Date(`${day}T12:00:00Z`))}` : "prochains créneaux libres"}
          </h2>
          <p class="govuk-body">
            {day ? (
              <>
                <a class="govuk-link" href={link({ jour: addDays(day, -1) })}>Jour précédent</a> · <a class="govuk-link" href={link({ jour: addDays(day, 1) })}>Jour suivant</a> ·{" "}
                <a class="govuk-link" href={link({ jour: "" })}>Prochains créneaux de chaque lieu</a>
              </>
            ) : (
              <a class="govuk-link" href={link({ jour: today })}>Voir tous les créneaux d'aujourd'hui</a>
            )}
          </p>
        </>
      ) : null}
      {motifId && results.length === 0 ? <p class="govuk-body">Aucun lieu ne propose ce motif pour l'instant.</p> : null}
      {results.map((r) => (
        <section aria-labelledby={`lieu-${r.placeId}`}>
          <h3 class="govuk-heading-s" id={`lieu-${r.placeId}`}>{r.placeName}</h3>
          {r.slots.length === 0 ? (
            <p class="govuk-body">Pas de créneau libre{day ? " ce jour-là" : ""}.</p>
          ) : (
            <ul class="govuk-list maillage-slot-list">
              {r.slots.flatMap((s) =>
                s.mediatorIds
                  .filter((m) => mediatorId === undefined || m === String(mediatorId))
                  .map((m) => (
                    <li>
                      <a class="govuk-link" href={contact(r.placeId, s, m)}>
                        {day ? "" : `${formatDay(new Date(s.start))} à `}
                        {formatTime(new Date(s.start))} avec {mediatorName(m)}
                        <span class="govuk-visually-hidden"> à {r.placeName}</span>
                      </a>
                    </li>
                  )),
              )}
            </ul>
          )}
        </section>
      ))}
    </Layout>
  );
}

/** Appointments found by a person's name or phone, with their day in the agenda. */
export function AppointmentSearchPage({ ctx, query, rows, tooShort, now }: { ctx: PageContext; query: string; rows: AgendaRow[]; tooShort: boolean; now: Date }) {
  const code = ctx.territory!.code;
  const errors: FieldErrors = tooShort ? { q: "Saisissez au moins 2 caractères du nom ou du téléphone" } : {};
  return (
    <Layout ctx={ctx} title="Retrouver un rendez-vous" hasErrors={tooShort}>
      <a class="govuk-back-link" href={`/t/${code}/agenda`}>Retour à l'agenda</a>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">Retrouver un rendez-vous</h1>
      <form method="get" action={`/t/${code}/rendez-vous/recherche`} novalidate>
        <TextInput name="q" label="Nom ou téléphone de la personne" hint="Par exemple : Martin, ou 06 12 34 56 78" value={query} error={errors.q} spellcheck={false} />
        <Button secondary>Rechercher</Button>
      </form>
      {query.length >= 2 ? (
        rows.length === 0 ? (
          <p class="govuk-body">Aucun rendez-vous trouvé pour « {query} » depuis trois mois.</p>
        ) : (
          <ul class="govuk-list">
            {rows.map((r) => (
              <li class="govuk-!-margin-bottom-4">
                <a class="govuk-link" href={`/t/${code}/agenda?date=${parisDateOf(r.startsAt.getTime())}&mediateur=${r.mediatorId}`}>
                  {formatDateTime(r.startsAt)}
                </a>{" "}
                · {`${r.firstName ?? ""} ${r.lastName ?? ""}`.trim() || "Coordonnées effacées"}
                {r.phone ? ` · ${formatPhone(r.phone)}` : ""} · {r.motifName} · {r.placeName} · {r.mediatorName} · {statusLabels[r.status]}
                {r.status === "a_venir" && r.startsAt > now ? (
                  <>
                    {" "}
                    · <a class="govuk-link" href={`/t/${code}/rendez-vous/${r.id}/deplacer`}>Déplacer<span class="govuk-visually-hidden"> le rendez-vous du {formatDateTime(r.startsAt)}</span></a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )
      ) : null}
    </Layout>
  );
}

/** The person's contact details, entered by the agent. */
export function AgentContactPage({
  ctx,
  placeId,
  placeName,
  motifId,
  motifName,
  start,
  mediator,
  values,
  note,
  errors = {},
}: {
  ctx: PageContext;
  placeId: number;
  placeName: string;
  motifId: number;
  motifName: string;
  start: Date;
  mediator: { id: number; name: string } | undefined;
  values: PersonValues;
  note: string;
  errors?: FieldErrors;
}) {
  const code = ctx.territory!.code;
  return (
    <Layout ctx={ctx} title="Coordonnées de la personne" hasErrors={Object.keys(errors).length > 0}>
      <a class="govuk-back-link" href={`/t/${code}/rendez-vous/nouveau?motif=${motifId}`}>Choisir un autre créneau</a>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span class="govuk-caption-l">
            {motifName} · {placeName} · {formatDateTime(start)}
            {mediator ? ` · avec ${mediator.name}` : ""}
          </span>
          <h1 class="govuk-heading-l">Coordonnées de la personne</h1>
          <form method="post" action={`/t/${code}/rendez-vous`} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="motif" value={String(motifId)} />
            <input type="hidden" name="lieu" value={String(placeId)} />
            <input type="hidden" name="debut" value={start.toISOString()} />
            {mediator ? <input type="hidden" name="mediateur" value={String(mediator.id)} /> : null}
            <TextInput name="firstName" label="Prénom" value={values.firstName} error={errors.firstName} />
            <TextInput name="lastName" label="Nom" value={values.lastName} error={errors.lastName} />
            <TextInput name="phone" label="Téléphone" type="tel" width="20" value={values.phone} error={errors.phone} />
            <TextInput name="email" label="Adresse e-mail (facultatif)" type="email" spellcheck={false} value={values.email} error={errors.email} />
            <Checkboxes name="noEmail" label="Pas d'adresse e-mail ?" legendSize="s" small options={[{ value: "oui", text: "La personne n'a pas d'adresse e-mail" }]} values={values.noEmail ? ["oui"] : []} />
            <Checkboxes name="consent" label="Accord de la personne" legendSize="s" error={errors.consent} options={[{ value: "oui", text: "La personne est d'accord pour que ses coordonnées servent à ce rendez-vous" }]} values={values.consent ? ["oui"] : []} />
            <Textarea name="note" label="Note pour le médiateur ou la médiatrice (facultatif)" hint="Ce qu'il faut savoir pour préparer le rendez-vous. Pas de données de santé." value={note} error={errors.note} rows={3} />
            <Button>Réserver</Button>
          </form>
        </div>
      </div>
    </Layout>
  );
}

type MoveProps = {
  ctx: PageContext;
  appointment: { id: string; startsAt: Date; placeName: string; motifName: string; firstName: string | null; lastName: string | null };
  day: string;
  slots: Slot[];
  error?: string;
};

/** Moving an appointment for the person (on the phone): the free slots of a day at the same place, for the same motif. */
export function MoveAppointmentPage({ ctx, appointment, day, slots, error }: MoveProps) {
  const code = ctx.territory!.code;
  const base = `/t/${code}/rendez-vous/${appointment.id}/deplacer`;
  const errors: FieldErrors = error ? { debut: error } : {};
  const who = `${appointment.firstName ?? ""} ${appointment.lastName ?? ""}`.trim();
  return (
    <Layout ctx={ctx} title="Déplacer un rendez-vous" hasErrors={Boolean(error)}>
      <a class="govuk-back-link" href={`/t/${code}/agenda?date=${parisDateOf(appointment.startsAt.getTime())}`}>Retour à l'agenda</a>
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l">
        {appointment.motifName} · {appointment.placeName}
      </span>
      <h1 class="govuk-heading-l">Déplacer le rendez-vous {who ? `de ${who} ` : ""}du {formatDateTime(appointment.startsAt)}</h1>
      <p class="govuk-body">
        <a class="govuk-link" href={`${base}?jour=${addDays(day, -1)}`}>Jour précédent</a> · <a class="govuk-link" href={`${base}?jour=${addDays(day, 1)}`}>Jour suivant</a>
      </p>
      {slots.length === 0 ? (
        <p class="govuk-body">Pas de créneau libre le {formatDay(new Date(`${day}T12:00:00Z`))}.</p>
      ) : (
        <form method="post" action={base} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
            <fieldset class="govuk-fieldset">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Nouveau créneau, le {formatDay(new Date(`${day}T12:00:00Z`))}</legend>
              {error ? (
                <p class="govuk-error-message" id="debut-error">
                  <span class="govuk-visually-hidden">Erreur :</span> {error}
                </p>
              ) : null}
              <div class="govuk-radios govuk-radios--small" data-module="govuk-radios">
                {slots.map((s, i) => (
                  <div class="govuk-radios__item">
                    <input class="govuk-radios__input" id={i === 0 ? "champ-debut" : `champ-debut-${i + 1}`} name="debut" type="radio" value={new Date(s.start).toISOString()} />
                    <label class="govuk-label govuk-radios__label" for={i === 0 ? "champ-debut" : `champ-debut-${i + 1}`}>
                      {formatTime(new Date(s.start))}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <Button>Déplacer le rendez-vous</Button>
        </form>
      )}
    </Layout>
  );
}
