// The list of the territory's motifs (appointment types) with their main rules.
import { TableScroll, Tag } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Layout } from "../../../ui/layout.js";
import { bookableByLabels, durationLabel, placeKindLabels } from "../domain/labels.js";
import type { PlaceChoice } from "../mediators.queries.js";
import type { MotifDetails } from "../motifs.queries.js";
import { DoneNotice, LinkButton, PostButton } from "./view-parts.js";

const notices: Record<string, string> = {
  ajout: "Le motif a été ajouté.",
  modification: "Le motif a été modifié.",
  desactivation: "Le motif a été désactivé : il n'est plus proposé.",
  activation: "Le motif a été réactivé.",
};

type Props = { ctx: PageContext; motifs: MotifDetails[]; places: PlaceChoice[]; canManage: boolean; notice?: string };

/** Motifs with duration, who books, places, deadlines; edit and deactivate buttons for coordinators. */
export function MotifsPage({ ctx, motifs, places, canManage, notice }: Props) {
  const base = `/t/${ctx.territory!.code}/motifs`;
  const placeName = new Map(places.map((p) => [p.id, p.nom]));
  return (
    <Layout ctx={ctx} title="Motifs de rendez-vous" wide>
      <DoneNotice notice={notice} messages={notices} />
      <h1 class="govuk-heading-l">Motifs de rendez-vous</h1>
      <p class="govuk-body">Chaque motif fixe la durée du rendez-vous, qui peut le prendre, dans quels lieux et jusqu'à quand on peut l'annuler.</p>
      {canManage ? <LinkButton href={`${base}/nouveau`}>Ajouter un motif</LinkButton> : null}
      {motifs.length === 0 ? (
        <p class="govuk-body">Aucun motif pour l'instant : sans motif, personne ne peut prendre rendez-vous.</p>
      ) : (
        <TableScroll label={String(motifs.length === 1 ? "1 motif" : `${motifs.length} motifs`)}>
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">{motifs.length === 1 ? "1 motif" : `${motifs.length} motifs`}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">Motif</th>
                <th scope="col" class="govuk-table__header">Durée</th>
                <th scope="col" class="govuk-table__header">Qui peut réserver</th>
                <th scope="col" class="govuk-table__header">Où</th>
                <th scope="col" class="govuk-table__header">Annulation</th>
                <th scope="col" class="govuk-table__header">État</th>
                {canManage ? <th scope="col" class="govuk-table__header">Actions</th> : null}
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {motifs.map((m) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    {m.name}
                    <br />
                    <span class="govuk-hint govuk-!-font-size-16">{m.service}</span>
                  </td>
                  <td class="govuk-table__cell">{durationLabel(m.durationMinutes)}</td>
                  <td class="govuk-table__cell">{bookableByLabels[m.bookableBy]}</td>
                  <td class="govuk-table__cell">
                    {placeKindLabels[m.placeKind]}
                    <br />
                    {m.placeIds.length === 0 ? "Tous les lieux" : m.placeIds.map((id) => placeName.get(id) ?? "lieu supprimé").join(", ")}
                  </td>
                  <td class="govuk-table__cell">{m.cancelUntilMinutes === 0 ? "Jusqu'à l'heure du rendez-vous" : `Jusqu'à ${durationLabel(m.cancelUntilMinutes)} avant`}</td>
                  <td class="govuk-table__cell">{m.active ? <Tag colour="green">Proposé</Tag> : <Tag colour="grey">Désactivé</Tag>}</td>
                  {canManage ? (
                    <td class="govuk-table__cell">
                      <a class="govuk-link" href={`${base}/${m.id}`}>
                        Modifier<span class="govuk-visually-hidden"> le motif {m.name}</span>
                      </a>{" "}
                      <PostButton action={`${base}/${m.id}/activation`} csrfToken={ctx.csrfToken} name="active" value={m.active ? "non" : "oui"} hidden={`le motif ${m.name}`}>
                        {m.active ? "Désactiver" : "Réactiver"}
                      </PostButton>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Layout>
  );
}
