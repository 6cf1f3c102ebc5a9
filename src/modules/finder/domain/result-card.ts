/** What a result card and the place page say about a place, from its record and computed facts. Pure. */
import { firstOfMonth } from "../../../lib/format.js";
import type { Service } from "@gouvfr-anct/lieux-de-mediation-numerique";
import { formatDateTime } from "../../../lib/format.js";
import { holidayRegionOfCommune, openingStatusInFrench, parseOpeningHours } from "../../places/domain/opening-hours.js";
import { serviceLabelsForCitizens } from "../../places/domain/service-labels.js";
import { formatDistance } from "./distance.js";
import { formatPhone, howToGetHelp } from "./place-wording.js";

export type OpeningLine = { open: boolean; text: string };

/** The next free slot shown on a card: when, for which motif (the one answering the need searched), and its link. */
export type NextSlot = { text: string; motif: string; href: string };

export type ResultCard = {
  id: number;
  nom: string;
  address: string;
  /** "À 1,2 km", "Dans la commune" or undefined when unknown. */
  where: string | undefined;
  opening: OpeningLine | undefined;
  services: string[];
  help: string[];
  phone: { display: string; href: string } | undefined;
  nextSlot: NextSlot | undefined;
  /** The place takes appointments online but has no free slot in the window looked at. */
  noSlotInDays: number | undefined;
};

// Opening lines by hours and minute: many places share their hours, and the library is slow (~40 µs a call).
// The answer only changes on a minute boundary, so the memo is exact; it is emptied when it grows large.
const openingMemo = new Map<string, OpeningLine | undefined>();

/** The opening line of a place now (with its commune's regional holidays), or undefined when it gives no readable hours. */
export function openingLine(horaires: string | null | undefined, now: Date, codeInsee?: string | null): OpeningLine | undefined {
  if (!horaires) return undefined;
  const options = holidayRegionOfCommune(codeInsee);
  const key = `${Math.floor(now.getTime() / 60_000)}\u0000${options.region ?? ""}\u0000${horaires}`;
  if (openingMemo.has(key)) return openingMemo.get(key);
  const parsed = parseOpeningHours(horaires, options);
  const line = parsed.ok ? openingStatusInFrench(parsed.hours, now) : undefined;
  if (openingMemo.size >= 2_000) openingMemo.clear();
  openingMemo.set(key, line);
  return line;
}

/** Whether the place is open at `now` (unknown hours count as not open). */
export function isOpenAt(horaires: string | null | undefined, now: Date, codeInsee?: string | null): boolean {
  return openingLine(horaires, now, codeInsee)?.open ?? false;
}

/** "12 rue de la Poste, bâtiment B, 79200 Parthenay". */
export function fullAddress(record: { adresse: string; complement_adresse?: string | undefined; code_postal: string; commune: string }): string {
  return [record.adresse, record.complement_adresse, `${record.code_postal} ${record.commune}`].filter(Boolean).join(", ");
}

/** Services in citizens' words, in the record's order. */
export function servicesInPlainWords(services: readonly string[]): string[] {
  return services.map((s) => serviceLabelsForCitizens[s as Service]).filter((label): label is string => Boolean(label));
}

/** A tel: link and a readable number, or undefined. */
export function phoneLink(telephone: string | undefined): ResultCard["phone"] {
  if (!telephone) return undefined;
  return { display: formatPhone(telephone), href: `tel:${telephone.replace(/[^+\d]/g, "")}` };
}

/** The booking link of one slot (the booking flow reads `motif` and `debut`). */
export function slotHref(placeId: number, motifId: number, start: number): string {
  return `/lieux/${placeId}/rendez-vous?motif=${motifId}&debut=${encodeURIComponent(new Date(start).toISOString())}`;
}

/** What a card needs of a place (columns and a few fields of its standard record). */
export type CardPlace = {
  id: number;
  nom: string;
  horaires: string | null;
  adresse: string;
  complementAdresse: string | null;
  codePostal: string;
  /** The commune's INSEE code: its regional public holidays apply to the opening line. */
  codeInsee?: string | null;
  commune: string;
  services: readonly string[];
  modalitesAcces: readonly string[];
  telephone: string | null;
};

/** Builds a result card. `slot` is undefined when the place takes no online appointment, null when none is free. */
export function resultCard(
  place: CardPlace,
  facts: { distanceKm: number | null; inSearchedCommune: boolean; slot: { motifId: number; motifName: string; start: number } | null | undefined; slotDays: number; now: Date },
): ResultCard {
  const where =
    facts.distanceKm !== null ? `À ${formatDistance(facts.distanceKm)}` : facts.inSearchedCommune ? "Dans la commune recherchée" : undefined;
  return {
    id: place.id,
    nom: place.nom,
    address: fullAddress({ adresse: place.adresse, complement_adresse: place.complementAdresse ?? undefined, code_postal: place.codePostal, commune: place.commune }),
    where,
    opening: openingLine(place.horaires, facts.now, place.codeInsee),
    services: servicesInPlainWords(place.services),
    help: howToGetHelp(place.modalitesAcces, { bookableHere: facts.slot !== undefined, hasPhone: Boolean(place.telephone) }),
    phone: phoneLink(place.telephone ?? undefined),
    nextSlot: facts.slot ? { text: formatDateTime(new Date(facts.slot.start)), motif: facts.slot.motifName, href: slotHref(place.id, facts.slot.motifId, facts.slot.start) } : undefined,
    noSlotInDays: facts.slot === null ? facts.slotDays : undefined,
  };
}

const updateFmt = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** The standard's `date_maj` ("2027-01-15") as "15 janvier 2027"; the text itself when it is not a date. */
export function formatUpdateDate(dateMaj: string): string {
  const date = new Date(`${dateMaj.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? dateMaj : firstOfMonth(updateFmt.format(date));
}
