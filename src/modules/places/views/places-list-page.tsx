// The territory's places: filters, publication state, links to add, import and export.
import { Service } from "@gouvfr-anct/lieux-de-mediation-numerique";
import { formatDateTime, formatNumber } from "../../../lib/format.js";
import { Notice, Pagination, Table, Tag } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { CsrfField } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import type { PlaceAction } from "../places.policy.js";
import type { PlaceFilters, PlaceSummary } from "../places.queries.js";

type Props = {
  ctx: PageContext;
  rows: PlaceSummary[];
  total: number;
  page: number;
  pageSize: number;
  filters: PlaceFilters;
  communes: string[];
  abilities: Set<PlaceAction>;
  notice?: string;
};

const NOTICES: Record<string, string> = {
  cree: "Le lieu a été créé.",
  enregistre: "Le lieu a été enregistré.",
  publie: "Le lieu est publié.",
  retire: "Le lieu n'est plus publié.",
};

function pageHref(base: string, filters: PlaceFilters, page: number): string {
  const query = new URLSearchParams();
  if (filters.text) query.set("recherche", filters.text);
  if (filters.commune) query.set("commune", filters.commune);
  if (filters.service) query.set("service", filters.service);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}

/** The list of places with its filter form. */
export function PlacesListPage({ ctx, rows, total, page, pageSize, filters, communes, abilities, notice }: Props) {
  const base = `/t/${ctx.territory!.code}/lieux`;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Layout ctx={ctx} title="Lieux" wide>
      {notice && NOTICES[notice] ? <Notice title={NOTICES[notice]!} success /> : null}
      <h1 class="govuk-heading-l">Lieux de médiation numérique</h1>
      <p class="govuk-body">
        Les lieux publiés apparaissent dans la recherche de lieux pour les habitants et dans les données ouvertes, au format du
        standard national des lieux de médiation numérique.
      </p>
      {abilities.has("places.manage") ? (
        <div class="govuk-button-group">
          <a href={`${base}/nouveau`} class="govuk-button" role="button" draggable={false}>
            Ajouter un lieu
          </a>
          {abilities.has("places.import") ? (
            <a href={`${base}/import`} class="govuk-button govuk-button--secondary" role="button" draggable={false}>
              Importer un fichier
            </a>
          ) : null}
        </div>
      ) : null}
      <form method="get" action={base}>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-third govuk-form-group">
            <label class="govuk-label" for="recherche">
              Rechercher
            </label>
            <div class="govuk-hint" id="recherche-hint">
              Nom, adresse, code postal ou identifiant
            </div>
            <input class="govuk-input" id="recherche" name="recherche" type="search" value={filters.text ?? ""} aria-describedby="recherche-hint" />
          </div>
          <div class="govuk-grid-column-one-third govuk-form-group">
            <label class="govuk-label" for="commune">
              Commune
            </label>
            <select class="govuk-select govuk-!-width-full" id="commune" name="commune">
              <option value="">Toutes les communes</option>
              {communes.map((name) => (
                <option value={name} selected={name === filters.commune}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <div class="govuk-grid-column-one-third govuk-form-group">
            <label class="govuk-label" for="service">
              Service
            </label>
            <select class="govuk-select govuk-!-width-full" id="service" name="service">
              <option value="">Tous les services</option>
              {Object.values(Service).map((value) => (
                <option value={value} selected={value === filters.service}>
                  {value}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
          Filtrer
        </button>
      </form>
      <Table
        caption={`${formatNumber(total)} lieu${total > 1 ? "x" : ""}`}
        rows={rows}
        empty="Aucun lieu ne correspond à ces critères."
        columns={[
          { header: "Nom", cell: (row) => <a class="govuk-link" href={`${base}/${row.id}`}>{row.nom}</a> },
          { header: "Commune", cell: (row) => `${row.commune} (${row.codePostal})` },
          { header: "Services", cell: (row) => `${row.services.length} service${row.services.length > 1 ? "s" : ""}` },
          {
            header: "Publication",
            cell: (row) => (
              <>
                {row.published ? <Tag colour="green">Publié</Tag> : <Tag colour="grey">Non publié</Tag>}
                {row.demo ? <> <Tag colour="yellow">Démonstration</Tag></> : null}
                {abilities.has("places.manage") ? (
                  <form method="post" action={`${base}/${row.id}/publication`} class="maillage-inline-form">
                    <CsrfField token={ctx.csrfToken} />
                    <input type="hidden" name="published" value={row.published ? "non" : "oui"} />{" "}
                    <button type="submit" class="maillage-link-button">
                      {row.published ? "Retirer" : "Publier"}
                      <span class="govuk-visually-hidden"> {row.nom}</span>
                    </button>
                  </form>
                ) : null}
              </>
            ),
          },
          { header: "Mis à jour", cell: (row) => formatDateTime(row.updatedAt, true) },
        ]}
      />
      <Pagination page={page} pages={pages} href={(p) => pageHref(base, filters, p)} />
      {abilities.has("places.export") ? (
        <>
          <h2 class="govuk-heading-m">Télécharger tous les lieux</h2>
          <p class="govuk-body">Au format du standard national (toutes les colonnes, dans l'ordre du standard) ou de data.inclusion.</p>
          <ul class="govuk-list">
            <li>
              <a class="govuk-link" href={`${base}/export.csv`} download>
                Fichier CSV du standard
              </a>
            </li>
            <li>
              <a class="govuk-link" href={`${base}/export.json`} download>
                Fichier JSON du standard
              </a>
            </li>
            <li>
              <a class="govuk-link" href={`${base}/export-data-inclusion.json`} download>
                Fichier JSON data.inclusion (structures et services)
              </a>
            </li>
          </ul>
        </>
      ) : null}
    </Layout>
  );
}
