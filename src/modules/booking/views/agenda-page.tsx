// The agenda: a day or a week of appointments, with outcomes and cancellation by the service.
import { formatPhone } from "../../finder/domain/place-wording.js";
import { formatDay, formatTime } from "../../../lib/format.js";
import { addDays } from "../../../lib/paris-time.js";
import { Notice, TableScroll, Tag } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { CsrfField } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import type { AgendaRow } from "../agenda.queries.js";
import type { AppointmentStatus } from "../../../db/schema/index.js";

export const statusLabels: Record<AppointmentStatus, string> = {
  a_venir: "À venir",
  honore: "Honoré",
  absent: "Absent",
  annule_personne: "Annulé par la personne",
  annule_service: "Annulé par le service",
};
const statusColours: Record<AppointmentStatus, "blue" | "green" | "red" | "grey" | "orange"> = { a_venir: "blue", honore: "green", absent: "red", annule_personne: "grey", annule_service: "orange" };

type Props = {
  ctx: PageContext;
  view: "jour" | "semaine";
  date: string;
  rows: AgendaRow[];
  mediators: { id: number; name: string }[];
  places: { id: number; name: string }[];
  mediatorId: number | undefined;
  placeId: number | undefined;
  noShow: { seen: number; absent: number; rate: number | null };
  now: Date;
  notice?: string;
};

/** The agenda page. */
export function AgendaPage({ ctx, view, date, rows, mediators, places, mediatorId, placeId, noShow, now, notice }: Props) {
  const code = ctx.territory!.code;
  const step = view === "jour" ? 1 : 7;
  const query = (d: string, v = view) => `?vue=${v}&date=${d}${mediatorId ? `&mediateur=${mediatorId}` : ""}${placeId ? `&lieu=${placeId}` : ""}`;
  const byDay = new Map<string, AgendaRow[]>();
  for (const r of rows) {
    const key = formatDay(r.startsAt);
    byDay.set(key, [...(byDay.get(key) ?? []), r]);
  }
  return (
    <Layout ctx={ctx} title="Agenda" wide>
      {notice ? <Notice title={notice} success /> : null}
      <h1 class="govuk-heading-l">Agenda</h1>
      <p class="govuk-body">
        <a class="govuk-button govuk-!-margin-bottom-0" href={`/t/${code}/rendez-vous/nouveau`}>Prendre un rendez-vous pour quelqu'un</a>
      </p>
      <form method="get" action={`/t/${code}/agenda`} class="maillage-filters">
        <input type="hidden" name="vue" value={view} />
        <div class="govuk-form-group">
          <label class="govuk-label" for="agenda-date">Date</label>
          <input class="govuk-input govuk-input--width-10" id="agenda-date" name="date" type="date" value={date} />
        </div>
        <div class="govuk-form-group">
          <label class="govuk-label" for="agenda-mediateur">Médiateur ou médiatrice</label>
          <select class="govuk-select" id="agenda-mediateur" name="mediateur">
            <option value="">Tout le réseau</option>
            {mediators.map((m) => <option value={String(m.id)} selected={m.id === mediatorId}>{m.name}</option>)}
          </select>
        </div>
        <div class="govuk-form-group">
          <label class="govuk-label" for="agenda-lieu">Lieu</label>
          <select class="govuk-select" id="agenda-lieu" name="lieu">
            <option value="">Tous les lieux</option>
            {places.map((p) => <option value={String(p.id)} selected={p.id === placeId}>{p.name}</option>)}
          </select>
        </div>
        <button type="submit" class="govuk-button govuk-button--secondary">Afficher</button>
      </form>
      <p class="govuk-body">
        <a class="govuk-link" href={query(addDays(date, -step))}>{view === "jour" ? "Jour précédent" : "Semaine précédente"}</a> ·{" "}
        <a class="govuk-link" href={query(addDays(date, step))}>{view === "jour" ? "Jour suivant" : "Semaine suivante"}</a> ·{" "}
        {view === "jour" ? <a class="govuk-link" href={query(date, "semaine")}>Voir la semaine</a> : <a class="govuk-link" href={query(date, "jour")}>Voir le jour</a>}
      </p>
      <p class="govuk-body">
        Absences sur la période : {noShow.rate === null ? "aucun rendez-vous passé renseigné" : `${Math.round(noShow.rate * 100)} % (${noShow.absent} sur ${noShow.seen + noShow.absent})`}.
      </p>
      {rows.length === 0 ? <p class="govuk-body">Aucun rendez-vous sur cette période.</p> : null}
      {[...byDay].map(([day, dayRows]) => (
        <TableScroll label={String(day)}>
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">{day}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">Heure</th>
                <th scope="col" class="govuk-table__header">Personne</th>
                <th scope="col" class="govuk-table__header">Motif et lieu</th>
                <th scope="col" class="govuk-table__header">État</th>
                <th scope="col" class="govuk-table__header">Actions</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {dayRows.map((r) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">{formatTime(r.startsAt)} – {formatTime(r.endsAt)}</td>
                  <td class="govuk-table__cell">
                    {r.firstName || r.lastName ? `${r.firstName ?? ""} ${r.lastName ?? ""}` : "Coordonnées effacées"}
                    {r.phone ? <><br /><a class="govuk-link" href={`tel:${r.phone}`}>{formatPhone(r.phone)}</a></> : null}
                    {r.email ? <><br />{r.email}</> : null}
                  </td>
                  <td class="govuk-table__cell">{r.motifName}<br />{r.placeName} · {r.mediatorName}</td>
                  <td class="govuk-table__cell"><Tag colour={statusColours[r.status]}>{statusLabels[r.status]}</Tag></td>
                  <td class="govuk-table__cell">
                    <AppointmentActions code={code} row={r} csrf={ctx.csrfToken} now={now} back={query(date).slice(1)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ))}
    </Layout>
  );
}

/** What an appointment's row offers; `back` is the agenda's query, so that marking "Vu" keeps the day or week shown. */
function AppointmentActions({ code, row, csrf, now, back }: { code: string; row: AgendaRow; csrf: string; now: Date; back: string }) {
  const base = `/t/${code}/agenda/${row.id}`;
  const who = `${formatTime(row.startsAt)} ${row.firstName ?? ""}`;
  const started = row.startsAt <= now;
  return (
    <>
      {started && ["a_venir", "honore", "absent"].includes(row.status) ? (
        <form method="post" action={`${base}/issue`} class="maillage-inline-form">
          <CsrfField token={csrf} />
          <input type="hidden" name="retour" value={back} />
          {row.status !== "honore" ? <button class="govuk-button govuk-button--secondary govuk-!-margin-bottom-1" name="issue" value="honore">Vu<span class="govuk-visually-hidden"> : {who}</span></button> : null}{" "}
          {row.status !== "absent" ? <button class="govuk-button govuk-button--secondary govuk-!-margin-bottom-1" name="issue" value="absent">Absent<span class="govuk-visually-hidden"> : {who}</span></button> : null}
        </form>
      ) : null}
      {row.status === "honore" && row.activityId !== null ? (
        <p class="govuk-body-s govuk-!-margin-bottom-1"><a class="govuk-link" href={`/t/${code}/accompagnements/${row.activityId}`}>Voir le compte rendu<span class="govuk-visually-hidden"> : {who}</span></a></p>
      ) : row.status === "honore" ? (
        <p class="govuk-body-s govuk-!-margin-bottom-1"><a class="govuk-link" href={`/t/${code}/accompagnements/nouveau?rendez-vous=${row.id}`}>Écrire le compte rendu<span class="govuk-visually-hidden"> : {who}</span></a></p>
      ) : null}
      {row.status === "a_venir" && !started ? (
        <p class="govuk-body-s govuk-!-margin-bottom-1"><a class="govuk-link" href={`/t/${code}/rendez-vous/${row.id}/deplacer`}>Déplacer<span class="govuk-visually-hidden"> : {who}</span></a></p>
      ) : null}
      {row.status === "a_venir" && !started ? (
        <details class="govuk-details govuk-!-margin-bottom-0">
          <summary class="govuk-details__summary"><span class="govuk-details__summary-text">Annuler<span class="govuk-visually-hidden"> : {who}</span></span></summary>
          <div class="govuk-details__text">
            <form method="post" action={`${base}/annuler`}>
              <CsrfField token={csrf} />
              <div class="govuk-form-group">
                <label class="govuk-label" for={`message-${row.id}`}>Message à la personne</label>
                <textarea class="govuk-textarea" id={`message-${row.id}`} name="message" rows={2}></textarea>
              </div>
              <button class="govuk-button govuk-button--warning govuk-!-margin-bottom-0">Annuler le rendez-vous</button>
            </form>
          </div>
        </details>
      ) : null}
    </>
  );
}
