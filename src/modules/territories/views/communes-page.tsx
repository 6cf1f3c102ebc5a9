// The communes of a territory and its groups of communes (e.g. the former intercommunalities it merged).
import { formatNumber } from "../../../lib/format.js";
import { Notice, TableScroll } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, Checkboxes, CsrfField, ErrorSummary, TextInput, Textarea, type FieldErrors } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import type { CommuneRow, GroupRow } from "../territories.queries.js";

type Props = {
  ctx: PageContext;
  communes: CommuneRow[];
  groups: GroupRow[];
  canManage: boolean;
  notice?: string;
  values?: { name: string; description: string; communeIds: string[] };
  errors?: FieldErrors;
};

/** Where the outlines come from (their credit, required by their licence) and how to add the missing ones. */
function ContoursNote({ communes }: { communes: CommuneRow[] }) {
  const sources = [...new Set(communes.flatMap((c) => (c.contourSource ? [c.contourSource] : [])))].sort();
  const without = communes.filter((c) => !c.hasContour).length;
  return (
    <>
      {sources.length > 0 ? <p class="govuk-body-s">Contours des communes&nbsp;: {sources.join(", ")}.</p> : null}
      {without > 0 ? (
        <p class="govuk-body-s">
          {without === 1 ? "Une commune n'a pas de contour" : `${without} communes n'ont pas de contour`}&nbsp;: la recherche de lieux mesure alors les distances depuis les lieux de la commune.
          L'opérateur de l'instance importe les contours avec <code>maillage import contours</code>.
        </p>
      ) : null}
    </>
  );
}

/** Communes table, groups, and the group form for coordinators. */
export function CommunesPage({ ctx, communes, groups, canManage, notice, values, errors = {} }: Props) {
  const code = ctx.territory!.code;
  const nameOf = new Map(communes.map((c) => [c.id, c.name]));
  return (
    <Layout ctx={ctx} title="Communes et groupes" hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} />
      {notice === "groupe" ? <Notice title="Le groupe de communes a été enregistré." success /> : null}
      {notice === "suppression" ? <Notice title="Le groupe de communes a été supprimé." success /> : null}
      <h1 class="govuk-heading-l">Communes et groupes de communes</h1>
      <h2 class="govuk-heading-m">Groupes de communes</h2>
      <p class="govuk-body">Les groupes servent à comparer, par exemple les anciennes communautés de communes réunies lors d'une fusion.</p>
      {groups.length === 0 ? (
        <p class="govuk-body">Aucun groupe pour l'instant.</p>
      ) : (
        <dl class="govuk-summary-list">
          {groups.map((g) => (
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">{g.name}</dt>
              <dd class="govuk-summary-list__value">
                {g.description ? <p class="govuk-body">{g.description}</p> : null}
                {g.communeIds.map((id) => nameOf.get(id)).filter(Boolean).join(", ")}
              </dd>
              {canManage ? (
                <dd class="govuk-summary-list__actions">
                  <form method="post" action={`/t/${code}/groupes/${g.id}/supprimer`}>
                    <CsrfField token={ctx.csrfToken} />
                    <button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0">
                      Supprimer<span class="govuk-visually-hidden"> le groupe {g.name}</span>
                    </button>
                  </form>
                </dd>
              ) : null}
            </div>
          ))}
        </dl>
      )}
      {canManage ? (
        <details class="govuk-details" open={Object.keys(errors).length > 0}>
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">Créer ou modifier un groupe</span>
          </summary>
          <div class="govuk-details__text">
            <form method="post" action={`/t/${code}/groupes`} novalidate>
              <CsrfField token={ctx.csrfToken} />
              <TextInput name="name" label="Nom du groupe" hint="Un groupe du même nom est remplacé." value={values?.name} error={errors.name} />
              <Textarea name="description" label="Description (facultatif)" rows={2} value={values?.description} error={errors.description} />
              <Checkboxes
                name="communeIds"
                label="Communes du groupe"
                small
                options={communes.map((c) => ({ value: String(c.id), text: c.name }))}
                values={values?.communeIds}
                error={errors.communeIds}
              />
              <Button>Enregistrer le groupe</Button>
            </form>
          </div>
        </details>
      ) : null}
      <TableScroll label={`${communes.length} ${communes.length > 1 ? "communes" : "commune"}`}>
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">{communes.length} {communes.length > 1 ? "communes" : "commune"}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Commune</th>
              <th scope="col" class="govuk-table__header">Code INSEE</th>
              <th scope="col" class="govuk-table__header">Codes postaux</th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">Population</th>
              <th scope="col" class="govuk-table__header">Contour</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {communes.map((c) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">{c.name}</td>
                <td class="govuk-table__cell">{c.insee}</td>
                <td class="govuk-table__cell">{c.postcodes.join(", ")}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric">{c.population == null ? "—" : formatNumber(c.population)}</td>
                <td class="govuk-table__cell">{c.hasContour ? "Oui" : "Non"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <ContoursNote communes={communes} />
    </Layout>
  );
}
