// /t/:code/observatoire/territoires-similaires: what the territory shares with the other territories of the
// instance (explicitly, figure by figure), and the most similar territories among those that share.
import { formatShortDate } from "../../../lib/format.js";
import { Notice, PageHeading, Table } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, Checkboxes, CsrfField } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import { SHAREABLE, shareableLabel, type ShareableKey } from "../benchmark.js";
import { COLUMNS, type ColumnDef } from "../domain/observatory-table.js";
import type { Similar } from "../domain/similarity.js";
import { formatValue } from "./observatory-page.js";
import { ObservatorySubNav } from "./sub-nav.js";

const column = (key: string): ColumnDef => COLUMNS.find((c) => c.key === key)!;

type Props = { ctx: PageContext; own: Record<ShareableKey, number | null>; shared: Map<string, { value: number | null; updatedAt: Date }>; similar: Similar[]; others: number; canManage: boolean; notice?: string | undefined };

/** The benchmark page. */
export function SimilarPage({ ctx, own, shared, similar, others, canManage, notice }: Props) {
  const base = `/t/${ctx.territory!.code}/observatoire/territoires-similaires`;
  const sharedKeys = SHAREABLE.filter((k) => shared.has(k));
  return (
    <Layout ctx={ctx} title="Territoires similaires" wide>
      {notice === "partage" ? <Notice title="Les chiffres partagés ont été mis à jour." success /> : null}
      <PageHeading caption={ctx.territory!.name}>Se comparer aux territoires similaires</PageHeading>
      <ObservatorySubNav ctx={ctx} current="comparaison" />
      <p class="govuk-body">
        Un territoire ne voit les chiffres d'un autre que si celui-ci a choisi de les partager, chiffre par chiffre. Les territoires comparés sont
        ceux de même nature (intercommunalité, commune, département) dont la population est entre la moitié et le double de la vôtre, quand les deux la
        partagent. Distance : pour chaque chiffre partagé des deux côtés, l'écart des valeurs centrées sur la médiane et divisées par l'écart
        interquartile de tous les territoires qui le partagent (la population en logarithme), puis la racine de la moyenne des carrés ; similarité = 1 ÷ (1 + distance).
      </p>
      {canManage ? (
        <form method="post" action={base} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <Checkboxes
            name="partage"
            label="Chiffres du territoire partagés avec les autres territoires de l'instance"
            hint="Les valeurs partagées sont celles d'aujourd'hui ; enregistrez à nouveau pour les mettre à jour."
            values={sharedKeys}
            options={SHAREABLE.map((k) => ({ value: k, text: `${shareableLabel(k)} : ${formatValue(column(k), own[k])}`, hint: shared.has(k) ? `partagé le ${formatShortDate(shared.get(k)!.updatedAt)}` : undefined }))}
          />
          <Button>Enregistrer le partage</Button>
        </form>
      ) : (
        <p class="govuk-body">Chiffres partagés : {sharedKeys.map(shareableLabel).join(", ") || "aucun"}.</p>
      )}
      <h2 class="govuk-heading-m">Les territoires les plus proches</h2>
      {sharedKeys.length === 0 ? (
        <p class="govuk-body">Partagez au moins un chiffre pour vous comparer aux autres territoires ({others} en partagent).</p>
      ) : similar.length === 0 ? (
        <p class="govuk-body">Aucun territoire comparable ne partage encore les mêmes chiffres.</p>
      ) : (
        <Table
          caption="Territoires similaires, du plus proche au moins proche"
          rows={similar}
          columns={[
            { header: "Territoire", cell: (s) => s.name },
            { header: "Similarité", cell: (s) => s.similarity.toLocaleString("fr-FR", { maximumFractionDigits: 2 }), numeric: true },
            { header: "Chiffres comparés", cell: (s) => String(s.features), numeric: true },
            {
              header: "Écarts, le plus lourd d'abord (vous / eux)",
              cell: (s) => s.contributions.map((c) => `${shareableLabel(c.key)} : ${formatValue(column(c.key), c.a)} / ${formatValue(column(c.key), c.b)} (${Math.round(c.share * 100)} % de la distance)`).join(" ; "),
            },
          ]}
        />
      )}
    </Layout>
  );
}
