// Web import of places: the upload form, then the import's progress and report.
import { plural } from "../../../lib/format.js";
import { PageHeading } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, ErrorSummary, type FieldErrors } from "../../../ui/form.js";
import { FileUpload, ImportProgress, ImportStarted, InvalidRowsChoice, isImportRunning, LiveProgress, RejectedRows } from "../../../ui/import-parts.js";
import { Layout } from "../../../ui/layout.js";
import type { PlacesImportRow } from "../places-import.js";
import { REQUIRED_COLUMNS } from "../import-export/lieu-record.js";

/** The upload form: a CSV or JSON file in the standard, and what to do with invalid rows. */
export function ImportFormPage({ ctx, errors = {}, skipInvalid }: { ctx: PageContext; errors?: FieldErrors; skipInvalid?: string }) {
  const base = `/t/${ctx.territory!.code}/lieux`;
  const error = errors.fichier;
  return (
    <Layout ctx={ctx} title="Importer des lieux" hasErrors={Object.keys(errors).length > 0}>
      <a href={base} class="govuk-back-link">
        Retour aux lieux
      </a>
      <ErrorSummary errors={errors} />
      <PageHeading caption="Lieux de médiation numérique">Importer des lieux</PageHeading>
      <p class="govuk-body">
        Le fichier suit le standard national des lieux de médiation numérique : un fichier CSV (la première ligne donne les noms des
        colonnes du standard, les valeurs multiples sont séparées par «&nbsp;|&nbsp;») ou un fichier JSON (un tableau de lieux).
      </p>
      <p class="govuk-body">
        Chaque lieu est reconnu par sa colonne <code>id</code> : un lieu déjà présent est mis à jour, les autres sont ajoutés.
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href={`${base}/import/modele.csv`} download>
          Télécharger le modèle de fichier CSV
        </a>{" "}
        (les colonnes du standard, dans son ordre, à remplir dans un tableur ; obligatoires : {REQUIRED_COLUMNS.join(", ")}). Vous pouvez aussi partir de
        l'export de vos lieux actuels, depuis la liste des lieux.
      </p>
      <form method="post" action={`${base}/import`} enctype="multipart/form-data" novalidate>
        {/* The token as the first field: never in the address (the handler checks it once the parts are read). */}
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <FileUpload hint="CSV ou JSON, 50 Mo au plus." accept=".csv,.json,text/csv,application/json" error={error} />
        <InvalidRowsChoice value={skipInvalid} />
        <Button>Importer le fichier</Button>
      </form>
    </Layout>
  );
}



function Progress({ row }: { row: PlacesImportRow }) {
  const rejected = new Set(row.errors.map((error) => error.line)).size;
  const toWrite = row.errors.length > 0 && !row.skipInvalid ? 0 : Math.max(0, row.totalRows - rejected);
  return (
    <ImportProgress
      checking={row.status === "pending" || row.totalRows === 0}
      checkingLabel={`Vérification des lignes : ${plural(row.processedRows, "ligne vérifiée", "lignes vérifiées")}`}
      importedRows={row.importedRows}
      toWrite={toWrite}
      noun="lieux"
    />
  );
}

function Outcome({ row }: { row: PlacesImportRow }) {
  if (row.status === "failed") return <p class="govuk-body">L'import s'est arrêté sur une erreur inattendue. Les lieux déjà enregistrés le restent : vous pouvez relancer l'import.</p>;
  const nothing = row.importedRows === 0 && row.errors.length > 0;
  return (
    <>
      <p class="govuk-body-l">
        {plural(row.importedRows, "lieu importé", "lieux importés")} sur {plural(row.totalRows, "ligne", "lignes")}.
      </p>
      {nothing && !row.skipInvalid ? (
        <p class="govuk-body">Le fichier contient des lignes invalides : rien n'a été importé. Corrigez-les puis importez le fichier à nouveau, ou choisissez d'importer les lignes valides.</p>
      ) : null}
    </>
  );
}

/** Progress while the import runs (updated in place by a small script, or by the "Actualiser" link), then its report. */
export function ImportStatusPage({ ctx, row, autoRefresh }: { ctx: PageContext; row: PlacesImportRow; autoRefresh: boolean }) {
  const base = `/t/${ctx.territory!.code}/lieux`;
  const running = isImportRunning(row.status);
  return (
    <Layout ctx={ctx} title={`Import de ${row.filename}`}>
      <a href={base} class="govuk-back-link">
        Retour aux lieux
      </a>
      <PageHeading caption="Import de lieux">{row.filename}</PageHeading>
      <ImportStarted row={row} />
      {running ? (
        <LiveProgress autoRefresh={autoRefresh}>
          <Progress row={row} />
        </LiveProgress>
      ) : (
        <Outcome row={row} />
      )}
      {!running && row.errors.length > 0 ? <RejectedRows errors={row.errors} reportHref={`${base}/import/${row.id}/rapport.csv`} /> : null}
      <p class="govuk-body">
        <a class="govuk-link" href={`${base}/import`}>
          Importer un autre fichier
        </a>
      </p>
    </Layout>
  );
}
