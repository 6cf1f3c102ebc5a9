// Web import of schools files: the upload form (which file, what to do with invalid rows), then the import's
// progress (updated in place by a small script, or by the "Actualiser" link) and its report.
import { formatDateTime } from "../../../lib/format.js";
import { Table, Tag } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, ErrorSummary, Radios, type FieldErrors } from "../../../ui/form.js";
import { FileUpload, IMPORT_STATUS, ImportProgress, ImportStarted, InvalidRowsChoice, isImportRunning, LiveProgress } from "../../../ui/import-parts.js";
import { Layout } from "../../../ui/layout.js";
import { rowsToWrite, type SchoolsImportRow } from "../schools-import-jobs.js";
import { IMPORT_NOUNS, type SchoolsImportKind } from "../schools-import.js";
import type { SchoolAction } from "../schools.policy.js";
import { SchoolsSubNav, plural, schoolsBase } from "./shared.js";

const KIND_OPTIONS: { value: SchoolsImportKind; text: string; hint: string }[] = [
  {
    value: "ecoles",
    text: "Écoles (annuaire de l'éducation)",
    hint: "Export CSV de l'annuaire de l'éducation (séparateur « ; »). Seules les écoles ouvertes des communes du territoire sont importées ; les autres lignes sont listées avec leur UAI et la raison.",
  },
  { value: "classes", text: "Classes", hint: "Colonnes, séparées par des points-virgules : uai, classe, niveaux, eleves. Niveaux séparés par « | », par exemple CE2|CM1." },
  {
    value: "equipements",
    text: "Équipements",
    hint: "Colonnes, séparées par des points-virgules : uai, classe, categorie, numero_inventaire, modele, date_acquisition, cout_ttc, source_financement, fin_garantie, etat. Classe vide : toute l'école. Un équipement déjà inventorié est mis à jour par son numéro d'inventaire.",
  },
  { value: "raccordements", text: "Raccordement à internet", hint: "Colonnes, séparées par des points-virgules : uai, raccordement, debit_mbps, date_mesure. Raccordement : fibre, cuivre, radio (4G ou 5G), satellite ou aucun ; débit en Mbit/s et date facultatifs." },
];

const KIND_TITLES: Record<SchoolsImportKind, string> = { ecoles: "Import d'écoles", classes: "Import de classes", equipements: "Import d'équipements", raccordements: "Import de raccordements" };


/** The upload form, with the latest imports below. */
export function SchoolsImportFormPage(props: { ctx: PageContext; abilities: Set<SchoolAction>; recent: SchoolsImportRow[]; errors?: FieldErrors; kind?: string; skipInvalid?: string }) {
  const { ctx, errors = {} } = props;
  const base = schoolsBase(ctx);
  const error = errors.fichier;
  return (
    <Layout ctx={ctx} title="Importer des fichiers des écoles" hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">Importer des fichiers des écoles</h1>
      <SchoolsSubNav ctx={ctx} abilities={props.abilities} current="/import" />
      <p class="govuk-body">Importez d'abord les écoles, puis les classes, puis les équipements : chaque fichier s'appuie sur les précédents.</p>
      <form method="post" action={`${base}/import`} enctype="multipart/form-data" novalidate>
        {/* The token as the first field: never in the address (the handler checks it once the parts are read). */}
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <Radios name="type" label="Que contient le fichier ?" legendSize="m" value={props.kind ?? "ecoles"} error={errors.type} options={KIND_OPTIONS} />
        <FileUpload hint="CSV (UTF-8 ou Windows-1252), 50 Mo au plus." accept=".csv,text/csv" error={error} />
        <InvalidRowsChoice value={props.skipInvalid} />
        <Button>Importer le fichier</Button>
      </form>
      <Table
        caption="Derniers imports"
        rows={props.recent}
        empty="Aucun import pour l'instant."
        columns={[
          { header: "Fichier", cell: (r) => <a class="govuk-link" href={`${base}/import/${r.id}`}>{r.filename}</a> },
          { header: "Contenu", cell: (r) => IMPORT_NOUNS[r.kind].many },
          { header: "Lancé", cell: (r) => formatDateTime(r.createdAt, true) },
          { header: "État", cell: (r) => <Tag colour={IMPORT_STATUS[r.status].colour}>{IMPORT_STATUS[r.status].text}</Tag> },
        ]}
      />
    </Layout>
  );
}

function Progress({ row }: { row: SchoolsImportRow }) {
  return (
    <ImportProgress
      checking={row.status === "pending" || row.totalRows === 0}
      checkingLabel="Vérification des lignes"
      importedRows={row.importedRows}
      toWrite={rowsToWrite(row)}
      noun={IMPORT_NOUNS[row.kind].many}
    />
  );
}

/** Progress while the import runs, then its report. */
export function SchoolsImportStatusPage({ ctx, row, autoRefresh }: { ctx: PageContext; row: SchoolsImportRow; autoRefresh: boolean }) {
  const base = schoolsBase(ctx);
  const running = isImportRunning(row.status);
  const noun = IMPORT_NOUNS[row.kind];
  const rejected = row.errors.filter((e) => !e.skipped);
  const skipped = row.errors.filter((e) => e.skipped);
  return (
    <Layout ctx={ctx} title={`${KIND_TITLES[row.kind]} : ${row.filename}`}>
      <a href={`${base}/import`} class="govuk-back-link">
        Retour aux imports
      </a>
      <h1 class="govuk-heading-l">
        <span class="govuk-caption-l">{KIND_TITLES[row.kind]}</span>
        {row.filename}
      </h1>
      <ImportStarted row={row} />
      {running ? (
        <LiveProgress autoRefresh={autoRefresh}>
          <Progress row={row} />
        </LiveProgress>
      ) : row.status === "failed" ? (
        <p class="govuk-body">L'import s'est arrêté sur une erreur inattendue. Les lignes déjà enregistrées le restent : vous pouvez relancer l'import.</p>
      ) : (
        <>
          <p class="govuk-body-l">
            {plural(row.importedRows, noun.importedOne, noun.importedMany)} sur{" "}
            {plural(row.totalRows, "ligne", "lignes")}.
          </p>
          {rejected.length > 0 && !row.skipInvalid ? (
            <p class="govuk-body">Le fichier contient des lignes invalides : rien n'a été importé. Corrigez-les puis importez le fichier à nouveau, ou choisissez d'importer les lignes valides.</p>
          ) : null}
        </>
      )}
      {!running && row.errors.length > 0 ? (
        <>
          <p class="govuk-body">
            <a class="govuk-link" href={`${base}/import/${row.id}/rapport.csv`} download>
              Télécharger le compte rendu (CSV : ligne, UAI, statut, champ, raison)
            </a>
          </p>
          {rejected.length > 0 ? (
            <Table
              caption={plural(rejected.length, "erreur", "erreurs")}
              rows={rejected.slice(0, 200)}
              columns={[
                { header: "Ligne", cell: (e) => String(e.line), numeric: true },
                { header: "Champ", cell: (e) => e.field },
                { header: "Raison", cell: (e) => e.reason },
              ]}
            />
          ) : null}
          {skipped.length > 0 ? (
            <Table
              caption={`${plural(skipped.length, "ligne ignorée", "lignes ignorées")} (hors écoles du territoire)`}
              rows={skipped.slice(0, 200)}
              columns={[
                { header: "Ligne", cell: (e) => String(e.line), numeric: true },
                { header: "UAI", cell: (e) => e.uai ?? "" },
                { header: "Raison", cell: (e) => e.reason },
              ]}
            />
          ) : null}
          {rejected.length > 200 || skipped.length > 200 ? <p class="govuk-body">Les 200 premières lignes de chaque liste sont affichées ; le compte rendu les contient toutes.</p> : null}
        </>
      ) : null}
    </Layout>
  );
}
