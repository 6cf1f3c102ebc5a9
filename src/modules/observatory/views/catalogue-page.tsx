// /t/:code/observatoire/indicateurs: where each indicator comes from (file, variables, formula, vintage),
// how many communes have it, and the documented fallback where the poverty rate is secret.
import { formatNumber } from "../../../lib/format.js";
import { LinkButton, PageHeading, Table } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Layout } from "../../../ui/layout.js";
import { formatShare } from "../../connectivity/domain/shares.js";
import { CRITERIA } from "../domain/fragility-index.js";
import { INDICATOR_SPECS } from "../import-export/insee-files.js";
import type { CatalogueRow } from "../indicators.queries.js";
import { ObservatorySubNav } from "./sub-nav.js";

const CONNECTIVITY_KEYS = new Set(["non_couverture_thd", "non_couverture_ftth"]);

/** The indicators catalogue. */
export function CataloguePage({ ctx, rows, communes, connectivity, canManage }: { ctx: PageContext; rows: CatalogueRow[]; communes: number; connectivity: { ftth: number; thd30: number }; canManage: boolean }) {
  const base = `/t/${ctx.territory!.code}`;
  const imported = new Map(rows.map((r) => [r.indicator, r]));
  const poverty = imported.get("taux_pauvrete");
  return (
    <Layout ctx={ctx} title="Indicateurs" wide>
      <PageHeading caption={ctx.territory!.name}>Catalogue des indicateurs</PageHeading>
      <ObservatorySubNav ctx={ctx} current="indicateurs" />
      {canManage ? <LinkButton href={`${base}/observatoire/indicateurs/import`}>Importer un fichier de l'Insee</LinkButton> : null}
      <Table
        caption="D'où vient chaque indicateur"
        rows={[...CRITERIA]}
        columns={[
          { header: "Indicateur", cell: (c) => c.label },
          {
            header: "Fichier et formule",
            cell: (c) => {
              const spec = INDICATOR_SPECS.find((s) => s.key === c.key);
              return spec ? `${spec.file} : ${spec.formula}` : c.description;
            },
          },
          {
            header: "Millésime",
            cell: (c) => (CONNECTIVITY_KEYS.has(c.key) ? "dernier trimestre importé" : (imported.get(c.key)?.vintage ?? "non importé")),
          },
          {
            header: "Communes renseignées",
            cell: (c) => {
              if (CONNECTIVITY_KEYS.has(c.key)) return `${formatNumber(c.key === "non_couverture_thd" ? connectivity.thd30 : connectivity.ftth)} sur ${formatNumber(communes)}`;
              const row = imported.get(c.key);
              return row ? `${formatNumber(row.communes)} sur ${formatNumber(communes)}${row.missing > 0 ? ` (${formatNumber(row.missing)} secrètes)` : ""}` : "—";
            },
            numeric: true,
          },
        ]}
      />
      <h2 class="govuk-heading-m">Taux de pauvreté des petites communes</h2>
      <p class="govuk-body">
        L'Insee ne publie pas le taux de pauvreté (Filosofi) des communes de moins de 2 000 habitants ni là où il y a moins de 50 ménages fiscaux
        (secret statistique, marqué « s » ou « nd »). Pour ces communes, Maillage retient le taux de l'intercommunalité, importé avec la ligne de
        son SIREN, et le signale sur l'indice et la page de la commune.
        {poverty ? ` Ici : ${formatNumber(poverty.missing)} commune${poverty.missing > 1 ? "s" : ""} au taux secret, taux de l'intercommunalité ${poverty.epci === null ? "non importé" : formatShare(poverty.epci)}.` : ""}
      </p>
      <h2 class="govuk-heading-m">Licences</h2>
      <p class="govuk-body">Insee : réutilisation libre, y compris commerciale, en citant la source. Arcep : Licence Ouverte 2.0.</p>
    </Layout>
  );
}
