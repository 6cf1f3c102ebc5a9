// Pages of the OpenID Connect sign-in: why it did not work, and what to do next.
import type { PageContext } from "../../ui/context.js";
import { Layout } from "../../ui/layout.js";

export type OidcProblem = "expired" | "denied" | "refused" | "unavailable" | "unverified-email" | "no-email" | "acr" | "other-identity";

export const oidcProblemStatus: Record<OidcProblem, number> = {
  expired: 400,
  denied: 400,
  refused: 400,
  unavailable: 502,
  "unverified-email": 400,
  "no-email": 400,
  acr: 400,
  "other-identity": 403,
};

function problemText(problem: OidcProblem, label: string): { title: string; body: string } {
  switch (problem) {
    case "expired":
      return {
        title: "La connexion n'a pas pu aboutir",
        body: "La demande de connexion a expiré ou n'est pas valide. Elle n'est valable que 10 minutes, dans le navigateur où elle a commencé.",
      };
    case "denied":
      return { title: "Connexion annulée", body: `La connexion avec ${label} a été annulée ou refusée : vous n'êtes pas connecté ou connectée à Maillage.` };
    case "refused":
      return { title: "La connexion n'a pas pu aboutir", body: `La réponse de ${label} n'a pas pu être vérifiée. Recommencez depuis la page de connexion.` };
    case "unavailable":
      return { title: `${label} ne répond pas`, body: `Le service ${label} n'est pas joignable pour le moment. Réessayez dans quelques minutes ou recevez un lien de connexion par courriel.` };
    case "unverified-email":
      return { title: "Adresse électronique non vérifiée", body: `${label} n'a pas confirmé votre adresse électronique. Confirmez-la auprès de ${label} ou recevez un lien de connexion par courriel.` };
    case "no-email":
      return { title: "Adresse électronique manquante", body: `${label} n'a pas transmis d'adresse électronique : Maillage en a besoin pour retrouver votre compte.` };
    case "other-identity":
      return {
        title: "Ce compte est lié à une autre identité",
        body: `Le compte Maillage de cette adresse électronique a déjà été utilisé avec une autre identité ${label}. Si cette adresse vous a été attribuée récemment, demandez à l'opérateur ou l'opératrice de Maillage de délier le compte.`,
      };
    case "acr":
      return { title: "Niveau de sécurité insuffisant", body: `Le moyen d'identification utilisé auprès de ${label} n'offre pas le niveau de sécurité demandé par Maillage.` };
  }
}

/** A sign-in through the provider that failed, with a way back to the sign-in page. */
export function OidcProblemPage({ ctx, problem, label }: { ctx: PageContext; problem: OidcProblem; label: string }) {
  const text = problemText(problem, label);
  return (
    <Layout ctx={ctx} title={text.title}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{text.title}</h1>
          <p class="govuk-body">{text.body}</p>
          <p class="govuk-body">
            <a class="govuk-link" href="/connexion">
              Revenir à la page de connexion
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

/** The provider knows the person but Maillage does not: accounts come from an invitation, never from sign-in. */
export function OidcNoAccountPage({ ctx, email, label }: { ctx: PageContext; email: string; label: string }) {
  return (
    <Layout ctx={ctx} title="Aucun compte pour cette adresse">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">Aucun compte pour cette adresse</h1>
          <p class="govuk-body">
            {label} vous a bien identifié ou identifiée avec l'adresse <strong>{email}</strong>, mais aucun compte Maillage n'existe
            pour cette adresse.
          </p>
          <p class="govuk-body">
            Pour accéder à Maillage, demandez à l'administration de votre territoire de vous inviter avec cette adresse. Vous
            recevrez un courriel d'invitation, puis vous pourrez vous connecter avec {label}.
          </p>
          <p class="govuk-body">
            <a class="govuk-link" href="/connexion">
              Revenir à la page de connexion
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}
