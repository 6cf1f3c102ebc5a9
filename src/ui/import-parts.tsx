// Pieces every web import shares (places, schools): the file field, the invalid-rows choice, the progress bar
// and the status tags.
import type { ComponentChildren } from "preact";
import { formatDateTime, formatNumber } from "../lib/format.js";
import { Table, Tag } from "./components.js";
import { Radios } from "./form.js";

export type ImportStatus = "pending" | "running" | "done" | "failed";

/** Text and tag colour of an import's status. */
export const IMPORT_STATUS: Record<ImportStatus, { text: string; colour: "grey" | "blue" | "green" | "red" }> = {
  pending: { text: "En attente", colour: "grey" },
  running: { text: "En cours", colour: "blue" },
  done: { text: "Terminé", colour: "green" },
  failed: { text: "Échec", colour: "red" },
};

/** Whether an import is still waiting or running (its page then shows the progress). */
export function isImportRunning(status: ImportStatus): boolean {
  return status === "pending" || status === "running";
}

/** "[status] Import lancé le …, en important les lignes valides." — the first line of an import's page. */
export function ImportStarted({ row }: { row: { status: ImportStatus; createdAt: Date; skipInvalid: boolean } }) {
  const status = IMPORT_STATUS[row.status];
  return (
    <p class="govuk-body">
      <Tag colour={status.colour}>{status.text}</Tag> Import lancé le {formatDateTime(row.createdAt, true)}
      {row.skipInvalid ? ", en important les lignes valides." : ", sans rien importer si une ligne est invalide."}
    </p>
  );
}

/** The progress of a running import, refreshed in place by init.js (unless `?actualiser=non`), or by the link. */
export function LiveProgress({ autoRefresh, children }: { autoRefresh: boolean; children: ComponentChildren }) {
  return (
    <>
      <div data-live-refresh={autoRefresh ? "2" : undefined} aria-live="polite">
        {children}
      </div>
      <p class="govuk-body">
        <a class="govuk-link" href="?actualiser=non">Actualiser la page</a> pour voir l'avancement.
      </p>
    </>
  );
}

/** The file field of an import form (field name `fichier`), with its hint and error. */
export function FileUpload({ hint, accept, error }: { hint: string; accept: string; error?: string | undefined }) {
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label class="govuk-label govuk-label--m" for="champ-fichier">
        Fichier à importer
      </label>
      <div id="champ-fichier-hint" class="govuk-hint">
        {hint}
      </div>
      {error ? (
        <p id="champ-fichier-error" class="govuk-error-message">
          <span class="govuk-visually-hidden">Erreur :</span> {error}
        </p>
      ) : null}
      <input
        class={`govuk-file-upload${error ? " govuk-file-upload--error" : ""}`}
        id="champ-fichier"
        name="fichier"
        type="file"
        accept={accept}
        aria-describedby={error ? "champ-fichier-hint champ-fichier-error" : "champ-fichier-hint"}
      />
    </div>
  );
}

/** All-or-nothing (default) or the valid rows only (field `lignes_invalides`: "rien" | "ignorer"). */
export function InvalidRowsChoice({ value }: { value: string | undefined }) {
  return (
    <Radios
      name="lignes_invalides"
      label="Si des lignes sont invalides"
      legendSize="m"
      value={value ?? "rien"}
      options={[
        { value: "rien", text: "Ne rien importer", hint: "Vous corrigez le fichier puis l'importez à nouveau." },
        { value: "ignorer", text: "Importer les lignes valides", hint: "Les lignes invalides sont listées dans le compte rendu." },
      ]}
    />
  );
}

/** The progress bar: indeterminate while rows are checked, then written rows out of those to write. */
export function ImportProgress({ checking, checkingLabel, importedRows, toWrite, noun }: { checking: boolean; checkingLabel: string; importedRows: number; toWrite: number; noun: string }) {
  if (checking) {
    return (
      <>
        <label class="govuk-label" for="avancement">
          {checkingLabel}
        </label>
        <progress id="avancement" class="govuk-!-width-full">
          Vérification en cours
        </progress>
      </>
    );
  }
  return (
    <>
      <label class="govuk-label" for="avancement">
        Enregistrement : {formatNumber(importedRows)} {noun} sur {formatNumber(toWrite)}
      </label>
      <progress id="avancement" class="govuk-!-width-full" value={importedRows} max={Math.max(1, toWrite)}>
        {formatNumber(importedRows)} sur {formatNumber(toWrite)}
      </progress>
    </>
  );
}

/** The rejected rows of a finished import: how many, the downloadable report, the first 200 in a table. */
export function RejectedRows({ errors, reportHref }: { errors: readonly { line: number; field: string; reason: string }[]; reportHref: string }) {
  return (
    <>
      <h2 class="govuk-heading-m">
        {formatNumber(errors.length)} {errors.length > 1 ? "erreurs" : "erreur"}
      </h2>
      <p class="govuk-body">
        <a class="govuk-link" href={reportHref} download>
          Télécharger le compte rendu (CSV : ligne, champ, raison)
        </a>
      </p>
      <Table
        caption="Lignes refusées"
        rows={errors.slice(0, 200)}
        columns={[
          { header: "Ligne", cell: (error) => String(error.line), numeric: true },
          { header: "Champ", cell: (error) => error.field },
          { header: "Raison", cell: (error) => error.reason },
        ]}
      />
      {errors.length > 200 ? <p class="govuk-body">Les 200 premières erreurs sont affichées ; le compte rendu les contient toutes.</p> : null}
    </>
  );
}
