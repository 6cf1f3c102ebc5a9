// The incidents a person follows: every school's for coordinators, their own school's for referents.
import type { IncidentStatus } from "../../../../db/schema/schools.js";
import { TableScroll, Tag } from "../../../../ui/components.js";
import type { PageContext } from "../../../../ui/context.js";
import { Button, Select } from "../../../../ui/form.js";
import { formatShortDate } from "../../../../lib/format.js";
import { Layout } from "../../../../ui/layout.js";
import { LinkButton } from "../../../../ui/components.js";
import { STATUS_COLOURS, STATUS_LABELS } from "../incident-rules.js";
import { itemLabel } from "../incidents.mails.js";
import type { IncidentRow } from "../incidents.queries.js";

type Props = { ctx: PageContext; incidents: IncidentRow[]; status: IncidentStatus | undefined; canReport: boolean };

/** An incident's status as a coloured tag. */
export function StatusTag({ status }: { status: IncidentStatus }) {
  return <Tag colour={STATUS_COLOURS[status]}>{STATUS_LABELS[status]}</Tag>;
}

/** The item an incident is about, or what stands for it: never named by the reporter, or deleted since. */
export function incidentItemLabel(row: Pick<IncidentRow, "itemCategory" | "itemInventoryNumber" | "itemUnspecified" | "className">): string {
  if (row.itemCategory === null || row.itemInventoryNumber === null) {
    return row.itemUnspecified ? "Équipement non précisé (voir la description)" : "Équipement supprimé de l'inventaire";
  }
  return `${itemLabel(row.itemCategory, row.itemInventoryNumber)} (${row.className ?? "toute l'école"})`;
}

/** List with a status filter, open incidents first. */
export function IncidentsPage({ ctx, incidents, status, canReport }: Props) {
  const base = `/t/${ctx.territory!.code}/incidents`;
  const options = [{ value: "", text: "Tous" }, ...(["nouveau", "en_cours", "resolu"] as const).map((s) => ({ value: s, text: STATUS_LABELS[s] }))];
  return (
    <Layout ctx={ctx} title="Incidents" wide>
      <h1 class="govuk-heading-l">Incidents sur les équipements des écoles</h1>
      <p class="govuk-body">Un équipement signalé passe en panne ; pris en charge, il est en réparation ; une fois l'incident résolu, il est remis en service ou réformé. Chaque étape est envoyée par courriel à la personne qui a signalé.</p>
      {canReport ? <LinkButton href={`${base}/nouveau`}>Signaler un équipement en panne</LinkButton> : null}
      <form method="get" action={base} class="maillage-filters" novalidate>
        <Select name="statut" label="État de l'incident" options={options} value={status ?? ""} />
        <Button secondary>Filtrer</Button>
      </form>
      {incidents.length === 0 ? (
        <p class="govuk-body">Aucun incident.</p>
      ) : (
        <TableScroll label={String(incidents.length === 1 ? "1 incident" : `${incidents.length} incidents`)}>
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">{incidents.length === 1 ? "1 incident" : `${incidents.length} incidents`}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">N°</th>
                <th scope="col" class="govuk-table__header">Signalé le</th>
                <th scope="col" class="govuk-table__header">École</th>
                <th scope="col" class="govuk-table__header">Équipement</th>
                <th scope="col" class="govuk-table__header">État</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {incidents.map((i) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={`${base}/${i.id}`}>
                      <span class="govuk-visually-hidden">Incident </span>
                      {i.id}
                    </a>
                  </td>
                  <td class="govuk-table__cell">{formatShortDate(i.createdAt)}</td>
                  <td class="govuk-table__cell">{i.schoolName}</td>
                  <td class="govuk-table__cell">{incidentItemLabel(i)}</td>
                  <td class="govuk-table__cell">
                    <StatusTag status={i.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Layout>
  );
}
