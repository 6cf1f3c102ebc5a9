// /t/:code/observatoire/carte: a choropleth map of any indicator, drawn on the server as SVG (no script): each
// class has its own shade AND hatching, each commune is a link to its page with its name and value as a
// title, the legend gives every class's range, and the table below is the map's accessible alternative.
import { formatNumber } from "../../../lib/format.js";
import { PageHeading, Table } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, Select } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import type { ChoroplethModel } from "../domain/choropleth.js";
import type { ColumnDef } from "../domain/observatory-table.js";
import { formatValue } from "./observatory-page.js";
import { ObservatorySubNav } from "./sub-nav.js";

/** Light to dark blues, each with a different hatching (none, sparse, dense, crossed, dots). */
const FILLS = ["#d2e2f1", "#a0c1e0", "#5f97cb", "#2a6aa8", "#0b3d70"];
const HATCH: { lines: string; stroke: string }[] = [
  { lines: "", stroke: "#0b0c0c" },
  { lines: "M0,8 L8,0", stroke: "#0b0c0c" },
  { lines: "M0,4 L4,0 M4,8 L8,4", stroke: "#ffffff" },
  { lines: "M0,8 L8,0 M0,0 L8,8", stroke: "#ffffff" },
  { lines: "M3,3 h2 v2 h-2 z", stroke: "#ffffff" },
];

function Patterns() {
  return (
    <defs>
      {FILLS.map((fill, i) => (
        <pattern id={`classe-${i}`} patternUnits="userSpaceOnUse" width="8" height="8">
          <rect width="8" height="8" fill={fill} />
          {HATCH[i]!.lines ? <path d={HATCH[i]!.lines} stroke={HATCH[i]!.stroke} stroke-width="1.2" fill={HATCH[i]!.stroke === "#ffffff" && i === 4 ? "#ffffff" : "none"} /> : null}
        </pattern>
      ))}
      <pattern id="classe-vide" patternUnits="userSpaceOnUse" width="6" height="6">
        <rect width="6" height="6" fill="#ffffff" />
        <path d="M0,3 h6" stroke="#505a5f" stroke-width="1" />
      </pattern>
    </defs>
  );
}

export type MapPageProps = {
  ctx: PageContext;
  column: ColumnDef;
  columns: ColumnDef[];
  model: ChoroplethModel;
  rows: { insee: string; name: string; value: number | null; classIndex: number | null }[];
  credit: string | null;
};

/** The map page. */
export function MapPage({ ctx, column, columns, model, rows, credit }: MapPageProps) {
  const base = `/t/${ctx.territory!.code}`;
  const range = (i: number) => {
    const c = model.classes[i]!;
    return `de ${formatValue(column, c.from)} à ${formatValue(column, c.to)}`;
  };
  return (
    <Layout ctx={ctx} title={`Carte : ${column.label}`} wide>
      <PageHeading caption={ctx.territory!.name}>Carte des communes</PageHeading>
      <ObservatorySubNav ctx={ctx} current="carte" />
      <form method="get" action={`${base}/observatoire/carte`}>
        <Select name="indicateur" label="Indicateur" options={columns.map((c) => ({ value: c.key, text: c.label }))} value={column.key} />
        <Button secondary>Afficher</Button>
      </form>
      {model.shapes.length === 0 ? (
        <p class="govuk-body">Les contours des communes ne sont pas encore importés (maillage import contours) : le tableau ci-dessous donne les valeurs.</p>
      ) : (
        <figure class="govuk-!-margin-0 govuk-!-margin-bottom-6">
          <figcaption class="govuk-heading-s">{column.label}, par commune</figcaption>
          <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
              <svg class="maillage-chart maillage-map-svg" viewBox={`0 0 ${model.width} ${model.height}`} width={model.width} height={model.height} role="group" aria-labelledby="carte-titre">
                <title id="carte-titre">{`Carte : ${column.label}. Chaque commune est un lien vers sa page ; le tableau sous la carte donne les mêmes valeurs.`}</title>
                <Patterns />
                {model.shapes.map((s) => (
                  <a href={`${base}/communes/${s.code}`} aria-label={`${s.name} : ${formatValue(column, s.value)}`}>
                    <title>{`${s.name} : ${formatValue(column, s.value)}`}</title>
                    <path d={s.d} fill={s.classIndex === null ? "url(#classe-vide)" : `url(#classe-${s.classIndex})`} stroke="#0b0c0c" stroke-width="0.8" />
                  </a>
                ))}
              </svg>
            </div>
            <div class="govuk-grid-column-one-third">
              <h2 class="govuk-heading-s">Légende</h2>
              <ul class="govuk-list">
                {model.classes.map((c) => (
                  <li>
                    <svg width="28" height="18" aria-hidden="true" focusable="false">
                      <rect width="28" height="18" fill={`url(#classe-${c.index})`} stroke="#0b0c0c" />
                    </svg>{" "}
                    Classe {c.index + 1} : {range(c.index)} ({formatNumber(c.count)} commune{c.count > 1 ? "s" : ""})
                  </li>
                ))}
                <li>
                  <svg width="28" height="18" aria-hidden="true" focusable="false">
                    <rect width="28" height="18" fill="url(#classe-vide)" stroke="#0b0c0c" />
                  </svg>{" "}
                  Sans valeur
                </li>
              </ul>
              <p class="govuk-body-s">Classes par quantiles : chacune réunit à peu près autant de communes.{credit ? ` Contours : ${credit}.` : ""}</p>
            </div>
          </div>
        </figure>
      )}
      <Table
        caption={`${column.label} par commune (les mêmes valeurs que la carte)`}
        rows={rows}
        columns={[
          { header: "Commune", cell: (r) => <a class="govuk-link" href={`${base}/communes/${r.insee}`}>{r.name}</a> },
          { header: column.label, cell: (r) => formatValue(column, r.value), numeric: true },
          { header: "Classe", cell: (r) => (r.classIndex === null ? "—" : `${r.classIndex + 1} (${range(r.classIndex)})`) },
        ]}
      />
    </Layout>
  );
}
