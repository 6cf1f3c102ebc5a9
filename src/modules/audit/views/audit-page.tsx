// The audit log of a territory.
import { formatDateTime } from "../../../lib/format.js";
import type { PageContext } from "../../../ui/context.js";
import { Layout } from "../../../ui/layout.js";
import type { AuditRow } from "../audit.queries.js";
import { TableScroll } from "../../../ui/components.js";

const actionLabels: Record<string, string> = {
  "territory.create": "Création du territoire",
  "member.invite": "Invitation d'un membre",
  "member.roles": "Changement de rôles",
  "member.remove": "Retrait d'un membre",
  "commune-group.save": "Groupe de communes enregistré",
  "commune-group.delete": "Groupe de communes supprimé",
  "activity.record": "Compte rendu enregistré",
  "appointment.read": "Rendez-vous consulté pour un compte rendu",
  "appointment.book": "Rendez-vous réservé pour une personne",
  "appointment.cancel": "Rendez-vous annulé",
  "appointment.reschedule": "Rendez-vous déplacé",
  "appointment.honore": "Rendez-vous marqué honoré",
  "appointment.absent": "Rendez-vous marqué absent",
  "personal-data.view": "Agenda consulté (données personnelles)",
  "personal-data.search": "Recherche sur les données d'une personne",
  "personal-data.erase": "Données d'une personne effacées à sa demande",
  "statistics.export": "Statistiques téléchargées",
  "statistics.share.create": "Lien de partage créé",
  "statistics.share.revoke": "Lien de partage désactivé",
  "session.sign-in": "Connexion",
  "session.sign-in-refused": "Connexion refusée (compte lié à une autre identité)",
  "user.oidc-unlink": "Compte délié de son identité de connexion",
  "instance-role.grant": "Rôle d'opérateur ou d'animation donné",
  "instance-role.remove": "Rôle d'opérateur ou d'animation retiré",
  // The network between territories.
  "network.join": "Territoire ajouté au réseau",
  "network.leave": "Territoire retiré du réseau",
  "network.partner.add": "Partenaire du réseau ajouté",
  "network.group.create": "Groupe de travail créé",
  "network.group.update": "Groupe de travail modifié",
  "network.theme": "Thème des fiches enregistré",
  "sheet.create": "Fiche d'expérience créée",
  "sheet.update": "Fiche d'expérience modifiée",
  "sheet.attachment.add": "Pièce jointe ajoutée à une fiche",
  "sheet.attachment.remove": "Pièce jointe retirée d'une fiche",
  "sheet.question": "Question posée sur une fiche",
  "motion.create": "Motion créée",
  "motion.phase": "Motion passée à une autre phase",
  "motion.contribution": "Contribution à une motion",
  "motion.section": "Partie d'une motion rédigée",
  "motion.amendment": "Amendement enregistré",
  "motion.amendment.accepte": "Amendement accepté",
  "motion.amendment.rejete": "Amendement rejeté",
  "motion.amendment.fusionne": "Amendement fusionné",
  "motion.vote": "Vote sur une motion",
  "motion.adopt": "Motion adoptée",
  "motion.delivery": "Remise d'une motion",
  "motion.answer": "Réponse à une proposition",
  "consultation.create": "Consultation créée",
  "consultation.publish": "Consultation publiée",
  "consultation.answer": "Réponse à une consultation",
};

/** Lists audit events, newest first, 50 per page: a territory's, or with `instance` the instance's own. */
export function AuditPage({ ctx, events, instance = false }: { ctx: PageContext; events: AuditRow[]; instance?: boolean }) {
  const last = events.at(-1);
  const title = instance ? "Journal de l'instance" : "Journal des actions";
  return (
    <Layout ctx={ctx} title={title}>
      {instance ? <a href="/operateur" class="govuk-back-link">Retour à l'espace opérateur</a> : null}
      <h1 class="govuk-heading-l">{title}</h1>
      <p class="govuk-body">
        {instance
          ? "Les actions qui ne concernent aucun territoire en particulier : connexions par fournisseur d'identité (réussies ou refusées), comptes déliés de leur identité, rôles d'opérateur et d'animation donnés ou retirés."
          : "Qui a fait quoi, quand et sur quel élément : changements de rôles, consultations et exports de données personnelles, suppressions."}
      </p>
      <TableScroll label="Actions les plus récentes">
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">Actions les plus récentes</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Quand</th>
              <th scope="col" class="govuk-table__header">Qui</th>
              <th scope="col" class="govuk-table__header">Action</th>
              <th scope="col" class="govuk-table__header">Élément</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {events.map((e) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">{formatDateTime(e.at, true)}</td>
                <td class="govuk-table__cell">{e.actorLabel}</td>
                <td class="govuk-table__cell">{actionLabels[e.action] ?? e.action}</td>
                <td class="govuk-table__cell">
                  {e.entityType}
                  {e.entityId ? ` n° ${e.entityId}` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {events.length === 50 && last ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`?avant=${last.id}`}>Actions plus anciennes</a>
        </p>
      ) : null}
    </Layout>
  );
}
