// The home page: what Maillage is, where to find help, the territories of this instance.
import type { PageContext } from "../../../ui/context.js";
import { Layout } from "../../../ui/layout.js";

type TerritoryCard = { code: string; name: string; communes: number; demo: boolean };

/** Home: citizens are pointed to the finder first; agents to sign-in and their territory. */
export function HomePage({ ctx, territories }: { ctx: PageContext; territories: TerritoryCard[] }) {
  const actor = ctx.actor;
  return (
    <Layout ctx={ctx} title="Accueil">
      <h1 class="govuk-heading-xl">Maillage</h1>
      <p class="govuk-body-l">
        La plateforme des territoires pour l'accompagnement au numérique des habitants et l'équipement numérique des écoles.
      </p>
      <div class="govuk-inset-text">
        <h2 class="govuk-heading-m">Vous cherchez de l'aide avec le numérique ?</h2>
        <p class="govuk-body">Faire une démarche en ligne, apprendre à vous servir de votre téléphone ou d'un ordinateur : trouvez un lieu près de chez vous.</p>
        <a href="/lieux" role="button" draggable={false} class="govuk-button govuk-button--start govuk-!-margin-bottom-0" data-module="govuk-button">
          Trouver un lieu d'aide
        </a>
      </div>
      <h2 class="govuk-heading-m">Territoires</h2>
      {territories.length === 0 ? (
        <p class="govuk-body">Aucun territoire n'est encore créé sur cette installation.</p>
      ) : (
        <ul class="govuk-list govuk-list--bullet">
          {territories.map((t) => (
            <li>
              {actor?.memberships.some((m) => m.code === t.code) ? (
                <a class="govuk-link" href={`/t/${t.code}`}>{t.name}</a>
              ) : (
                t.name
              )}{" "}
              ({t.communes} communes){t.demo ? " — territoire de démonstration" : ""}
            </li>
          ))}
        </ul>
      )}
      <h2 class="govuk-heading-m">Le réseau des territoires</h2>
      <p class="govuk-body">
        Les expériences que les territoires partagent, les motions qu'ils portent ensemble auprès de l'État et les réponses obtenues :{" "}
        <a class="govuk-link" href="/reseau">
          le réseau des territoires
        </a>
        .
      </p>
      {actor ? null : (
        <p class="govuk-body">
          Vous travaillez pour une collectivité, un lieu de médiation ou une école ? <a class="govuk-link" href="/connexion">Connectez-vous</a>.
        </p>
      )}
    </Layout>
  );
}
