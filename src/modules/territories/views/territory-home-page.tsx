// A territory's home: key figures and the entry points the person's roles open.
import { formatNumber } from "../../../lib/format.js";
import type { PageContext } from "../../../ui/context.js";
import { Layout } from "../../../ui/layout.js";
import { roleLabels, type PlatformAction } from "../../accounts/accounts.policy.js";

type Props = { ctx: PageContext; communes: number; population: number; groups: number; abilities: Set<PlatformAction> };

/** The territory dashboard. */
export function TerritoryHomePage({ ctx, communes, population, groups, abilities }: Props) {
  const territory = ctx.territory!;
  const roles = ctx.actor?.memberships.find((m) => m.territoryId === territory.id)?.roles ?? [];
  return (
    <Layout ctx={ctx} title={territory.name}>
      <span class="govuk-caption-l">Votre territoire</span>
      <h1 class="govuk-heading-xl">{territory.name}</h1>
      <p class="govuk-body">Vous êtes connecté ou connectée en tant que : {roles.map((r) => roleLabels[r]).join(", ")}.</p>
      <ul class="maillage-card-list">
        <li class="maillage-card">
          <h2 class="govuk-heading-m">
            <a class="govuk-link" href={`/t/${territory.code}/communes`}>Communes</a>
          </h2>
          <p class="govuk-body">
            {formatNumber(communes)} communes, {formatNumber(population)} habitants, {groups} groupes de communes.
          </p>
        </li>
        {abilities.has("members.view") ? (
          <li class="maillage-card">
            <h2 class="govuk-heading-m">
              <a class="govuk-link" href={`/t/${territory.code}/membres`}>Membres</a>
            </h2>
            <p class="govuk-body">Les personnes qui travaillent sur ce territoire et leurs rôles.</p>
          </li>
        ) : null}
        {abilities.has("audit.view") ? (
          <li class="maillage-card">
            <h2 class="govuk-heading-m">
              <a class="govuk-link" href={`/t/${territory.code}/journal`}>Journal des actions</a>
            </h2>
            <p class="govuk-body">Changements de rôles, consultations et exports de données personnelles.</p>
          </li>
        ) : null}
      </ul>
    </Layout>
  );
}
