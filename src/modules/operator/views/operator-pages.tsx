// Operator pages.
import type { JobStatus } from "../../../db/schema/index.js";
import { formatDateTime, formatNumber } from "../../../lib/format.js";
import { Notice, SummaryList, TableScroll, Tag } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { CsrfField, TextInput } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import type { JobRow } from "../../jobs/jobs.queue.js";
import type { MailRow } from "../../mail/mail.queries.js";
import type { GeoSearchResult } from "../../territories/geography.js";

type TerritorySummary = { code: string; name: string; kind: string; communes: number; population: number; demo: boolean };

/** The operators' pages; the stored-mail pages exist only outside production (operator.routes.tsx). */
function OperatorNav({ ctx }: { ctx: PageContext }) {
  return (
    <ul class="govuk-list">
      <li><a class="govuk-link" href="/operateur">Territoires</a></li>
      <li><a class="govuk-link" href="/operateur/taches">Tâches de fond</a></li>
      <li><a class="govuk-link" href="/operateur/journal">Journal de l'instance</a></li>
      {ctx.devMode ? <li><a class="govuk-link" href="/operateur/courriels">Courriels enregistrés (développement)</a></li> : null}
    </ul>
  );
}

/** Territories of the instance and the search to create one from the official geography. */
export function OperatorHomePage({ ctx, query, results, territories, created }: { ctx: PageContext; query: string; results: GeoSearchResult[]; territories: TerritorySummary[]; created: string }) {
  return (
    <Layout ctx={ctx} title="Exploitation">
      {created ? <Notice title={`Le territoire ${created} est prêt, avec ses communes.`} success /> : null}
      <h1 class="govuk-heading-l">Exploitation de l'instance</h1>
      <OperatorNav ctx={ctx} />
      <h2 class="govuk-heading-m">Créer un territoire</h2>
      <form method="get" action="/operateur" role="search">
        <TextInput name="q" type="search" label="Nom ou code officiel" hint="Intercommunalité (SIREN), commune (code INSEE) ou département, par exemple « Parthenay »." value={query} />
        <button type="submit" class="govuk-button govuk-button--secondary">Rechercher</button>
      </form>
      {query && results.length === 0 ? <p class="govuk-body">Aucun résultat pour « {query} ».</p> : null}
      {results.length > 0 ? (
        <TableScroll label={`Résultats pour « ${query} »`}>
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--s">Résultats pour « {query} »</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">Nom</th>
                <th scope="col" class="govuk-table__header">Code</th>
                <th scope="col" class="govuk-table__header">Action</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {results.map((r) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">{r.name}<br /><span class="govuk-hint">{r.detail}</span></td>
                  <td class="govuk-table__cell">{r.code}</td>
                  <td class="govuk-table__cell">
                    <form method="post" action="/operateur/territoires">
                      <CsrfField token={ctx.csrfToken} />
                      <input type="hidden" name="code" value={r.code} />
                      <button type="submit" class="govuk-button govuk-!-margin-bottom-0">
                        Créer<span class="govuk-visually-hidden"> {r.name}</span>
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      <TableScroll label="Territoires de l'instance">
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">Territoires de l'instance</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Territoire</th>
              <th scope="col" class="govuk-table__header">Code</th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">Communes</th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">Population</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {territories.map((t) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">{t.name}{t.demo ? " (démonstration)" : ""}</td>
                <td class="govuk-table__cell">{t.code}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric">{formatNumber(t.communes)}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric">{formatNumber(t.population)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Layout>
  );
}

const statusLabels: Record<JobStatus, string> = { pending: "En attente", running: "En cours", done: "Terminée", failed: "En échec" };
const statusColours: Record<JobStatus, "grey" | "blue" | "green" | "red"> = { pending: "grey", running: "blue", done: "green", failed: "red" };

/** Background jobs, newest first. */
export function JobsPage({ ctx, jobs, status }: { ctx: PageContext; jobs: JobRow[]; status: JobStatus | undefined }) {
  return (
    <Layout ctx={ctx} title="Tâches de fond">
      <h1 class="govuk-heading-l">Tâches de fond</h1>
      <OperatorNav ctx={ctx} />
      <p class="govuk-body">
        Filtrer :{" "}
        {(["pending", "running", "done", "failed"] as const).map((s) => (
          <>
            <a class="govuk-link" href={`/operateur/taches?statut=${s}`} aria-current={s === status ? "page" : undefined}>{statusLabels[s]}</a>{" "}
          </>
        ))}
        <a class="govuk-link" href="/operateur/taches">Toutes</a>
      </p>
      <TableScroll label="Tâches">
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">{jobs.length} tâches{status ? ` (${statusLabels[status].toLowerCase()})` : ""}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">N°</th>
              <th scope="col" class="govuk-table__header">Tâche</th>
              <th scope="col" class="govuk-table__header">État</th>
              <th scope="col" class="govuk-table__header">Essais</th>
              <th scope="col" class="govuk-table__header">Prévue</th>
              <th scope="col" class="govuk-table__header">Dernière erreur</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {jobs.map((j) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">{j.id}</td>
                <td class="govuk-table__cell">{j.name}</td>
                <td class="govuk-table__cell"><Tag colour={statusColours[j.status]}>{statusLabels[j.status]}</Tag></td>
                <td class="govuk-table__cell">{j.attempts} / {j.maxAttempts}</td>
                <td class="govuk-table__cell">{formatDateTime(j.runAt, true)}</td>
                <td class="govuk-table__cell">{j.lastError ? j.lastError.split("\n")[0] : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Layout>
  );
}

type MailSummary = { id: number; createdAt: Date; toAddress: string; subject: string; status: string; kind: string };

/** Stored messages (development mode): lets the demo work offline. */
export function MailsPage({ ctx, mails }: { ctx: PageContext; mails: MailSummary[] }) {
  return (
    <Layout ctx={ctx} title="Courriels enregistrés">
      <h1 class="govuk-heading-l">Courriels enregistrés</h1>
      <OperatorNav ctx={ctx} />
      <TableScroll label="Derniers messages">
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">Derniers messages</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Date</th>
              <th scope="col" class="govuk-table__header">Destinataire</th>
              <th scope="col" class="govuk-table__header">Objet</th>
              <th scope="col" class="govuk-table__header">État</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {mails.map((m) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">{formatDateTime(m.createdAt, true)}</td>
                <td class="govuk-table__cell">{m.toAddress}</td>
                <td class="govuk-table__cell"><a class="govuk-link" href={`/operateur/courriels/${m.id}`}>{m.subject}</a></td>
                <td class="govuk-table__cell">{m.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Layout>
  );
}

/** One stored message, as text. */
export function MailPage({ ctx, mail }: { ctx: PageContext; mail: MailRow }) {
  return (
    <Layout ctx={ctx} title={mail.subject}>
      <a href="/operateur/courriels" class="govuk-back-link">Retour aux courriels</a>
      <h1 class="govuk-heading-l">{mail.subject}</h1>
      <SummaryList
        rows={[
          { key: "Destinataire", value: mail.toAddress },
          { key: "Date", value: formatDateTime(mail.createdAt, true) },
          { key: "État", value: mail.status },
          { key: "Pièces jointes", value: mail.attachments.map((a) => a.filename).join(", ") || "Aucune" },
        ]}
      />
      <pre class="govuk-body maillage-pre">{mail.textBody}</pre>
    </Layout>
  );
}
