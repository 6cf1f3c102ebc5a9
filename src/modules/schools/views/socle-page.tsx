// The reference set in force (default or the territory's latest version), its versions, and the lifetimes
// per category used for expected ends of life.
import { formatDateTime, formatNumber } from "../../../lib/format.js";
import { Notice, Table } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Layout } from "../../../ui/layout.js";
import { CATEGORY_LABELS, EQUIPMENT_CATEGORIES, type LifetimeTable } from "../domain/categories.js";
import type { Requirement } from "../domain/socle.js";
import type { SchoolAction } from "../schools.policy.js";
import type { CurrentSocle, SocleVersionRow } from "../settings.queries.js";
import { SchoolsSubNav, categoryLabel, schoolsBase } from "./shared.js";

/** A requirement in French: "1 par classe", "12 par groupe de 4 classes commencé", "1 par école". */
export function requirementText(r: Requirement): string {
  if (r.kind === "per_class") return `${formatNumber(r.count)} par classe`;
  if (r.kind === "per_class_group") return `${formatNumber(r.count)} par groupe de ${formatNumber(r.groupSize)} classes commencé`;
  return `${formatNumber(r.count)} par école`;
}

const NOTICES: Record<string, string> = { socle: "La nouvelle version du socle s'applique désormais.", durees: "Les durées de vie sont enregistrées." };

/** The reference-set page. */
export function SoclePage(props: { ctx: PageContext; abilities: Set<SchoolAction>; current: CurrentSocle; versions: SocleVersionRow[]; lifetimes: LifetimeTable; notice?: string | undefined }) {
  const { ctx, abilities, current, versions, lifetimes } = props;
  const base = schoolsBase(ctx);
  const { socle } = current;
  const notice = props.notice ? NOTICES[props.notice] : undefined;
  return (
    <Layout ctx={ctx} title="Socle numérique" wide>
      {notice ? <Notice title={notice} success /> : null}
      <h1 class="govuk-heading-l">Socle numérique des écoles</h1>
      <SchoolsSubNav ctx={ctx} abilities={abilities} current="/socle" />
      <p class="govuk-body-l">
        {socle.label} — version {socle.version}
      </p>
      <p class="govuk-body">
        {current.versionId === null
          ? "Socle par défaut : le socle numérique de base des écoles élémentaires de 2021, rendu dénombrable. Le territoire ne l'a pas encore modifié."
          : `Version du territoire enregistrée le ${formatDateTime(current.createdAt!, true)}${current.createdBy ? ` par ${current.createdBy}` : ""}.`}{" "}
        Un équipement compte lorsqu'il est en service ou en réparation. Un élément « par classe » est atteint dans une classe qui détient les
        équipements requis ; les autres éléments comptent les équipements de toute l'école.
      </p>
      <Table
        caption="Éléments du socle"
        rows={[...socle.elements]}
        columns={[
          { header: "Élément", cell: (e) => <>{e.label} <span class="govuk-body-s">({e.code})</span></> },
          { header: "Catégories comptées", cell: (e) => e.categories.map(categoryLabel).join(", ") },
          { header: "Requis", cell: (e) => requirementText(e.requirement) },
          { header: "Achat pour combler un manque", cell: (e) => categoryLabel(e.purchaseCategory) },
        ]}
      />
      {abilities.has("socle.edit") ? (
        <a href={`${base}/socle/modifier`} class="govuk-button" role="button" draggable={false} data-module="govuk-button">
          Modifier le socle
        </a>
      ) : null}
      {versions.length > 0 ? (
        <Table
          caption="Versions enregistrées par le territoire"
          rows={versions}
          columns={[
            { header: "Version", cell: (v) => v.version },
            { header: "Libellé", cell: (v) => v.label },
            { header: "Éléments", cell: (v) => formatNumber(v.elements), numeric: true },
            { header: "Enregistrée", cell: (v) => `${formatDateTime(v.createdAt, true)}${v.createdBy ? `, ${v.createdBy}` : ""}` },
          ]}
        />
      ) : null}
      <Table
        caption="Durées de vie par catégorie (années)"
        rows={[...EQUIPMENT_CATEGORIES]}
        columns={[
          { header: "Catégorie", cell: (c) => CATEGORY_LABELS[c] },
          { header: "Durée de vie", cell: (c) => `${formatNumber(lifetimes[c])} ans`, numeric: true },
        ]}
      />
      <p class="govuk-body">
        La fin de vie prévue d'un équipement est sa date d'acquisition augmentée de la durée de vie de sa catégorie. Ces durées sont des
        hypothèses de planification, à adapter par le territoire.
      </p>
      {abilities.has("socle.edit") ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`${base}/socle/durees-de-vie`}>
            Modifier les durées de vie
          </a>
        </p>
      ) : null}
    </Layout>
  );
}
