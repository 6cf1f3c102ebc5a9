// The teachers' pages, reached through their school's signed link (no account): choose a session and
// register, then the confirmation with the .ics to download.
import { Notice, SummaryList } from "../../../../ui/components.js";
import type { PageContext } from "../../../../ui/context.js";
import { Button, CsrfField, ErrorSummary, Radios, TextInput, type FieldErrors } from "../../../../ui/form.js";
import { Layout } from "../../../../ui/layout.js";
import type { RegistrationValues } from "../training-form.js";
import { sessionWhen } from "../training.mails.js";
import type { SessionRow } from "../training.queries.js";
import { categoriesLabel } from "./sessions-page.js";

type RegistrationProps = {
  ctx: PageContext;
  schoolName: string;
  action: string;
  sessions: SessionRow[];
  values: RegistrationValues;
  errors?: FieldErrors;
};

function placesLeft(s: SessionRow): string {
  const left = s.capacity - s.registered;
  return left <= 0 ? "complet" : left === 1 ? "1 place restante" : `${left} places restantes`;
}

/** Sessions to come with the places left, and the registration form for those not full. */
export function RegistrationPage({ ctx, schoolName, action, sessions, values, errors = {} }: RegistrationProps) {
  const open = sessions.filter((s) => s.registered < s.capacity);
  const full = sessions.filter((s) => s.registered >= s.capacity);
  return (
    <Layout ctx={ctx} title="S'inscrire à une formation" hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">
        <span class="govuk-caption-l">{schoolName}</span>
        S'inscrire à une formation
      </h1>
      <p class="govuk-body">Formations aux équipements numériques des écoles, proposées avec l'Éducation nationale aux enseignants de l'école.</p>
      {open.length === 0 ? (
        <p class="govuk-body">{sessions.length === 0 ? "Aucune session n'est prévue pour l'instant." : "Toutes les sessions prévues sont complètes."}</p>
      ) : (
        <form method="post" action={action} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <Radios
            name="sessionId"
            label="Quelle session ?"
            options={open.map((s) => ({ value: String(s.id), text: `${s.title} — ${sessionWhen(s)}`, hint: [s.place, categoriesLabel(s.categories), placesLeft(s)].filter(Boolean).join(" · ") }))}
            value={values.sessionId}
            error={errors.sessionId}
          />
          <TextInput name="name" label="Prénom et nom" autocomplete="name" value={values.name} error={errors.name} />
          <TextInput name="email" type="email" label="Adresse électronique" hint="La confirmation et l'invitation pour votre agenda y sont envoyées." autocomplete="email" spellcheck={false} value={values.email} error={errors.email} />
          <Button>S'inscrire</Button>
        </form>
      )}
      {full.length > 0 ? (
        <>
          <h2 class="govuk-heading-m">Sessions complètes</h2>
          <ul class="govuk-list govuk-list--bullet">
            {full.map((s) => (
              <li>
                {s.title} — {sessionWhen(s)} : complet ({s.capacity} places)
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Layout>
  );
}

type ConfirmationProps = {
  ctx: PageContext;
  session: { title: string; startsAt: Date; endsAt: Date; place: string; trainer: string };
  teacher: { name: string; email: string };
  schoolName: string;
  icsUrl: string;
  justRegistered: boolean;
  /** Where to post a cancellation; absent once the session has started. */
  cancelAction?: string | undefined;
};

/** The registration, with the .ics download. */
export function ConfirmationPage({ ctx, session, teacher, schoolName, icsUrl, justRegistered, cancelAction }: ConfirmationProps) {
  return (
    <Layout ctx={ctx} title="Votre inscription">
      {justRegistered ? <Notice title="Votre inscription est enregistrée" success><p class="govuk-body">Une confirmation est envoyée à {teacher.email}.</p></Notice> : null}
      <h1 class="govuk-heading-l">Votre inscription</h1>
      <SummaryList
        rows={[
          { key: "Formation", value: session.title },
          { key: "Quand", value: sessionWhen(session) },
          { key: "Lieu", value: session.place || "—" },
          { key: "Formateur ou formatrice", value: session.trainer || "—" },
          { key: "Inscrit ou inscrite", value: `${teacher.name}, ${schoolName}` },
        ]}
      />
      <p class="govuk-body">
        <a class="govuk-link" href={icsUrl} download="formation.ics">
          Ajouter la formation à mon agenda (fichier .ics)
        </a>
      </p>
      {cancelAction ? (
        <form method="post" action={cancelAction} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <h2 class="govuk-heading-m">Vous ne pouvez plus venir ?</h2>
          <p class="govuk-body">Annulez votre inscription pour libérer la place.</p>
          <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button">
            Annuler mon inscription
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

/** After a teacher cancelled their registration. */
export function CancelledPage({ ctx, title }: { ctx: PageContext; title: string }) {
  return (
    <Layout ctx={ctx} title="Inscription annulée">
      <Notice title="Votre inscription est annulée" success>
        <p class="govuk-body">Votre place à la formation « {title} » est libérée. Vous pouvez vous réinscrire par le lien de votre école.</p>
      </Notice>
    </Layout>
  );
}
