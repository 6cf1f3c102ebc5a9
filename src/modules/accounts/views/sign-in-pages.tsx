// Sign-in pages: ask for the address, say a link was sent, confirm the link.
import { DEMO_LINK_HOURS, SIGN_IN_LINK_MINUTES } from "../link-durations.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, CsrfField, ErrorSummary, TextInput, type FieldErrors } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";

/** The sign-in form. */
export function SignInPage({ ctx, email, errors = {}, oidcLabel, back }: { ctx: PageContext; email?: string; errors?: FieldErrors; oidcLabel?: string | undefined; back?: string | undefined }) {
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout ctx={ctx} title="Se connecter" hasErrors={hasErrors}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 class="govuk-heading-l">Se connecter</h1>
          <p class="govuk-body">Cet espace est réservé aux agents des collectivités, aux médiateurs et médiatrices et aux écoles.</p>
          {oidcLabel ? (
            <>
              <p class="govuk-body">
                <a href="/connexion/oidc" role="button" draggable={false} class="govuk-button" data-module="govuk-button">
                  Se connecter avec {oidcLabel}
                </a>
              </p>
              <h2 class="govuk-heading-m">Ou recevoir un lien par courriel</h2>
            </>
          ) : null}
          <form method="post" action="/connexion" novalidate>
            <CsrfField token={ctx.csrfToken} />
            {back ? <input type="hidden" name="retour" value={back} /> : null}
            <TextInput
              name="email"
              label="Adresse électronique"
              hint={`Nous vous enverrons un lien de connexion, valable ${SIGN_IN_LINK_MINUTES} minutes.${ctx.demo ? ` Démonstration : les liens en un clic affichés au démarrage du serveur durent ${DEMO_LINK_HOURS} heures.` : ""}`}
              type="email"
              autocomplete="email"
              spellcheck={false}
              value={email}
              error={errors.email}
            />
            <Button>Recevoir un lien de connexion</Button>
          </form>
          <p class="govuk-body">
            Vous cherchez de l'aide avec le numérique ? <a class="govuk-link" href="/lieux">Trouvez un lieu près de chez vous</a>, sans compte.
          </p>
        </div>
      </div>
    </Layout>
  );
}

/** Same answer whether the address has an account or not. */
export function LinkSentPage({ ctx, email }: { ctx: PageContext; email: string }) {
  return (
    <Layout ctx={ctx} title="Vérifiez votre messagerie">
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">Vérifiez votre messagerie</h1>
          <p class="govuk-body">
            Si un compte existe pour <strong>{email}</strong>, un lien de connexion vient d'y être envoyé. Il est valable {SIGN_IN_LINK_MINUTES} minutes
            et ne sert qu'une fois.
          </p>
          <p class="govuk-body">Pensez à regarder dans les courriers indésirables.</p>
          <p class="govuk-body">
            Rien reçu ? <a class="govuk-link" href="/connexion">Demander un nouveau lien</a> ou contactez l'administration de votre territoire.
          </p>
        </div>
      </div>
    </Layout>
  );
}

/** Opening the link shows a button, so that mail scanners that follow links do not use it up. */
export function ConfirmLinkPage({ ctx, token }: { ctx: PageContext; token: string }) {
  return (
    <Layout ctx={ctx} title="Confirmer la connexion">
      <h1 class="govuk-heading-l">Confirmer la connexion</h1>
      <form method="post" action="/connexion/lien">
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="jeton" value={token} />
        <Button>Me connecter</Button>
      </form>
    </Layout>
  );
}

/** The link is unknown, used or expired. */
export function InvalidLinkPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="Ce lien ne fonctionne plus">
      <h1 class="govuk-heading-l">Ce lien ne fonctionne plus</h1>
      <p class="govuk-body">Un lien de connexion ne sert qu'une fois et n'est valable que {SIGN_IN_LINK_MINUTES} minutes (7 jours pour une invitation).</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/connexion">Demander un nouveau lien de connexion</a>
      </p>
    </Layout>
  );
}
