/** Small French wording helpers shared by the places pages (times, lists, weekdays). */

export const WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const NBSP = "\u00a0";

/** "09:00" → "9 h", "18:30" → "18 h 30", "24:00" → "minuit", with non-breaking spaces so "18 h 30" never wraps. */
export function formatFrenchTime(time: string): string {
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  if (hours === 24 && minutes === 0) return "minuit";
  return minutes === 0 ? `${hours}${NBSP}h` : `${hours}${NBSP}h${NBSP}${String(minutes).padStart(2, "0")}`;
}

/** ["a"] → "a", ["a", "b"] → "a et b", ["a", "b", "c"] → "a, b et c". */
export function joinFrench(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} et ${items.at(-1)}`;
}
