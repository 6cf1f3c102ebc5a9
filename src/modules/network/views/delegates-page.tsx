// A territory's administrators name who votes for it in the network.
import { Notice } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, Checkboxes, CsrfField } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import type { MemberRow } from "../../accounts/members.queries.js";

export function DelegatesPage({ ctx, members, delegates, saved }: { ctx: PageContext; members: MemberRow[]; delegates: number[]; saved: boolean }) {
  return (
    <Layout ctx={ctx} title="Délégués au réseau">
      <a class="govuk-back-link" href={`/t/${ctx.territory!.code}/reseau`}>
        Retour au réseau
      </a>
      {saved ? <Notice title="Les délégués et déléguées sont enregistrés." success /> : null}
      <h1 class="govuk-heading-l">Qui vote pour {ctx.territory!.name}</h1>
      <p class="govuk-body">Chaque territoire membre a une voix par proposition et sur le texte entier. Un délégué ou une déléguée la donne ; un autre peut la changer jusqu'à la clôture du vote.</p>
      <form method="post" action={`/t/${ctx.territory!.code}/reseau/delegues`}>
        <CsrfField token={ctx.csrfToken} />
        <Checkboxes name="delegues" label="Délégués et déléguées" options={members.map((m) => ({ value: String(m.userId), text: m.displayName || m.email, hint: m.displayName ? m.email : undefined, checked: delegates.includes(m.userId) }))} />
        <Button>Enregistrer</Button>
      </form>
    </Layout>
  );
}
