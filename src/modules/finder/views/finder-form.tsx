// The finder's search form: a GET form, so that a search is a link and works without JavaScript.
import { Button, Checkboxes, Radios, TextInput, type FieldErrors } from "../../../ui/form.js";
import { renderFragment } from "../../../ui/render.js";
import { citizenServiceChoices } from "../../places/domain/service-labels.js";
import type { CommuneEntry } from "../domain/commune-match.js";
import type { FinderQuery } from "../domain/finder-query.js";
import { supportChoices } from "../domain/place-wording.js";

export type CommuneChoice = { entry: CommuneEntry; places: number };

const NBSP = "\u00a0";
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function choiceHint(choice: CommuneChoice): string {
  const postcodes = choice.entry.postcodes.slice(0, 3).join(", ");
  const places = choice.places === 0 ? "aucun lieu dans la commune" : choice.places === 1 ? "1 lieu dans la commune" : `${choice.places} lieux dans la commune`;
  return `${postcodes ? `Code postal ${postcodes}, ` : ""}${places}`;
}

/** True when a folded choice is set: the fold then opens, so that the person sees what filters the results. */
function moreChosen(query: FinderQuery): boolean {
  return query.accompagnements.length > 0 || query.gratuit || query.ouvert || query.tri !== "distance";
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
        <Radios
          name="commune"
          label={`Quelle commune${NBSP}?`}
          hint="Plusieurs communes correspondent. Si la vôtre n'est pas dans la liste, précisez son nom ou indiquez son code postal."
          error={errors.commune}
          small
          options={choices.map((c) => ({ value: c.entry.insee, text: `${c.entry.name} (${c.entry.departement})`, hint: choiceHint(c) }))}
          value={query.commune}
        />
      ) : null}
      <Checkboxes
        name="besoin"
        label={`Pour quoi${NBSP}?`}
        hint="Je veux… Cochez ce qui vous concerne, ou rien."
        small
        options={citizenServiceChoices().map((c) => ({ value: c.value, text: capitalize(c.label), hint: c.hint }))}
        values={query.besoins}
      />
      {/* What most people do not need stays folded (a phone screen shows the button without scrolling); open when used. */}
      <details class="govuk-details" open={moreChosen(query) || undefined}>
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">Plus de choix : accompagnement particulier, gratuit, ouvert maintenant, ordre</span>
        </summary>
        <div class="govuk-details__text">
          <Checkboxes
            name="accompagnement"
            label={`Besoin d'un accompagnement particulier${NBSP}?`}
            hint="Seuls les lieux qui le proposent seront montrés."
            small
            options={supportChoices().map((c) => ({ value: c.value, text: c.label }))}
            values={query.accompagnements}
          />
          <Checkboxes
            name="gratuit"
            label="Autres choix"
            small
            options={[
              { name: "gratuit", value: "oui", text: "Gratuit uniquement", checked: query.gratuit },
              { name: "ouvert", value: "oui", text: "Ouvert maintenant", checked: query.ouvert },
            ]}
          />
          <Radios
            name="tri"
            label={`Dans quel ordre${NBSP}?`}
            small
            options={[
              { value: "distance", text: "Les plus proches d'abord" },
              { value: "creneau", text: "Le premier rendez-vous libre d'abord" },
            ]}
            value={query.tri}
          />
        </div>
      </details>
      <Button>Rechercher</Button>
    </form>
  );
}

/** The search form's block on the finder page: "Modifier la recherche" over the results, then the form. */
export function SearchBlock({ heading, ...form }: { heading: boolean; query: FinderQuery; errors: FieldErrors; choices?: CommuneChoice[] | undefined; suggestions: boolean }) {
  return (
    <>
      {heading ? <h2 class="govuk-heading-m">Modifier la recherche</h2> : null}
      <FinderForm {...form} />
    </>
  );
}

// The form is half of a result page's markup and of its rendering time, and it differs between searches only by
// the text typed in "Où ?" when there is no error and no commune to choose: its markup is kept per combination of
// the other choices, with a mark where that text goes. The mark cannot come from a person (control characters are
// refused in every query string), and the text put in its place is escaped as an attribute value.
const OU_MARK = "\u0001ou\u0001";
const templates = new Map<string, string>();
const TEMPLATES_KEPT = 500;

/** Escapes text for a double-quoted HTML attribute value, as the renderer does (">" is harmless there). */
export function escapeAttribute(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/** The search block's HTML (see SearchBlock), the same as rendering it, from a kept template when it can. */
export function searchBlockHtml(props: { heading: boolean; query: FinderQuery; errors: FieldErrors; choices?: CommuneChoice[] | undefined; suggestions: boolean }): string {
  const { heading, query, errors, choices, suggestions } = props;
  // An empty value renders as a bare attribute: rendered as such (a search always has text there).
  if (Object.keys(errors).length > 0 || (choices && choices.length > 0) || query.ou === "" || query.ou.includes(OU_MARK)) return renderFragment(<SearchBlock {...props} />);
  const key = JSON.stringify([heading, suggestions, query.besoins, query.accompagnements, query.gratuit, query.ouvert, query.tri]);
  let template = templates.get(key);
  if (template === undefined) {
    template = renderFragment(<SearchBlock heading={heading} query={{ ...query, ou: OU_MARK }} errors={{}} suggestions={suggestions} />);
    // Exactly one place for the text (the field's value), or no template.
    if (template.split(OU_MARK).length !== 2) return renderFragment(<SearchBlock {...props} />);
    if (templates.size >= TEMPLATES_KEPT) templates.clear();
    templates.set(key, template);
  }
  return template.replace(OU_MARK, () => escapeAttribute(query.ou));
}
