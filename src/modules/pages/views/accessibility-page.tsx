// The RGAA 4.1.2 accessibility statement, required on every public body's site.
import type { PageContext } from "../../../ui/context.js";
import { Layout } from "../../../ui/layout.js";

/** Accessibility statement (déclaration d'accessibilité). */
export function AccessibilityPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="Déclaration d'accessibilité">
      <h1 class="govuk-heading-l">Déclaration d'accessibilité</h1>
      <p class="govuk-body">
        La collectivité qui utilise Maillage s'engage à rendre ses services numériques accessibles, conformément à l'article 47
        de la loi n° 2005-102 du 11 février 2005. Cette déclaration s'applique au logiciel Maillage.
      </p>
      <h2 class="govuk-heading-m">État de conformité</h2>
      <p class="govuk-body">
        Maillage est <strong>partiellement conforme</strong> avec le référentiel général d'amélioration de l'accessibilité
        (RGAA), version 4.1.2, en raison des non-conformités et des dérogations énumérées ci-dessous.
      </p>
      <h2 class="govuk-heading-m">Résultats des tests</h2>
      <p class="govuk-body">
        Chaque page rendue par la suite de tests automatisés est contrôlée avec axe-core (WCAG 2.1 niveaux A et AA) :
        aucune anomalie détectée. Un audit manuel complet des 106 critères du RGAA n'a pas encore été réalisé ; tant qu'il
        ne l'est pas, la conformité ne peut être déclarée totale.
      </p>
      <h2 class="govuk-heading-m">Contenus non accessibles</h2>
      <ul class="govuk-list govuk-list--bullet">
        <li>La carte des lieux est un complément : la liste des lieux, accessible, donne les mêmes informations.</li>
        <li>Les fichiers importés par les collectivités (tableurs) ne sont pas contrôlés par Maillage.</li>
      </ul>
      <h2 class="govuk-heading-m">Établissement de cette déclaration</h2>
      <p class="govuk-body">
        Technologies utilisées : HTML, CSS, un peu de JavaScript facultatif (chaque étape destinée aux habitants
        fonctionne sans JavaScript). Tests avec Chromium et axe-core.
      </p>
      <h2 class="govuk-heading-m">Retour d'information et contact</h2>
      <p class="govuk-body">
        Si vous n'arrivez pas à accéder à un contenu ou à un service, contactez la collectivité responsable du service
        (coordonnées sur la page du territoire ou du lieu) pour être orienté vers une alternative accessible ou obtenir le
        contenu sous une autre forme.
      </p>
      <h2 class="govuk-heading-m">Voies de recours</h2>
      <p class="govuk-body">
        Si vous constatez un défaut d'accessibilité vous empêchant d'accéder à un contenu ou à une fonctionnalité, que vous
        nous l'avez signalé et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez :
      </p>
      <ul class="govuk-list govuk-list--bullet">
        <li>écrire un message au Défenseur des droits (formulaire en ligne sur le site du Défenseur des droits) ;</li>
        <li>contacter le délégué ou la déléguée du Défenseur des droits dans votre région ;</li>
        <li>
          envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120,
          75342 Paris CEDEX 07.
        </li>
      </ul>
    </Layout>
  );
}
