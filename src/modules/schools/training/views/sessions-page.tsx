// The territory's training sessions, to come and past, with places taken and attendance.
import type { PageContext } from "../../../../ui/context.js";
import { Layout } from "../../../../ui/layout.js";
import { CATEGORY_LABELS, isEquipmentCategory } from "../../domain/categories.js";
import { DoneNotice, LinkButton, TableScroll } from "../../../../ui/components.js";
import { sessionWhen } from "../training.mails.js";
import type { SessionRow } from "../training.queries.js";

const notices: Record<string, string> = { suppression: "La session a été supprimée ; les personnes inscrites ont été prévenues." };

/** "Écran numérique interactif, Tablette". */
export function categoriesLabel(categories: readonly string[]): string {
  return categories.map((c) => (isEquipmentCategory(c) ? CATEGORY_LABELS[c] : c)).join(", ");
}

function SessionTable({ caption, sessions, base, past }: { caption: string; sessions: SessionRow[]; base: string; past: boolean }) {
  if (sessions.length === 0) return <p class="govuk-body">{past ? "Aucune session passée." : "Aucune session à venir."}</p>;
  return (
    <TableScroll label={String(caption)}>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">Session</th>
            <th scope="col" class="govuk-table__header">Quand</th>
            <th scope="col" class="govuk-table__header">Équipements abordés</th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">{past ? "Présents / inscrits" : "Inscrits / places"}</th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {sessions.map((s) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`${base}/${s.id}`}>
                  {s.title}
                </a>
                {s.place ? (
                  <>
                    <br />
                    <span class="govuk-hint govuk-!-font-size-16">{s.place}</span>
                  </>
                ) : null}
              </td>
              <td class="govuk-table__cell">{sessionWhen(s)}</td>
              <td class="govuk-table__cell">{categoriesLabel(s.categories)}</td>
              <td class="govuk-table__cell govuk-table__cell--numeric">{past ? `${s.attended} / ${s.registered}` : `${s.registered} / ${s.capacity}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Sessions list; coordinators get the button to create one. */
export function SessionsPage({ ctx, sessions, now, canManage, notice }: { ctx: PageContext; sessions: SessionRow[]; now: Date; canManage: boolean; notice?: string }) {
  const base = `/t/${ctx.territory!.code}/formations`;
  const upcoming = sessions.filter((s) => s.endsAt > now);
  const past = sessions.filter((s) => s.endsAt <= now).reverse();
  return (
    <Layout ctx={ctx} title="Formations des enseignants" wide>
      <DoneNotice notice={notice} messages={notices} />
      <h1 class="govuk-heading-l">Formations des enseignants</h1>
      <p class="govuk-body">
        Sessions organisées avec l'Éducation nationale sur les équipements des écoles. Les enseignants s'inscrivent par le lien de leur école ;
        la présence marquée après la session compte dans la part des enseignants formés.
      </p>
      <div class="govuk-button-group">
        {canManage ? <LinkButton href={`${base}/nouvelle`}>Nouvelle session</LinkButton> : null}
        <LinkButton href={`${base}/ecoles`} secondary>
          Liens d'inscription et enseignants formés par école
        </LinkButton>
      </div>
      <SessionTable caption="Sessions à venir" sessions={upcoming} base={base} past={false} />
      <SessionTable caption="Sessions passées" sessions={past} base={base} past />
    </Layout>
  );
}
