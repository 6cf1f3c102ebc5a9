// Answering a person's data-protection request: the search form, then what the territory holds about them (the
// page prints as the copy given to the person) with the erasure form.
import type { MailStatus } from "../../../db/schema/index.js";
import { formatDateTime, formatNumber } from "../../../lib/format.js";
import { DoneNotice, Table } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, Checkboxes, CsrfField, ErrorSummary, TextInput } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import { statusLabels } from "../../booking/views/agenda-page.js";
import type { Contact } from "../domain/contact.js";
import type { ErasureReport } from "../personal-data.commands.js";
import type { PersonalAppointment, PersonalData } from "../personal-data.queries.js";

const TITLE = "Demandes sur les données personnelles";

const mailStatusLabels: Record<MailStatus, string> = { queued: "En attente", sent: "Envoyé", stored: "Conservé sans envoi", failed: "Échec" };
const smsStatusLabels: Record<PersonalData["sms"][number]["status"], string> = { queued: "En attente", sent: "Envoyé", failed: "Échec", skipped: "Non envoyé" };

/** "2 rendez-vous, 3 courriels et 1 SMS"; kinds with a null count are left out. */
export function countsText(counts: { appointments: number | null; mails: number | null; sms: number | null }): string {
  const parts = [
    counts.appointments === null ? null : `${formatNumber(counts.appointments)} rendez-vous`,
    counts.mails === null ? null : `${formatNumber(counts.mails)} courriel${counts.mails > 1 ? "s" : ""}`,
    counts.sms === null ? null : `${formatNumber(counts.sms)} SMS`,
  ].filter((p): p is string => p !== null);
  return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} et ${parts.at(-1)}` : (parts[0] ?? "");
}

function erasedMessage(erased: ErasureReport): string {
  const { appointments, mails, sms } = erased;
  if (appointments + mails + sms === 0) return "Il n'y avait plus rien à effacer pour cette personne.";
  const nonZero = (n: number) => (n > 0 ? n : null);
  return `Effacé\u00a0: ${countsText({ appointments: nonZero(appointments), mails: nonZero(mails), sms: nonZero(sms) })}.`;
}

/** The search form: the person's e-mail address or phone number, kept as typed when it is refused. */
export function DataRequestSearchPage({ ctx, typed, error, erased }: { ctx: PageContext; typed: string; error?: string | undefined; erased?: ErasureReport | undefined }) {
  const code = ctx.territory!.code;
  return (
    <Layout ctx={ctx} title={TITLE} hasErrors={Boolean(error)}>
      <ErrorSummary errors={error ? { contact: error } : {}} />
      {erased ? <DoneNotice notice="effacement" messages={{ effacement: erasedMessage(erased) }} /> : null}
      <h1 class="govuk-heading-l">{TITLE}</h1>
      <p class="govuk-body">
        Quand une personne demande à consulter ou à effacer ses données, retrouvez ici ce que le territoire détient sur
        elle&nbsp;: ses rendez-vous et les messages qui lui ont été envoyés. Vous pourrez imprimer ce relevé pour le lui
        remettre, puis effacer ses coordonnées.
      </p>
      <form method="post" action={`/t/${code}/donnees-personnelles`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextInput
          name="contact"
          label="Adresse électronique ou numéro de téléphone de la personne"
          hint="Par exemple prenom.nom@exemple.fr ou 06 12 34 56 78. Si la personne a donné les deux, cherchez l'un puis l'autre."
          value={typed}
          error={error}
          autocomplete="off"
          spellcheck={false}
        />
        <Button>Rechercher</Button>
      </form>
    </Layout>
  );
}

type ResultsProps = { ctx: PageContext; typed: string; contact: Contact; data: PersonalData; now: Date; confirmationError?: string | undefined };

/** What the territory holds about the contact, printable, with the erasure form when there is something to erase. */
export function DataRequestResultsPage({ ctx, typed, contact, data, now, confirmationError }: ResultsProps) {
  const territory = ctx.territory!;
  const byEmail = contact.kind === "email";
  const total = data.appointments.length + data.mails.length + data.sms.length;
  return (
    <Layout ctx={ctx} title={`${TITLE}\u00a0: résultat`} hasErrors={Boolean(confirmationError)} wide>
      <ErrorSummary errors={confirmationError ? { confirmation: confirmationError } : {}} />
      <a href={`/t/${territory.code}/donnees-personnelles`} class="govuk-back-link maillage-no-print">
        Nouvelle recherche
      </a>
      <h1 class="govuk-heading-l">
        <span class="govuk-caption-l">{territory.name}</span>
        Données détenues pour {typed}
      </h1>
      <p class="govuk-body">Relevé établi le {formatDateTime(now, true)}.</p>
      {total === 0 ? (
        <p class="govuk-body">
          Aucune donnée trouvée&nbsp;: ce territoire n'a ni rendez-vous ni {byEmail ? "courriel" : "SMS"} pour{" "}
          {byEmail ? "cette adresse électronique" : "ce numéro de téléphone"}.
        </p>
      ) : (
        <>
          <p class="govuk-body">
            Trouvé&nbsp;: {countsText({ appointments: data.appointments.length, mails: byEmail ? data.mails.length : null, sms: byEmail ? null : data.sms.length })}.
          </p>
          <p class="govuk-body maillage-no-print">Pour remettre une copie à la personne, imprimez cette page&nbsp;: les menus et les boutons ne sont pas imprimés.</p>
          <OtherContacts contact={contact} appointments={data.appointments} />
          <AppointmentsTable rows={data.appointments} />
          {byEmail ? (
            <Table
              caption={`Courriels envoyés à cette adresse (${data.mails.length})`}
              rows={data.mails}
              empty="Aucun courriel n'a été envoyé à cette adresse."
              columns={[
                { header: "Date", cell: (m) => formatDateTime(m.createdAt, true) },
                { header: "Objet", cell: (m) => m.subject },
                { header: "État", cell: (m) => mailStatusLabels[m.status] },
              ]}
            />
          ) : (
            <Table
              caption={`SMS envoyés à ce numéro (${data.sms.length})`}
              rows={data.sms}
              empty="Aucun SMS n'a été envoyé à ce numéro."
              columns={[
                { header: "Date", cell: (s) => formatDateTime(s.createdAt, true) },
                { header: "État", cell: (s) => smsStatusLabels[s.status] },
              ]}
            />
          )}
          <ErasureForm ctx={ctx} typed={typed} upcoming={data.appointments.some((a) => a.status === "a_venir" && a.startsAt > now)} error={confirmationError} />
        </>
      )}
    </Layout>
  );
}

function AppointmentsTable({ rows }: { rows: PersonalAppointment[] }) {
  return (
    <Table
      caption={`Rendez-vous (${rows.length})`}
      rows={rows}
      empty="Aucun rendez-vous ne porte ces coordonnées."
      columns={[
        { header: "Date", cell: (a) => formatDateTime(a.startsAt, true) },
        { header: "Lieu", cell: (a) => a.placeName },
        { header: "Motif", cell: (a) => a.motifName },
        { header: "État", cell: (a) => statusLabels[a.status] },
        { header: "Prénom", cell: (a) => a.firstName ?? "" },
        { header: "Nom", cell: (a) => a.lastName ?? "" },
        { header: "Téléphone", cell: (a) => a.phone ?? "" },
        { header: "Adresse électronique", cell: (a) => a.email ?? "" },
        { header: "Note", cell: (a) => a.note },
      ]}
    />
  );
}

/** The other contact details the appointments carry: messages sent to them are found only by searching them too. */
function OtherContacts({ contact, appointments }: { contact: Contact; appointments: PersonalAppointment[] }) {
  const others = [...new Set(appointments.map((a) => (contact.kind === "email" ? a.phone : a.email)).filter((v): v is string => Boolean(v)))];
  if (others.length === 0) return null;
  const one = others.length === 1;
  const words =
    contact.kind === "email"
      ? { what: one ? "le téléphone" : "les téléphones", messages: one ? "SMS envoyés à ce numéro" : "SMS envoyés à ces numéros" }
      : { what: one ? "l'adresse" : "les adresses", messages: one ? "courriels envoyés à cette adresse" : "courriels envoyés à ces adresses" };
  const it = one ? "le" : "les";
  return (
    <div class="govuk-inset-text maillage-no-print">
      Ces rendez-vous portent aussi {words.what} {others.join(", ")}. Les {words.messages} n'apparaissent que si vous {it}{" "}
      cherchez aussi&nbsp;; faites-le avant d'effacer, puisque l'effacement {it} retire de ces rendez-vous.
    </div>
  );
}

function ErasureForm({ ctx, typed, upcoming, error }: { ctx: PageContext; typed: string; upcoming: boolean; error: string | undefined }) {
  return (
    <form method="post" action={`/t/${ctx.territory!.code}/donnees-personnelles/effacement`} novalidate class="maillage-no-print">
      <h2 class="govuk-heading-m">Effacer ces données</h2>
      <p class="govuk-body">
        Le prénom, le nom, le téléphone, l'adresse électronique et la note de ces rendez-vous sont effacés, comme après le
        délai de conservation&nbsp;; les rendez-vous restent dans l'agenda et les statistiques. Les messages gardent leur
        date et leur objet, mais plus leur destinataire ni leur texte.
      </p>
      {upcoming ? (
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
          <strong class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">Attention</span>
            Un rendez-vous est à venir&nbsp;: il reste réservé, mais la personne ne recevra plus ni rappel ni message s'il est annulé.
          </strong>
        </div>
      ) : null}
      <CsrfField token={ctx.csrfToken} />
      <input type="hidden" name="contact" value={typed} />
      <Checkboxes
        name="confirmation"
        label="Avant d'effacer"
        legendSize="s"
        options={[{ value: "oui", text: "La personne a demandé l'effacement de ces données et je sais qu'il est définitif" }]}
        values={[]}
        error={error}
      />
      <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button">
        Effacer ces données
      </button>
    </form>
  );
}
