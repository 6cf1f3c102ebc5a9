// Opening hours of a place in plain French, day by day, with whether it is open right now.
import { Tag } from "../../../ui/components.js";
import { holidayRegionOfCommune, openingStatusInFrench, parseOpeningHours, weekHoursInFrench, withoutOpenState } from "../domain/opening-hours.js";

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The week's hours from `now` (Paris time) and the "ouvert maintenant" line; nothing when no hours are given.
 * The commune's INSEE code brings its regional public holidays (Alsace-Moselle) into "PH off".
 */
export function PlaceHours({ horaires, now, codeInsee }: { horaires: string | undefined; now: Date; codeInsee?: string | null | undefined }) {
  if (!horaires) return <p class="govuk-body">Horaires non renseignés.</p>;
  const parsed = parseOpeningHours(horaires, holidayRegionOfCommune(codeInsee));
  if (!parsed.ok) {
    return (
      <p class="govuk-body">
        Horaires illisibles («&nbsp;{horaires}&nbsp;») : {parsed.reason}
      </p>
    );
  }
  const status = openingStatusInFrench(parsed.hours, now);
  const week = weekHoursInFrench(parsed.hours, now);
  return (
    <div>
      <p class="govuk-body maillage-opening">
        {status.open ? <Tag colour="green">Ouvert</Tag> : <Tag colour="grey">Fermé</Tag>} {withoutOpenState(status.text)}
      </p>
      <dl class="govuk-summary-list govuk-summary-list--no-border">
        {week.days.map((day) => (
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">
              {capitalize(day.weekday)}
              {day.today ? " (aujourd'hui)" : ""}
            </dt>
            <dd class="govuk-summary-list__value">{capitalize(day.text)}</dd>
          </div>
        ))}
      </dl>
      {week.publicHolidays ? <p class="govuk-body">{week.publicHolidays}</p> : null}
    </div>
  );
}
