// One equipment item: its details and its history (creation, edits, moves, state changes, imports).
import { formatDateTime } from "../../../lib/format.js";
import { Notice, SummaryList } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Layout } from "../../../ui/layout.js";
import type { DetailColumn, HistoryChange } from "../inventory.commands.js";
import type { HistoryRow, ItemRow } from "../inventory.queries.js";
import { ITEM_FIELD_LABELS } from "../item-form.js";
import type { SchoolAction } from "../schools.policy.js";
import { categoryLabel, euros, schoolsBase, shortDate, stateLabel } from "./shared.js";

const pair = ([before, after]: [string | null, string], label: (v: string) => string = (v) => v) =>
  before === null ? label(after) : `${label(before)} → ${label(after)}`;

/** A detail's value as the page shows it ("—" when empty). */
function detailText(column: DetailColumn, value: string | number | null): string {
  if (value === null || value === "") return "—";
  if (column === "cout_ttc") return euros(Number(value));
  if (column === "date_acquisition" || column === "fin_garantie") return shortDate(String(value));
  if (column === "categorie") return categoryLabel(String(value));
  return String(value);
}

const NOTICES: Record<string, string> = {
  ajoute: "L'équipement est ajouté à l'inventaire.",
  enregistre: "Les informations de l'équipement sont enregistrées.",
  rien: "Aucune information n'a changé.",
};

/** A history entry in French: what happened, then what changed. */
export function describeChange(change: Record<string, unknown>): { title: string; details: string[] } {
  const c = change as HistoryChange;
  const from = c.source === "import" ? ` (import${c.fichier ? ` du fichier ${c.fichier}` : ""})` : c.source === "demo" ? " (données de démonstration)" : "";
  const titles: Record<HistoryChange["action"], string> = {
    creation: "Ajout à l'inventaire",
    modification: "Modification",
    deplacement: "Déplacement",
    etat: "Changement d'état",
  };
  const details: string[] = [];
  if (c.emplacement) details.push(`Emplacement : ${pair(c.emplacement)}`);
  if (c.etat) details.push(`État : ${pair(c.etat, stateLabel)}`);
  for (const [column, [before, after]] of Object.entries(c.champs ?? {}) as [DetailColumn, [string | number | null, string | number | null]][]) {
    details.push(`${ITEM_FIELD_LABELS[column]} : ${detailText(column, before)} → ${detailText(column, after)}`);
  }
  if (c.action === "modification" && details.length === 0) details.push("Autres informations mises à jour");
  return { title: `${titles[c.action] ?? "Modification"}${from}`, details };
}

/** The item's page. */
export function ItemPage(props: { ctx: PageContext; abilities: Set<SchoolAction>; item: ItemRow; history: HistoryRow[]; notice?: string | undefined }) {
  const { ctx, item, history } = props;
  const base = schoolsBase(ctx);
  const notice = props.notice ? NOTICES[props.notice] : undefined;
  return (
    <Layout ctx={ctx} title={`Équipement ${item.inventoryNumber}`}>
      {notice ? <Notice title={notice} success /> : null}
      <a href={`${base}/inventaire?ecole=${item.schoolId}`} class="govuk-back-link">
        Retour à l'inventaire de l'école
      </a>
      <h1 class="govuk-heading-l">
        <span class="govuk-caption-l">{categoryLabel(item.category)}</span>
        Équipement {item.inventoryNumber}
      </h1>
      <SummaryList
        rows={[
          { key: "Modèle", value: item.model || "—" },
          { key: "École", value: <a class="govuk-link" href={`${base}/${item.schoolId}`}>{item.schoolName} ({item.uai})</a> },
          { key: "Classe", value: item.className ?? "Toute l'école" },
          { key: "État", value: stateLabel(item.state) },
          { key: "Date d'acquisition", value: shortDate(item.acquisitionDate) },
          { key: "Coût TTC", value: euros(item.costCents) },
          { key: "Source de financement", value: item.fundingSource || "—" },
          { key: "Fin de garantie", value: shortDate(item.warrantyEnd) },
          {
            key: "Fin de vie prévue",
            value: item.endOfLife ? `${shortDate(item.endOfLife)}${item.ownEndOfLife ? "" : " (durée de vie de la catégorie)"}` : "Inconnue (pas de date d'acquisition)",
          },
        ]}
      />
      {props.abilities.has("schools.manage") ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`${base}/inventaire/${item.id}/modifier`}>
            Modifier<span class="govuk-visually-hidden"> l'équipement {item.inventoryNumber}</span>
          </a>
        </p>
      ) : null}
      <h2 class="govuk-heading-m">Historique</h2>
      {history.length === 0 ? (
        <p class="govuk-body">Aucun changement enregistré.</p>
      ) : (
        <ol class="govuk-list">
          {history.map((h) => {
            const { title, details } = describeChange(h.change);
            return (
              <li class="govuk-!-margin-bottom-4">
                <p class="govuk-body govuk-!-margin-bottom-1">
                  <strong>{title}</strong>, le {formatDateTime(h.at, true)}, par {h.actorLabel}
                </p>
                {details.map((d) => (
                  <p class="govuk-body-s govuk-!-margin-bottom-0">{d}</p>
                ))}
              </li>
            );
          })}
        </ol>
      )}
    </Layout>
  );
}
