// Small pieces shared by the mediators and motifs pages: link buttons, delete buttons, back links, notices.
import { dateLabel, recurrenceLabel, timeLabel, weekdayNames } from "../domain/labels.js";
import type { ExistingPlage } from "../domain/plage-rules.js";

export { BackLink, DoneNotice, LinkButton, PostButton } from "../../../ui/components.js";

/** Weekday checkboxes' options, lundi to dimanche. */
export const weekdayOptions = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), text: capitalise(weekdayNames[d]!) }));

/** The text with its first letter in upper case (labels start a sentence in tables). */
export function capitalise(s: string): string {
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}`;
}

/** "De 9 h à 12 h". */
export function hoursLabel(start: string, end: string): string {
  return `de ${timeLabel(start)} à ${timeLabel(end)}`;
}

/** "à partir du lundi 1 mars 2027" or "du … au …". */
export function validityLabel(plage: Pick<ExistingPlage, "validFrom" | "validUntil">): string {
  return plage.validUntil ? `du ${dateLabel(plage.validFrom)} au ${dateLabel(plage.validUntil)}` : `à partir du ${dateLabel(plage.validFrom)}`;
}

/** "Lundi et mardi de 9 h à 12 h" — how a plage is named in tables and hidden button text. */
export function plageSummary(plage: ExistingPlage): string {
  return `${capitalise(recurrenceLabel(plage.weekdays, plage.everyNWeeks))} ${hoursLabel(plage.startTime, plage.endTime)}`;
}
