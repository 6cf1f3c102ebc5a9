// The person's appointment page (confirmation, printable), reached by the signed link: cancel or change.
import { formatDateTime } from "../../../lib/format.js";
import { Notice } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, CsrfField } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import { formatPhone } from "../../finder/domain/place-wording.js";
import { appointmentPath } from "../booking.links.js";
import type { AppointmentStatus } from "../../../db/schema/index.js";

export type PersonAppointment = {
  id: string;
  startsAt: Date;
  status: AppointmentStatus;
  placeId: number;
  placeName: string;
  placeAddress: string;
  placePhone: string | null;
  motifName: string;
  whatToBring: string;
  firstName: string;
  canCancel: boolean;
  canChange: boolean;
  /** How long before the appointment cancelling and changing online stop (the motif's settings). */
  cancelUntilMinutes: number;
  changeUntilMinutes: number;
  motifId: number;
};

/** "4 heures", "2 jours", "30 minutes": a motif's deadline in words. */
export function deadlineLabel(minutes: number): string {
  if (minutes >= 1440 && minutes % 1440 === 0) return minutes === 1440 ? "24 heures" : `${minutes / 1440} jours`;
  if (minutes >= 60 && minutes % 60 === 0) return minutes === 60 ? "1 heure" : `${minutes / 60} heures`;
  return `${minutes} minutes`;
}

/** "appelez le lieu au 05 49 94 10 00" (a tel: link), or "appelez le lieu" without a number. */
function CallPlace({ phone }: { phone: string | null }) {
  if (!phone) return <>appelez le lieu</>;
  return (
    <>
      appelez le lieu au{" "}
      <a class="govuk-link" href={`tel:${phone}`}>
        {formatPhone(phone)}
      </a>
    </>
  );
}

const statusTexts: Partial<Record<AppointmentStatus, string>> = {
  annule_personne: "Ce rendez-vous a été annulé.",
  annule_service: "Ce rendez-vous a été annulé par le lieu.",
  honore: "Ce rendez-vous a eu lieu.",
  absent: "Ce rendez-vous est passé.",
};

/** Confirmation and management page for the person, without an account. */
export function AppointmentPage({ ctx, appointment: a, keyParam, justBooked, justChanged }: { ctx: PageContext; appointment: PersonAppointment; keyParam: string; justBooked: boolean; justChanged: boolean }) {
  return (
    <Layout ctx={ctx} title="Votre rendez-vous">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          {justBooked ? (
            <div class="govuk-panel govuk-panel--confirmation">
              <h1 class="govuk-panel__title">Rendez-vous confirmé</h1>
              <div class="govuk-panel__body">{formatDateTime(a.startsAt, true)}</div>
            </div>
          ) : (
            <h1 class="govuk-heading-l">Votre rendez-vous</h1>
          )}
          {justChanged ? <Notice title="Votre rendez-vous a été déplacé." success /> : null}
          {statusTexts[a.status] ? <Notice title={statusTexts[a.status]!} /> : null}
          <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Quand</dt><dd class="govuk-summary-list__value">{formatDateTime(a.startsAt, true)}</dd></div>
            <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Où</dt><dd class="govuk-summary-list__value">{a.placeName}<br />{a.placeAddress}</dd></div>
            <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Pour quoi</dt><dd class="govuk-summary-list__value">{a.motifName}</dd></div>
            {a.firstName ? <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Au nom de</dt><dd class="govuk-summary-list__value">{a.firstName}</dd></div> : null}
            {a.whatToBring ? <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">À apporter</dt><dd class="govuk-summary-list__value">{a.whatToBring}</dd></div> : null}
            {a.placePhone ? <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Téléphone du lieu</dt><dd class="govuk-summary-list__value"><a class="govuk-link" href={`tel:${a.placePhone}`}>{formatPhone(a.placePhone)}</a></dd></div> : null}
          </dl>
          {a.status === "a_venir" ? (
            <>
              <p class="govuk-body maillage-no-print">
                Gardez cette page (ou imprimez-la) : son adresse permet de changer de créneau jusqu'à {deadlineLabel(a.changeUntilMinutes)} avant le rendez-vous,
                et de l'annuler jusqu'à {deadlineLabel(a.cancelUntilMinutes)} avant.
              </p>
              {a.canChange ? (
                <p class="govuk-body maillage-no-print">
                  <a class="govuk-link" href={appointmentPath(a.id, keyParam, "/changer")}>Changer de créneau</a>
                </p>
              ) : (
                <p class="govuk-body">
                  Il n'est plus possible de changer de créneau en ligne (moins de {deadlineLabel(a.changeUntilMinutes)} avant). Pour venir à un autre moment,{" "}
                  {a.canCancel ? <>annulez ce rendez-vous puis reprenez-en un, ou </> : null}
                  <CallPlace phone={a.placePhone} />.
                </p>
              )}
              {a.canCancel ? (
                <a href={appointmentPath(a.id, keyParam, "/annuler")} role="button" draggable={false} class="govuk-button govuk-button--warning maillage-no-print" data-module="govuk-button">
                  Annuler le rendez-vous
                </a>
              ) : (
                <p class="govuk-body">
                  Il est trop tard pour annuler en ligne (moins de {deadlineLabel(a.cancelUntilMinutes)} avant) : si vous ne pouvez pas venir, <CallPlace phone={a.placePhone} />.
                </p>
              )}
            </>
          ) : (
            <p class="govuk-body"><a class="govuk-link" href={`/lieux/${a.placeId}`}>Reprendre rendez-vous</a></p>
          )}
        </div>
      </div>
    </Layout>
  );
}

/** Asks the person to confirm the cancellation: one tap must not cancel (issue 10). */
export function ConfirmCancel({ ctx, appointment: a, keyParam }: { ctx: PageContext; appointment: PersonAppointment; keyParam: string }) {
  return (
    <Layout ctx={ctx} title="Annuler votre rendez-vous ?">
      <h1 class="govuk-heading-l">Annuler votre rendez-vous du {formatDateTime(a.startsAt, true)}&nbsp;?</h1>
      <p class="govuk-body">
        {a.motifName}, à {a.placeName}. Le créneau sera proposé à d'autres personnes.
      </p>
      <form method="post" action={appointmentPath(a.id, keyParam, "/annuler")}>
        <CsrfField token={ctx.csrfToken} />
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button">
            Oui, annuler le rendez-vous
          </button>
          <a class="govuk-link" href={appointmentPath(a.id, keyParam)}>
            Non, garder le rendez-vous
          </a>
        </div>
      </form>
    </Layout>
  );
}

/** Asks the person to confirm the move to a new slot. */
export function ConfirmChange({ ctx, action, start }: { ctx: PageContext; action: string; start: Date }) {
  return (
    <Layout ctx={ctx} title="Confirmer le nouveau créneau">
      <h1 class="govuk-heading-l">Déplacer votre rendez-vous au {formatDateTime(start)} ?</h1>
      <form method="post" action={action}>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="debut" value={start.toISOString()} />
        <Button>Confirmer le nouveau créneau</Button>
      </form>
    </Layout>
  );
}
