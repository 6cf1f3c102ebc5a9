// A place as people who may read but not change it see it (mediators, elected officials).
import { PageHeading, SummaryList, Tag } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Layout } from "../../../ui/layout.js";
import { typologieLabels } from "../domain/typologie-labels.js";
import type { LieuRecord } from "../import-export/lieu-record.js";
import { FIELD_BY_NAME, PLACE_SECTIONS } from "../place-form.js";
import { PlaceHours } from "./place-hours.js";

function shown(record: LieuRecord, name: string): string | undefined {
  const value = record[name as keyof LieuRecord];
  if (value === undefined) return undefined;
  if (name === "typologie") return (value as (keyof typeof typologieLabels)[]).map((code) => typologieLabels[code] ?? code).join(", ");
  return Array.isArray(value) ? value.join(", ") : String(value);
}

/** Every filled field of the standard, by section, and the opening hours in plain French. */
export function PlacePage({ ctx, record, published, now }: { ctx: PageContext; record: LieuRecord; published: boolean; now: Date }) {
  return (
    <Layout ctx={ctx} title={record.nom}>
      <a href={`/t/${ctx.territory!.code}/lieux`} class="govuk-back-link">
        Retour aux lieux
      </a>
      <PageHeading caption="Lieux de médiation numérique">{record.nom}</PageHeading>
      <p class="govuk-body">{published ? <Tag colour="green">Publié</Tag> : <Tag colour="grey">Non publié</Tag>}</p>
      <h2 class="govuk-heading-m">Horaires</h2>
      <PlaceHours horaires={record.horaires} now={now} codeInsee={record.code_insee} />
      {PLACE_SECTIONS.map((section) => {
        const rows = section.fields
          .filter((name) => name !== "horaires")
          .map((name) => ({ key: FIELD_BY_NAME.get(name)!.label, value: shown(record, name) }))
          .filter((row): row is { key: string; value: string } => row.value !== undefined);
        if (rows.length === 0) return null;
        return (
          <>
            <h2 class="govuk-heading-m">{section.title}</h2>
            <SummaryList rows={rows} />
          </>
        );
      })}
      <SummaryList
        rows={[
          { key: "Identifiant", value: record.id },
          { key: "Date de mise à jour", value: record.date_maj },
        ]}
      />
    </Layout>
  );
}
