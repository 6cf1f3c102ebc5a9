// Create or edit a mediator: name, e-mail, linked account, places, active.
import type { PageContext } from "../../../ui/context.js";
import { Button, Checkboxes, CsrfField, ErrorSummary, Select, TextInput, type FieldErrors } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import type { MediatorValues } from "../domain/mediator-form.js";
import type { PlaceChoice } from "../mediators.queries.js";
import { BackLink } from "./view-parts.js";

type Props = {
  ctx: PageContext;
  mediatorId?: number;
  values: MediatorValues;
  errors?: FieldErrors;
  places: PlaceChoice[];
  accounts: { userId: number; label: string }[];
};

/** The mediator form; without `mediatorId` it creates one. */
export function MediatorFormPage({ ctx, mediatorId, values, errors = {}, places, accounts }: Props) {
  const base = `/t/${ctx.territory!.code}/mediateurs`;
  const title = mediatorId === undefined ? "Ajouter un médiateur ou une médiatrice" : `Modifier ${values.name || "la fiche"}`;
  const accountOptions = [{ value: "", text: "Pas de compte" }, ...accounts.map((a) => ({ value: String(a.userId), text: a.label }))];
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors).length > 0}>
      <BackLink href={mediatorId === undefined ? base : `${base}/${mediatorId}`} />
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">{title}</h1>
      <form method="post" action={mediatorId === undefined ? base : `${base}/${mediatorId}/modifier`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextInput name="name" label="Nom" hint="Prénom et nom, comme le public les connaît." value={values.name} error={errors.name} autocomplete="off" />
        <TextInput
          name="email"
          type="email"
          label="Adresse électronique (facultatif)"
          hint="Pour lui envoyer les rendez-vous pris."
          value={values.email}
          error={errors.email}
          autocomplete="off"
          spellcheck={false}
        />
        <Select
          name="userId"
          label="Compte Maillage"
          hint="Avec un compte, la personne peut gérer elle-même ses plages et ses absences. Seuls les membres qui ont le rôle « Médiation numérique » sont proposés : invitez-les d'abord depuis la page Membres."
          options={accountOptions}
          value={values.userId}
          error={errors.userId}
        />
        {places.length === 0 ? (
          <p class="govuk-body">Le territoire n'a encore aucun lieu : ajoutez des lieux pour y rattacher cette personne.</p>
        ) : (
          <Checkboxes
            name="placeIds"
            label="Lieux où la personne reçoit"
            hint="Cochez chaque lieu où elle peut avoir des plages d'ouverture."
            options={places.map((p) => ({ value: String(p.id), text: p.nom, hint: p.commune }))}
            values={values.placeIds}
            error={errors.placeIds}
          />
        )}
        <Checkboxes
          name="active"
          label="État"
          options={[{ value: "oui", text: "En activité", hint: "Décochez quand la personne ne reçoit plus : ses plages ne sont plus proposées." }]}
          values={values.active ? ["oui"] : []}
          error={errors.active}
        />
        <Button>Enregistrer</Button>
      </form>
    </Layout>
  );
}
