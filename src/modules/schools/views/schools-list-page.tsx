// The territory's schools (or a referent's own), filterable by commune.
import { formatNumber } from "../../../lib/format.js";
import { Table } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Layout } from "../../../ui/layout.js";
import type { SchoolAction } from "../schools.policy.js";
import type { SchoolListRow } from "../schools.queries.js";
import { KIND_LABELS, SchoolsSubNav, plural, schoolsBase } from "./shared.js";

type Props = {
  ctx: PageContext;
  abilities: Set<SchoolAction>;
  rows: SchoolListRow[];
  communes: { insee: string; name: string }[];
  commune: string | undefined;
};

/** The list of schools with links to each school's page. */
export function SchoolsListPage({ ctx, abilities, rows, communes, commune }: Props) {
  const base = schoolsBase(ctx);
  return (
    <Layout ctx={ctx} title="Écoles" wide>
      <h1 class="govuk-heading-l">Écoles</h1>
      <SchoolsSubNav ctx={ctx} abilities={abilities} current="" />
      {abilities.has("territory-views.view") ? (
        <form method="get" action={base} class="govuk-!-margin-bottom-4">
          <div class="govuk-form-group">
            <label class="govuk-label" for="commune">
              Commune
            </label>
            <select class="govuk-select" id="commune" name="commune">
              <option value="">Toutes les communes</option>
              {communes.map((c) => (
                <option value={c.insee} selected={c.insee === commune}>
                  {c.name}
                </option>
              ))}
            </select>{" "}
            <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
              Filtrer
            </button>
          </div>
        </form>
      ) : null}
      <Table
        caption={plural(rows.length, "école", "écoles")}
        rows={rows}
        empty={
          abilities.has("schools.import")
            ? "Aucune école pour l'instant : importez l'annuaire de l'éducation depuis la rubrique « Importer »."
            : "Aucune école ne vous est rattachée pour l'instant."
        }
        columns={[
          { header: "École", cell: (r) => <a class="govuk-link" href={`${base}/${r.id}`}>{r.name}</a> },
          { header: "UAI", cell: (r) => r.uai },
          { header: "Type", cell: (r) => KIND_LABELS[r.kind] ?? r.kind },
          { header: "Commune", cell: (r) => r.communeName ?? r.communeInsee },
          { header: "Élèves", cell: (r) => (r.pupils === null ? "—" : formatNumber(r.pupils)), numeric: true },
          { header: "Classes", cell: (r) => formatNumber(r.classes), numeric: true },
          { header: "Équipements", cell: (r) => formatNumber(r.items), numeric: true },
        ]}
      />
    </Layout>
  );
}
