// The finder's search form: a GET form, so that a search is a link and works without JavaScript.
import { Button, TextInput, type FieldErrors } from "../../../ui/form.js";
import { citizenServiceChoices } from "../../places/domain/service-labels.js";
import type { CommuneEntry } from "../domain/commune-match.js";
import type { FinderQuery } from "../domain/finder-query.js";
import { supportChoices } from "../domain/place-wording.js";
import { ChoiceGroup } from "./choice-group.js";

export type CommuneChoice = { entry: CommuneEntry; places: number };

const NBSP = "\u00a0";
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function choiceHint(choice: CommuneChoice): string {
  const postcodes = choice.entry.postcodes.slice(0, 3).join(", ");
  const places = choice.places === 0 ? "aucun lieu dans la commune" : choice.places === 1 ? "1 lieu dans la commune" : `${choice.places} lieux dans la commune`;
  return `${postcodes ? `Code postal ${postcodes}, ` : ""}${places}`;
}

/** The search form; `choices` adds the "Quelle commune ?" question when several communes match. */
export function FinderForm({ query, errors, choices, suggestions }: { query: FinderQuery; errors: FieldErrors; choices?: CommuneChoice[] | undefined; suggestions: boolean }) {
  return (
    <form method="get" action="/lieux" novalidate>
      <div data-finder-suggest={suggestions ? "/lieux/suggestions" : undefined}>
        <TextInput
          name="ou"
          label={`Où${NBSP}?`}
          hint={`Votre commune ou votre code postal, par exemple${NBSP}: Parthenay ou 79200`}
          value={query.ou}
          error={errors.ou}
          autocomplete="address-level2"
          spellcheck={false}
        />
      </div>
      {choices && choices.length > 0 ? (
        <ChoiceGroup
          kind="radio"
          name="commune"
          legend={`Quelle commune${NBSP}?`}
          hint="Plusieurs communes correspondent. Si la vôtre n'est pas dans la liste, précisez son nom ou indiquez son code postal."
          error={errors.commune}
          choices={choices.map((c) => ({ value: c.entry.insee, text: `${c.entry.name} (${c.entry.departement})`, hint: choiceHint(c), checked: c.entry.insee === query.commune }))}
        />
      ) : null}
      <ChoiceGroup
        kind="checkbox"
        name="besoin"
        legend={`Pour quoi${NBSP}?`}
        hint="Je veux… Cochez ce qui vous concerne, ou rien."
        choices={citizenServiceChoices().map((c) => ({ value: c.value, text: capitalize(c.label), hint: c.hint, checked: query.besoins.includes(c.value) }))}
      />
      <ChoiceGroup
        kind="checkbox"
        name="accompagnement"
        legend={`Besoin d'un accompagnement particulier${NBSP}?`}
        hint="Seuls les lieux qui le proposent seront montrés."
        choices={supportChoices().map((c) => ({ value: c.value, text: c.label, checked: query.accompagnements.includes(c.value) }))}
      />
      <ChoiceGroup
        kind="checkbox"
        name="gratuit"
        legend="Autres choix"
        choices={[
          { name: "gratuit", value: "oui", text: "Gratuit uniquement", checked: query.gratuit },
          { name: "ouvert", value: "oui", text: "Ouvert maintenant", checked: query.ouvert },
        ]}
      />
      <ChoiceGroup
        kind="radio"
        name="tri"
        legend={`Dans quel ordre${NBSP}?`}
        choices={[
          { value: "distance", text: "Les plus proches d'abord", checked: query.tri === "distance" },
          { value: "creneau", text: "Le premier rendez-vous libre d'abord", checked: query.tri === "creneau" },
        ]}
      />
      <Button>Rechercher</Button>
    </form>
  );
}
