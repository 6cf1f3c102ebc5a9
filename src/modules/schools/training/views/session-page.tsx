// One session: its details, the teachers registered, and for coordinators the attendance form.
import { SummaryList, TableScroll } from "../../../../ui/components.js";
import type { PageContext } from "../../../../ui/context.js";
import { Button, CsrfField } from "../../../../ui/form.js";
import { Layout } from "../../../../ui/layout.js";
import { BackLink, DoneNotice, LinkButton, PostButton } from "../../../../ui/components.js";
import { sessionWhen } from "../training.mails.js";
import type { RegistrationRow, SessionRow } from "../training.queries.js";
import { categoriesLabel } from "./sessions-page.js";

const notices: Record<string, string> = {
  creation: "La session a été créée. Envoyez aux écoles leur lien d'inscription.",
  modification: "La session a été modifiée.",
  presences: "Les présences ont été enregistrées.",
};

type Props = { ctx: PageContext; session: SessionRow; registrations: RegistrationRow[]; canManage: boolean; notice?: string };

/** The session page; only coordinators see who registered (names and addresses) and mark attendance. */
export function SessionPage({ ctx, session: s, registrations, canManage, notice }: Props) {
  const base = `/t/${ctx.territory!.code}/formations`;
  return (
    <Layout ctx={ctx} title={s.title} wide>
      <BackLink href={base}>Formations</BackLink>
      <DoneNotice notice={notice} messages={notices} />
      <h1 class="govuk-heading-l">
        <span class="govuk-caption-l">Session de formation</span>
        {s.title}
      </h1>
      <SummaryList
        rows={[
          { key: "Quand", value: sessionWhen(s) },
          { key: "Lieu", value: s.place || "—" },
          { key: "Formateur ou formatrice", value: s.trainer || "—" },
          { key: "Équipements abordés", value: categoriesLabel(s.categories) },
          { key: "Places", value: `${s.registered} inscrits sur ${s.capacity} places` },
        ]}
      />
      {canManage ? (
        <div class="govuk-button-group">
          <LinkButton href={`${base}/${s.id}/modifier`} secondary>
            Modifier
          </LinkButton>
          <PostButton action={`${base}/${s.id}/suppression`} csrfToken={ctx.csrfToken} hidden={`la session ${s.title}`} warning>
            Supprimer la session
          </PostButton>
        </div>
      ) : null}
      {!canManage ? null : registrations.length === 0 ? (
        <p class="govuk-body">Personne n'est inscrit pour l'instant.</p>
      ) : (
        <form method="post" action={`${base}/${s.id}/presences`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <TableScroll label={String(registrations.length === 1 ? "1 inscrit" : `${registrations.length} inscrits`)}>
            <table class="govuk-table">
              <caption class="govuk-table__caption govuk-table__caption--m">{registrations.length === 1 ? "1 inscrit" : `${registrations.length} inscrits`}</caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">Enseignant ou enseignante</th>
                  <th scope="col" class="govuk-table__header">École</th>
                  <th scope="col" class="govuk-table__header">Présence</th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {registrations.map((r) => (
                  <tr class="govuk-table__row">
                    <td class="govuk-table__cell">
                      {r.teacherName}
                      <br />
                      <span class="govuk-hint govuk-!-font-size-16">{r.teacherEmail}</span>
                    </td>
                    <td class="govuk-table__cell">{r.schoolName}</td>
                    <td class="govuk-table__cell">
                      <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                        <div class="govuk-checkboxes__item">
                          <input class="govuk-checkboxes__input" id={`present-${r.id}`} name="present" type="checkbox" value={String(r.id)} checked={r.attended === true} />
                          <label class="govuk-label govuk-checkboxes__label" for={`present-${r.id}`}>
                            Présent ou présente<span class="govuk-visually-hidden"> : {r.teacherName}</span>
                          </label>
                        </div>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <Button>Enregistrer les présences</Button>
        </form>
      )}
    </Layout>
  );
}
