// Web imports of the regulator's connectivity files and INSEE indicator files: the upload form, then the
// import's progress and report (rows of other communes skipped, quarters or indicators found, rejected rows).
import type { ComponentChildren } from "preact";
import { formatNumber } from "../../../lib/format.js";
import { PageHeading, Table } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, ErrorSummary, type FieldErrors } from "../../../ui/form.js";
import { FileUpload, ImportProgress, ImportStarted, InvalidRowsChoice, isImportRunning, LiveProgress, RejectedRows } from "../../../ui/import-parts.js";
import { Layout } from "../../../ui/layout.js";
import { criterionLabel } from "../domain/fragility-index.js";
import { quarterLabel } from "../../connectivity/import-export/arcep-files.js";
import type { ObservatoryImportKind, ObservatoryImportRow } from "../observatory-import-jobs.js";

type KindText = { title: string; caption: string; back: { href: string; text: string }; hint: string; accept: string; intro: ComponentChildren; noun: string };

/** What the pages say for each kind of import, and where they live (below /t/:code). */
export const IMPORT_TEXT: Record<ObservatoryImportKind, KindText & { path: string }> = {
  connectivite: {
    path: "/connectivite/import",
    title: "Importer un fichier de connectivité",
    caption: "Connectivité",
    back: { href: "/connectivite", text: "Retour à la connectivité" },
    hint: "CSV « ; » (UTF-8) ou classeur .xlsx, 50 Mo au plus.",
    accept: ".csv,.xlsx,text/csv",
    noun: "chiffres",
    intro: (
      <>
        <p class="govuk-body">Fichiers par commune de l'Arcep, reconnus par leur en-tête :</p>
        <ul class="govuk-list govuk-list--bullet">
          <li>« Ma connexion internet » : <code>commune_techno.csv</code>, <code>commune_meilleure_techno_thd.csv</code> ou <code>commune_debit_filaire.csv</code> (classes de débit cumulatives actuelles ou anciennes classes exclusives) ;</li>
          <li>l'observatoire du déploiement FttH (<code>…-obs-hd-thd-deploiement.xlsx</code>, feuille « Communes », un trimestre par colonne).</li>
        </ul>
        <p class="govuk-body">Les lignes des communes hors du territoire sont comptées comme ignorées. Un trimestre déjà importé est remplacé.</p>
      </>
    ),
  },
  indicateurs: {
    path: "/observatoire/indicateurs/import",
    title: "Importer des indicateurs de l'Insee",
    caption: "Observatoire",
    back: { href: "/observatoire/indicateurs", text: "Retour au catalogue des indicateurs" },
    hint: "CSV « ; » de l'Insee par commune (colonne CODGEO), 50 Mo au plus.",
    accept: ".csv,text/csv",
    noun: "valeurs",
    intro: (
      <>
        <p class="govuk-body">
          Fichiers de l'Insee par commune : structure de la population (<code>base-cc-evol-struct-pop</code>), diplômes
          (<code>base-cc-diplomes-formation</code>), ménages et familles (<code>base-cc-couples-familles-menages</code>), emploi
          (<code>base-cc-emploi-pop-active</code>) et taux de pauvreté de Filosofi (<code>FILO…_DISP_PAUVRES_COM</code>). Le millésime
          se lit dans le préfixe des colonnes (<code>P21_</code>, <code>C21_</code>, <code>TP6021</code>).
        </p>
        <p class="govuk-body">Les valeurs « s » et « nd » (secret statistique) sont gardées comme manquantes. La ligne de l'intercommunalité (son SIREN), si le fichier l'a, sert de repli là où le taux de pauvreté d'une commune est secret.</p>
      </>
    ),
  },
};

/** The upload form. */
export function ObservatoryImportFormPage({ ctx, kind, errors = {}, skipInvalid, recent }: { ctx: PageContext; kind: ObservatoryImportKind; errors?: FieldErrors; skipInvalid?: string; recent: ObservatoryImportRow[] }) {
  const base = `/t/${ctx.territory!.code}`;
  const text = IMPORT_TEXT[kind];
  return (
    <Layout ctx={ctx} title={text.title} hasErrors={Object.keys(errors).length > 0}>
      <a href={`${base}${text.back.href}`} class="govuk-back-link">
        {text.back.text}
      </a>
      <ErrorSummary errors={errors} />
      <PageHeading caption={text.caption}>{text.title}</PageHeading>
      {text.intro}
      <form method="post" action={`${base}${text.path}`} enctype="multipart/form-data" novalidate>
        {/* The token as the first field: never in the address (the handler checks it once the parts are read). */}
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <FileUpload hint={text.hint} accept={text.accept} error={errors.fichier} />
        <InvalidRowsChoice value={skipInvalid} />
        <Button>Importer le fichier</Button>
      </form>
      {recent.length > 0 ? (
        <Table
          caption="Derniers imports"
          rows={recent}
          columns={[
            { header: "Fichier", cell: (r) => <a class="govuk-link" href={`${base}${text.path}/${r.id}`}>{r.filename}</a> },
            { header: "Lignes", cell: (r) => formatNumber(r.totalRows), numeric: true },
            { header: "Importées", cell: (r) => formatNumber(r.importedRows), numeric: true },
            { header: "Erreurs", cell: (r) => formatNumber(r.errors.length), numeric: true },
          ]}
        />
      ) : null}
    </Layout>
  );
}

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n > 1 ? many : one}`;

function Outcome({ row, kind }: { row: ObservatoryImportRow; kind: ObservatoryImportKind }) {
  if (row.status === "failed") return <p class="govuk-body">L'import s'est arrêté sur une erreur inattendue. Les lignes déjà enregistrées le restent : vous pouvez relancer l'import.</p>;
  const { summary } = row;
  const found = summary.found ?? [];
  return (
    <>
      {summary.label ? <p class="govuk-body">Fichier reconnu : {summary.label}.</p> : null}
      <p class="govuk-body-l">
        {plural(row.importedRows, kind === "connectivite" ? "chiffre importé" : "valeur importée", kind === "connectivite" ? "chiffres importés" : "valeurs importées")} depuis {plural(row.totalRows, "ligne", "lignes")} ;{" "}
        {plural(summary.skipped ?? 0, "ligne d'une autre commune ignorée", "lignes d'autres communes ignorées")}.
      </p>
      {found.length > 0 ? (
        <p class="govuk-body">
          {kind === "connectivite" ? `Trimestres : ${found.map(quarterLabel).join(", ")}.` : `Indicateurs : ${found.map(criterionLabel).join(" ; ")}.`}
        </p>
      ) : null}
      {row.importedRows === 0 && row.errors.length > 0 && !row.skipInvalid ? (
        <p class="govuk-body">Le fichier contient des lignes invalides : rien n'a été importé. Corrigez-les puis importez le fichier à nouveau, ou choisissez d'importer les lignes valides.</p>
      ) : null}
    </>
  );
}

/** Progress while the import runs, then its report. */
export function ObservatoryImportStatusPage({ ctx, kind, row, autoRefresh }: { ctx: PageContext; kind: ObservatoryImportKind; row: ObservatoryImportRow; autoRefresh: boolean }) {
  const base = `/t/${ctx.territory!.code}`;
  const text = IMPORT_TEXT[kind];
  const running = isImportRunning(row.status);
  return (
    <Layout ctx={ctx} title={`Import de ${row.filename}`}>
      <a href={`${base}${text.back.href}`} class="govuk-back-link">
        {text.back.text}
      </a>
      <PageHeading caption={text.title}>{row.filename}</PageHeading>
      <ImportStarted row={row} />
      {running ? (
        <LiveProgress autoRefresh={autoRefresh}>
          <ImportProgress checking={row.status === "pending" || row.totalRows === 0} checkingLabel="Vérification des lignes" importedRows={row.importedRows} toWrite={row.summary.toWrite ?? 0} noun={text.noun} />
        </LiveProgress>
      ) : (
        <Outcome row={row} kind={kind} />
      )}
      {!running && row.errors.length > 0 ? <RejectedRows errors={row.errors} reportHref={`${base}${text.path}/${row.id}/rapport.csv`} /> : null}
      <p class="govuk-body">
        <a class="govuk-link" href={`${base}${text.path}`}>
          Importer un autre fichier
        </a>
      </p>
    </Layout>
  );
}
