// The list of the territory's mediators: name, places, linked account, active or not.
import { TableScroll, Tag } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Layout } from "../../../ui/layout.js";
import type { MediatorDetails } from "../mediators.queries.js";
import { DoneNotice, LinkButton } from "./view-parts.js";

const notices: Record<string, string> = {
  ajout: "Le médiateur ou la médiatrice a été ajouté.",
};

/** Mediators list, with the add button for coordinators. */
export function MediatorsPage({ ctx, mediators, canManage, notice }: { ctx: PageContext; mediators: MediatorDetails[]; canManage: boolean; notice?: string }) {
  const base = `/t/${ctx.territory!.code}/mediateurs`;
  return (
    <Layout ctx={ctx} title="Médiateurs et médiatrices">
      <DoneNotice notice={notice} messages={notices} />
      <h1 class="govuk-heading-l">Médiateurs et médiatrices</h1>
      <p class="govuk-body">Les personnes qui accompagnent le public, les lieux où elles reçoivent, et leurs horaires.</p>
      {canManage ? <LinkButton href={`${base}/nouveau`}>Ajouter un médiateur ou une médiatrice</LinkButton> : null}
      {mediators.length === 0 ? (
        <p class="govuk-body">Aucun médiateur ni aucune médiatrice pour l'instant.</p>
      ) : (
        <TableScroll label={String(mediators.length === 1 ? "1 personne" : `${mediators.length} personnes`)}>
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">{mediators.length === 1 ? "1 personne" : `${mediators.length} personnes`}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">Nom</th>
                <th scope="col" class="govuk-table__header">Lieux</th>
                <th scope="col" class="govuk-table__header">Compte Maillage</th>
                <th scope="col" class="govuk-table__header">État</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {mediators.map((m) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={`${base}/${m.id}`}>
                      {m.name}
                    </a>
                    {m.demo ? <> <Tag colour="yellow">Démonstration</Tag></> : null}
                  </td>
                  <td class="govuk-table__cell">{m.places.length ? m.places.map((p) => p.nom).join(", ") : "Aucun lieu"}</td>
                  <td class="govuk-table__cell">{m.accountEmail ?? "Pas de compte"}</td>
                  <td class="govuk-table__cell">{m.active ? <Tag colour="green">Actif</Tag> : <Tag colour="grey">Inactif</Tag>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Layout>
  );
}
