/**
 * How the finder tells a place's standard fields in plain words. Keys are the package's enum values, so the
 * query string and the database keep the standard's bytes; only the labels are ours.
 */
import { Frais, ModaliteAcces, PriseEnChargeSpecifique } from "@gouvfr-anct/lieux-de-mediation-numerique";

/** Specific support, as a person would recognise their situation. */
export const supportLabels: Readonly<Record<PriseEnChargeSpecifique, string>> = {
  [PriseEnChargeSpecifique.Surdite]: "Surdité ou malentendance",
  [PriseEnChargeSpecifique.DeficienceVisuelle]: "Malvoyance ou cécité",
  [PriseEnChargeSpecifique.HandicapsMoteurs]: "Handicap moteur, fauteuil roulant",
  [PriseEnChargeSpecifique.HandicapsMentaux]: "Handicap mental ou psychique",
  [PriseEnChargeSpecifique.Illettrisme]: "Difficultés pour lire ou écrire",
  [PriseEnChargeSpecifique.LanguesEtrangeresAnglais]: "Être aidé en anglais",
  [PriseEnChargeSpecifique.LanguesEtrangeresAutre]: "Être aidé dans une autre langue",
};

/** The choices of the "Besoin d'un accompagnement particulier ?" question, in the order shown. */
export function supportChoices(): { value: PriseEnChargeSpecifique; label: string }[] {
  return (Object.keys(supportLabels) as PriseEnChargeSpecifique[]).map((value) => ({ value, label: supportLabels[value] }));
}

/** Fees in plain words. */
export const feeLabels: Readonly<Record<Frais, string>> = {
  [Frais.Gratuit]: "Gratuit",
  [Frais.GratuitSousCondition]: "Gratuit sous conditions",
  [Frais.Payant]: "Payant",
};

/** How to get help, in the order a person would try: walk in, phone, book online, e-mail. */
export const accessLabels: Readonly<Record<ModaliteAcces, string>> = {
  [ModaliteAcces.SePresenter]: "Venir sur place sans rendez-vous",
  [ModaliteAcces.Telephoner]: "Téléphoner avant de venir",
  [ModaliteAcces.PrendreRdvEnLigne]: "Prendre rendez-vous en ligne",
  [ModaliteAcces.ContacterParMail]: "Écrire un courriel",
  [ModaliteAcces.PrescriptionParMail]: "Être envoyé par un professionnel (fiche de prescription par courriel)",
  [ModaliteAcces.PasDePublic]: "Ce lieu n'accueille pas de public",
};

const ACCESS_ORDER = Object.keys(accessLabels) as ModaliteAcces[];

/**
 * The ways to get help at a place, in plain words. Online booking in Maillage counts even when the record
 * does not say so; a place that gives no way at all says to call or come.
 */
export function howToGetHelp(modalites: readonly string[] | undefined, options: { bookableHere: boolean; hasPhone: boolean }): string[] {
  const set = new Set(modalites ?? []);
  if (options.bookableHere) set.add(ModaliteAcces.PrendreRdvEnLigne);
  const known = ACCESS_ORDER.filter((m) => set.has(m));
  if (known.length > 0) return known.map((m) => accessLabels[m]);
  return [options.hasPhone ? "Téléphoner ou venir aux heures d'ouverture" : "Venir aux heures d'ouverture"];
}

/** "+33549000000" → "05 49 00 00 00", for reading aloud; other numbers are left as written. */
export function formatPhone(phone: string): string {
  const digits = phone.replace(/[\s.()-]/g, "");
  const national = digits.startsWith("+33") ? `0${digits.slice(3)}` : digits;
  if (!/^0\d{9}$/.test(national)) return phone;
  return national.replace(/(\d{2})(?=\d)/g, "$1\u00a0");
}

/** A link that opens OpenStreetMap's route planner towards the place (the person fills in where they start). */
export function directionsUrl(latitude: number, longitude: number): string {
  const to = `${latitude.toFixed(6)},${longitude.toFixed(6)}`;
  return `https://www.openstreetmap.org/directions?route=${encodeURIComponent(`;${to}`)}#map=16/${latitude.toFixed(5)}/${longitude.toFixed(5)}`;
}

/** A link that shows the place on OpenStreetMap's map with a marker. */
export function mapUrl(latitude: number, longitude: number): string {
  return `https://www.openstreetmap.org/?mlat=${latitude.toFixed(6)}&mlon=${longitude.toFixed(6)}#map=17/${latitude.toFixed(5)}/${longitude.toFixed(5)}`;
}

/**
 * "de" before a place name, elided or contracted as French wants: "de Parthenay", "d'Arbent", "du Tallud"
 * (Le Tallud), "des Sables-d'Olonne" (Les …), "de La Rochelle", "du code postal 79200". Names starting with
 * "h" keep "de" (aspirated or not cannot be told from the spelling).
 */
export function de(name: string): string {
  if (/^le /i.test(name)) return `du ${name.slice(3)}`;
  if (/^les /i.test(name)) return `des ${name.slice(4)}`;
  if (/^code postal /.test(name)) return `du ${name}`;
  if (/^[aeiouyàâäéèêëîïôöùûü]/i.test(name)) return `d'${name}`;
  return `de ${name}`;
}
