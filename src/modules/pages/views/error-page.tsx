// Error pages: plain French, no technical detail, a way forward.
import type { PageContext } from "../../../ui/context.js";
import { Layout } from "../../../ui/layout.js";

const texts: Record<number, { title: string; body: string }> = {
  400: { title: "La demande n'est pas valide", body: "Les informations envoyées ne sont pas dans la forme attendue. Revenez à la page précédente et réessayez." },
  403: { title: "Accès refusé", body: "Vous n'avez pas les droits pour faire cette action. Si vous pensez que c'est une erreur, contactez l'administration de votre territoire." },
  404: { title: "Page introuvable", body: "Si vous avez saisi l'adresse, vérifiez qu'elle est correcte. Si vous avez suivi un lien, il est peut-être ancien ou vous n'avez pas accès à cette page." },
  413: { title: "Envoi trop volumineux", body: "Ce que vous avez envoyé (un fichier ou un texte) dépasse la taille autorisée. Revenez à la page précédente, raccourcissez le texte ou choisissez un fichier plus petit." },
  419: { title: "La page a expiré", body: "Pour votre sécurité, le formulaire a expiré. Revenez en arrière, rechargez la page et réessayez : ce que vous avez saisi n'a pas été enregistré." },
  429: { title: "Trop de tentatives", body: "Vous avez fait trop de demandes en peu de temps. Attendez quelques minutes puis réessayez." },
  500: { title: "Désolé, une erreur est survenue", body: "Le service n'a pas pu traiter votre demande. Réessayez dans quelques instants." },
};

/** The page shown for an HTTP error status; `reference` lets support find the log line. */
export function ErrorPage({ ctx, status, reference, detail }: { ctx: PageContext; status: number; reference?: string; detail?: string }) {
  const text = texts[status] ?? texts[500]!;
  return (
    <Layout ctx={ctx} title={text.title}>
      <h1 class="govuk-heading-l">{text.title}</h1>
      {detail ? <p class="govuk-body">{detail}</p> : null}
      <p class="govuk-body">{text.body}</p>
      {reference ? <p class="govuk-body">Référence de l'incident : <code>{reference}</code></p> : null}
      <p class="govuk-body">
        <a class="govuk-link" href="/">Retour à l'accueil</a>
      </p>
    </Layout>
  );
}
