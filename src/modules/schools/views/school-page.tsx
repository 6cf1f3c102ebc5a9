// One school: its details and referents, its compliance with the reference set, its classes and equipment.
import { describeConnection } from "../domain/connection.js";
import { formatNumber } from "../../../lib/format.js";
import { Notice, SummaryList, Table, TableScroll } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, CsrfField } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import type { SchoolCompliance, Socle } from "../domain/socle.js";
import type { SchoolAction } from "../schools.policy.js";
import type { ClassRow, ReferentRow, SchoolRow } from "../schools.queries.js";
import { KIND_LABELS, Num, NumHead, SchoolsSubNav, categoryLabel, percent, schoolsBase } from "./shared.js";

type Props = {
  ctx: PageContext;
  abilities: Set<SchoolAction>;
  school: SchoolRow;
  classes: (ClassRow & { items: number })[];
  referents: ReferentRow[];
  candidates: ReferentRow[];
  socle: Socle;
  compliance: SchoolCompliance;
  categories: { category: string; total: number; counted: number }[];
  notice?: string | undefined;
};

const NOTICES: Record<string, string> = { enregistre: "Les informations de l'école sont enregistrées.", referents: "Les référents de l'école sont à jour." };

/** Compliance of one school, element by element. */
export function SchoolComplianceTable({ socle, compliance, caption }: { socle: Socle; compliance: SchoolCompliance; caption: string }) {
  const label = (code: string) => socle.elements.find((e) => e.code === code)?.label ?? code;
  return (
    <TableScroll label={String(caption)}>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">Élément</th>
            <NumHead>Requis</NumHead>
            <NumHead>Présents</NumHead>
            <NumHead>Manque</NumHead>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {compliance.elements.map((e) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">{label(e.element)}</th>
              <Num>{formatNumber(e.requis)}</Num>
              <Num>{formatNumber(e.present)}</Num>
              <Num>{e.manque > 0 ? <strong>{formatNumber(e.manque)}</strong> : "0"}</Num>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function Referents({ ctx, base, school, referents, candidates, canManage }: { ctx: PageContext; base: string; school: SchoolRow; referents: ReferentRow[]; candidates: ReferentRow[]; canManage: boolean }) {
  const others = candidates.filter((c) => !referents.some((r) => r.userId === c.userId));
  return (
    <>
      <h2 class="govuk-heading-m">Référents de l'école</h2>
      {referents.length === 0 ? <p class="govuk-body">Aucun référent.</p> : null}
      <ul class="govuk-list">
        {referents.map((r) => (
          <li>
            {r.displayName || r.email} ({r.email})
            {canManage ? (
              <form method="post" action={`${base}/${school.id}/referents`} class="maillage-inline-form">
                <CsrfField token={ctx.csrfToken} />
                <input type="hidden" name="utilisateur" value={String(r.userId)} />
                <input type="hidden" name="action" value="retirer" />{" "}
                <button type="submit" class="maillage-link-button">
                  Retirer<span class="govuk-visually-hidden"> {r.email} des référents</span>
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      {canManage && others.length > 0 ? (
        <form method="post" action={`${base}/${school.id}/referents`}>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="action" value="ajouter" />
          <div class="govuk-form-group">
            <label class="govuk-label" for="utilisateur">
              Ajouter un référent (membre du territoire ayant le rôle de référent d'école)
            </label>
            <select class="govuk-select" id="utilisateur" name="utilisateur">
              {others.map((c) => (
                <option value={String(c.userId)}>{c.displayName ? `${c.displayName} (${c.email})` : c.email}</option>
              ))}
            </select>
          </div>
          <Button secondary>Ajouter</Button>
        </form>
      ) : null}
    </>
  );
}

/** The school's page. */
export function SchoolPage(props: Props) {
  const { ctx, abilities, school, classes, socle, compliance, categories } = props;
  const base = schoolsBase(ctx);
  const canManage = abilities.has("schools.manage");
  const notice = props.notice ? NOTICES[props.notice] : undefined;
  return (
    <Layout ctx={ctx} title={school.name} wide>
      {notice ? <Notice title={notice} success /> : null}
      <a href={base} class="govuk-back-link">
        Retour aux écoles
      </a>
      <h1 class="govuk-heading-l">
        <span class="govuk-caption-l">
          {KIND_LABELS[school.kind] ?? school.kind} — {school.communeName ?? school.communeInsee}
        </span>
        {school.name}
      </h1>
      <SchoolsSubNav ctx={ctx} abilities={abilities} current="" />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <h2 class="govuk-heading-m">Informations</h2>
          <SummaryList
            rows={[
              { key: "Code UAI", value: school.uai },
              { key: "Adresse", value: school.address || "—" },
              { key: "Direction", value: school.headTeacher || "—" },
              { key: "Élèves", value: school.pupils === null ? "—" : formatNumber(school.pupils) },
              { key: "Enseignants", value: school.teachers === null ? "—" : formatNumber(school.teachers) },
              { key: "Raccordement à internet", value: describeConnection(school) },
            ]}
          />
          {canManage ? (
            <p class="govuk-body">
              <a class="govuk-link" href={`${base}/${school.id}/modifier`}>
                Modifier les informations<span class="govuk-visually-hidden"> de {school.name}</span>
              </a>
            </p>
          ) : null}
          <Referents ctx={ctx} base={base} school={school} referents={props.referents} candidates={props.candidates} canManage={canManage} />
        </div>
        <div class="govuk-grid-column-one-half">
          <h2 class="govuk-heading-m">Socle numérique : {percent(compliance.compliance)}</h2>
          <p class="govuk-body">
            {formatNumber(compliance.met)} sur {formatNumber(compliance.requis)} équipements requis par le socle « {socle.label} » (version {socle.version}).
          </p>
          <SchoolComplianceTable socle={socle} compliance={compliance} caption="Conformité au socle, élément par élément" />
        </div>
      </div>
      <Table
        caption="Classes"
        rows={classes}
        empty="Aucune classe : importez le fichier des classes (uai;classe;niveaux;eleves)."
        columns={[
          { header: "Classe", cell: (c) => <a class="govuk-link" href={`${base}/inventaire?ecole=${school.id}&classe=${c.id}`}>{c.name}</a> },
          { header: "Niveaux", cell: (c) => c.levels.join(", ") },
          { header: "Élèves", cell: (c) => (c.pupils === null ? "—" : formatNumber(c.pupils)), numeric: true },
          { header: "Équipements", cell: (c) => formatNumber(c.items), numeric: true },
        ]}
      />
      <Table
        caption="Équipements par catégorie"
        rows={categories}
        empty="Aucun équipement inventorié."
        columns={[
          { header: "Catégorie", cell: (c) => categoryLabel(c.category) },
          { header: "Au total", cell: (c) => formatNumber(c.total), numeric: true },
          { header: "En service ou en réparation", cell: (c) => formatNumber(c.counted), numeric: true },
        ]}
      />
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href={`${base}/inventaire?ecole=${school.id}`}>
            Voir l'inventaire de l'école
          </a>
        </li>
        {canManage ? (
          <li>
            <a class="govuk-link" href={`${base}/${school.id}/equipements/nouveau`}>
              Ajouter un équipement
            </a>
          </li>
        ) : null}
      </ul>
    </Layout>
  );
}
