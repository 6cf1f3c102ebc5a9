// SMS texts: plain ASCII (no accents, so one SMS holds 160 characters), place, date, time, cancel link.
const ONE_SMS = 160;

/** Removes accents and characters outside printable ASCII. */
export function toAscii(text: string): string {
  return text.normalize("NFD").replace(/\p{Diacritic}/gu, "").replace(/[’‘]/g, "'").replace(/[^\x20-\x7e]/g, " ").replace(/\s+/g, " ").trim();
}

const days = ["dim", "lun", "mar", "mer", "jeu", "ven", "sam"];

/** "mar 3/03 14h30" in Europe/Paris. */
function shortWhen(d: Date): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", weekday: "short", day: "numeric", month: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(d).map((p) => [p.type, p.value]));
  const weekday = new Date(d.toLocaleString("en-US", { timeZone: "Europe/Paris" })).getDay();
  return `${days[weekday]} ${parts.day}/${parts.month} ${parts.hour}h${parts.minute}`;
}

/** One SMS for a reminder or a confirmation; the place name is shortened first if the text is too long. */
export function appointmentSms({ kind, placeName, startsAt, link }: { kind: "rappel" | "confirmation"; placeName: string; startsAt: Date; link: string }): string {
  const head = kind === "rappel" ? "Rappel RDV" : "RDV confirme";
  const build = (place: string) => toAscii(`${head} ${shortWhen(startsAt)} ${place}. Annuler: ${link}`);
  let text = build(placeName);
  for (let keep = placeName.length; text.length > ONE_SMS && keep > 0; keep -= 4) text = build(`${placeName.slice(0, Math.max(0, keep - 4))}.`);
  return text.slice(0, ONE_SMS);
}
