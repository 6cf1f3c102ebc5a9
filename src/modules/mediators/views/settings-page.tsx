// The territory's accompaniment settings: how long citizens' contact details are kept, when reminders go out.
import type { PageContext } from "../../../ui/context.js";
import { Button, Checkboxes, CsrfField, ErrorSummary, formFields, NumberInput, type FieldErrors } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import type { SettingsValues } from "../domain/mediator-form.js";
import { DoneNotice } from "./view-parts.js";

/** The settings form for coordinators; admins also get the way to answer a person's data request. */
export function SettingsPage({ ctx, values, errors = {}, notice, smsProvider, dataRequests = false }: { ctx: PageContext; values: SettingsValues; errors?: FieldErrors; notice?: string; smsProvider: boolean; dataRequests?: boolean }) {
  const field = formFields(values, errors);
  return (
    <Layout ctx={ctx} title="Réglages des rendez-vous" hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} />
      <DoneNotice notice={notice} messages={{ reglages: "Les réglages ont été enregistrés." }} />
      <h1 class="govuk-heading-l">Réglages des rendez-vous</h1>
      <form method="post" action={`/t/${ctx.territory!.code}/reglages-accompagnement`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <NumberInput
          {...field("contactRetentionDays")}
          width="3"
          label="Combien de jours garder les coordonnées des personnes après leur rendez-vous ?"
          hint="Entre 1 et 365 jours. Ensuite, le nom, le téléphone et l'adresse électronique sont effacés ; le rendez-vous reste compté dans les statistiques. 90 jours par défaut."
        />
        <NumberInput
          {...field("reminderHours")}
          width="3"
          label="Combien d'heures avant le rendez-vous envoyer le rappel ?"
          hint="Entre 1 et 168 heures (7 jours), 48 heures par défaut. Vaut pour les rendez-vous pris après l'enregistrement. Un rendez-vous pris moins longtemps à l'avance n'a pas de rappel."
        />
        <Checkboxes
          name="smsEnabled"
          label="SMS"
          legendSize="s"
          options={[
            {
              value: "oui",
              text: "Envoyer le rappel par SMS aux personnes qui ont donné un téléphone",
              hint: smsProvider
                ? "Aussi une confirmation par SMS pour un rendez-vous pris trop tard pour le rappel. Chaque SMS a un coût."
                : "Aucun fournisseur de SMS n'est configuré sur cette installation : ce réglage ne prendra effet qu'une fois SMS_PROVIDER_URL renseigné.",
            },
          ]}
          values={values.smsEnabled ? ["oui"] : []}
        />
        <Button>Enregistrer les réglages</Button>
      </form>
      {dataRequests ? (
        <>
          <h2 class="govuk-heading-m">Demandes des personnes</h2>
          <p class="govuk-body">
            Une personne demande à consulter ou à effacer ses données avant la fin de ce délai&nbsp;?{" "}
            <a class="govuk-link" href={`/t/${ctx.territory!.code}/donnees-personnelles`}>
              Répondre à une demande sur les données personnelles
            </a>
            .
          </p>
        </>
      ) : null}
    </Layout>
  );
}
