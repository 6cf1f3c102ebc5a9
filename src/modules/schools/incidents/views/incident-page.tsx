// One incident: what was reported, its photo, where it stands, and for coordinators the next step.
import { SummaryList } from "../../../../ui/components.js";
import type { PageContext } from "../../../../ui/context.js";
import { Button, CsrfField, ErrorSummary, Radios, Textarea, type FieldErrors } from "../../../../ui/form.js";
import { formatDateTime } from "../../../../lib/format.js";
import { Layout } from "../../../../ui/layout.js";
import { STATE_LABELS, isItemState } from "../../domain/categories.js";
import { BackLink, DoneNotice } from "../../../../ui/components.js";
import { canMoveTo, OUTCOME_LABELS } from "../incident-rules.js";
import type { IncidentRow } from "../incidents.queries.js";
import { incidentItemLabel, StatusTag } from "./incidents-page.js";

const notices: Record<string, string> = {
  signalement: "Le signalement est enregistré : l'équipement est noté en panne et la coordination est prévenue.",
  prise_en_charge: "L'incident est pris en charge : l'équipement est en réparation.",
  resolution: "L'incident est résolu.",
};

type Props = { ctx: PageContext; incident: IncidentRow; canFollow: boolean; values?: { outcome: string; resolution: string }; errors?: FieldErrors; notice?: string };

/** The incident's detail page. */
export function IncidentPage({ ctx, incident, canFollow, values = { outcome: "en_service", resolution: "" }, errors = {}, notice }: Props) {
  const base = `/t/${ctx.territory!.code}/incidents`;
  const i = incident;
  const state = i.itemState && isItemState(i.itemState) ? STATE_LABELS[i.itemState] : "—";
  return (
    <Layout ctx={ctx} title={`Incident n° ${i.id}`} hasErrors={Object.keys(errors).length > 0}>
      <BackLink href={base}>Incidents</BackLink>
      <ErrorSummary errors={errors} />
      <DoneNotice notice={notice} messages={notices} />
      <h1 class="govuk-heading-l">
        <span class="govuk-caption-l">{i.schoolName}</span>
        Incident n° {i.id}
      </h1>
      <SummaryList
        rows={[
          { key: "État", value: <StatusTag status={i.status} /> },
          { key: "Équipement", value: incidentItemLabel(i) },
          { key: "État de l'équipement", value: state },
          { key: "Signalé", value: `le ${formatDateTime(i.createdAt, true)}${i.reporterEmail ? ` par ${i.reporterName || i.reporterEmail}` : ""}` },
          { key: "Description", value: <p class="govuk-body maillage-pre">{i.description}</p> },
          ...(i.status === "resolu" ? [{ key: "Résolution", value: <p class="govuk-body maillage-pre">{i.resolution || "—"}</p> }] : []),
          { key: "Dernière mise à jour", value: formatDateTime(i.updatedAt, true) },
        ]}
      />
      {i.hasPhoto ? (
        <figure class="govuk-!-margin-0 govuk-!-margin-bottom-6">
          {/* maillage-chart only bounds the width to the column: the photo scales down, never overflows. */}
          <img src={`${base}/${i.id}/photo`} alt="Photo jointe au signalement" class="maillage-chart" />
          <figcaption class="govuk-body-s">
            <a class="govuk-link" href={`${base}/${i.id}/photo`}>
              Ouvrir la photo en grand
            </a>
          </figcaption>
        </figure>
      ) : null}
      {canFollow && canMoveTo(i.status, "en_cours") ? (
        <form method="post" action={`${base}/${i.id}/prise-en-charge`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <Button>Prendre en charge</Button>
        </form>
      ) : null}
      {canFollow && canMoveTo(i.status, "resolu") ? (
        <form method="post" action={`${base}/${i.id}/resolution`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <h2 class="govuk-heading-m">Résoudre l'incident</h2>
          <Radios
            name="outcome"
            label="Que devient l'équipement ?"
            legendSize="s"
            options={[
              { value: "en_service", text: OUTCOME_LABELS.en_service },
              { value: "reforme", text: OUTCOME_LABELS.reforme, hint: "Il sortira de l'inventaire compté et pourra être remplacé dans le plan." },
            ]}
            value={values.outcome}
            error={errors.outcome}
          />
          <Textarea name="resolution" label="Ce qui a été fait (envoyé à la personne qui a signalé)" value={values.resolution} error={errors.resolution} rows={3} />
          <Button>Marquer comme résolu</Button>
        </form>
      ) : null}
    </Layout>
  );
}
