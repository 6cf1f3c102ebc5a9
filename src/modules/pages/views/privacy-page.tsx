// The personal-data notice: what is kept, why, for how long, and the person's rights.
import type { PageContext } from "../../../ui/context.js";
import { Layout } from "../../../ui/layout.js";

/** Personal-data notice (informations sur les données personnelles). */
export function PrivacyPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="Données personnelles">
      <h1 class="govuk-heading-l">Données personnelles</h1>
      <p class="govuk-body">
        Maillage est utilisé par des collectivités (intercommunalités, communes, départements). Chacune est responsable du
        traitement des données de son territoire ; les données d'un territoire ne sont visibles que par ses membres.
      </p>
      <h2 class="govuk-heading-m">Quelles données, pourquoi</h2>
      <ul class="govuk-list govuk-list--bullet">
        <li>
          <strong>Rendez-vous</strong> : prénom, nom, téléphone et/ou adresse électronique, pour confirmer le rendez-vous,
          vous le rappeler et vous permettre de l'annuler. Base légale : mission de service public.
        </li>
        <li>
          <strong>Comptes des agents</strong> : adresse électronique, nom, rôles, journal des actions sensibles, pour sécuriser
          l'accès et tracer qui consulte ou exporte des données personnelles.
        </li>
        <li>
          <strong>Comptes rendus d'accompagnement</strong> : anonymes par défaut, ils servent aux statistiques du territoire.
        </li>
      </ul>
      <h2 class="govuk-heading-m">Combien de temps</h2>
      <ul class="govuk-list govuk-list--bullet">
        <li>Coordonnées des personnes reçues : effacées 90 jours après le rendez-vous (durée réglable par la collectivité).</li>
        <li>Journal des messages envoyés : anonymisé après 6 mois.</li>
        <li>Rendez-vous : supprimés 2 ans après leur date.</li>
        <li>Journal des actions sensibles des agents : supprimé après un an.</li>
        <li>Fichiers importés : supprimés à la fin de l'import, au plus tard après 30 jours.</li>
        <li>Liens de connexion : valables 15 minutes, utilisables une seule fois.</li>
      </ul>
      <h2 class="govuk-heading-m">Cookies</h2>
      <p class="govuk-body">
        Maillage n'utilise que des cookies nécessaires : la session des agents connectés et un jeton de sécurité des
        formulaires. Aucun cookie de mesure d'audience ni de publicité.
      </p>
      <h2 class="govuk-heading-m">Vos droits</h2>
      <p class="govuk-body">
        Vous pouvez accéder à vos données, les faire rectifier ou effacer, et vous opposer à leur traitement, en vous adressant
        à la collectivité qui vous a reçu. Si vous estimez, après l'avoir contactée, que vos droits ne sont pas respectés,
        vous pouvez adresser une réclamation à la CNIL.
      </p>
    </Layout>
  );
}
