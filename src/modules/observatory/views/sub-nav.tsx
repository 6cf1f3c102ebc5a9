// The observatory's own menu: table, map, indicators, index, planner, benchmark.
import type { PageContext } from "../../../ui/context.js";

const ITEMS = [
  { key: "tableau", path: "/observatoire", text: "Tableau des communes" },
  { key: "carte", path: "/observatoire/carte", text: "Carte" },
  { key: "indicateurs", path: "/observatoire/indicateurs", text: "Indicateurs" },
  { key: "indice", path: "/observatoire/indice", text: "Indice de fragilité" },
  { key: "repartition", path: "/observatoire/repartition", text: "Répartition des moyens" },
  { key: "comparaison", path: "/observatoire/territoires-similaires", text: "Territoires similaires" },
] as const;

export type ObservatorySection = (typeof ITEMS)[number]["key"];

/** Links between the observatory's pages, the current one marked. */
export function ObservatorySubNav({ ctx, current }: { ctx: PageContext; current: ObservatorySection }) {
  const base = `/t/${ctx.territory!.code}`;
  return (
    <nav class="govuk-!-margin-bottom-6" aria-label="Pages de l'observatoire">
      <ul class="govuk-list govuk-!-margin-bottom-0">
        {ITEMS.map((item) => (
          <li class="govuk-!-display-inline-block govuk-!-margin-right-4">
            <a class="govuk-link" href={`${base}${item.path}`} aria-current={item.key === current ? "page" : undefined}>
              {item.key === current ? <strong>{item.text}</strong> : item.text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
