// The life of an incident and what it does to the item: reported (nouveau, item en_panne) → taken in
// charge (en_cours, item en_reparation) → resolved (resolu, item back en_service or retired). A coordinator
// may resolve a new incident directly (fixed on the spot). And which photos are accepted. Pure.
import type { IncidentStatus } from "../../../db/schema/schools.js";
import type { ItemState } from "../domain/categories.js";

/** French labels of the statuses. */
export const STATUS_LABELS: Readonly<Record<IncidentStatus, string>> = {
  nouveau: "Nouveau",
  en_cours: "En cours",
  resolu: "Résolu",
};

/** Tag colours of the statuses (GOV.UK tags). */
export const STATUS_COLOURS: Readonly<Record<IncidentStatus, "red" | "yellow" | "green">> = {
  nouveau: "red",
  en_cours: "yellow",
  resolu: "green",
};

/** How an incident can end for its item. */
export type Outcome = "en_service" | "reforme";

/** French labels of the outcomes. */
export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  en_service: "Réparé : l'équipement est remis en service",
  reforme: "Irréparable : l'équipement est réformé",
};

/** Whether a status code read from outside is one of the incident statuses. */
export function isIncidentStatus(value: string): value is IncidentStatus {
  return value === "nouveau" || value === "en_cours" || value === "resolu";
}

/** Whether an incident may move from one status to another. */
export function canMoveTo(from: IncidentStatus, to: IncidentStatus): boolean {
  if (from === "nouveau") return to === "en_cours" || to === "resolu";
  if (from === "en_cours") return to === "resolu";
  return false;
}

/** The item's state once the incident reaches a status (the outcome decides at resolution). */
export function itemStateFor(status: IncidentStatus, outcome: Outcome = "en_service"): ItemState {
  if (status === "nouveau") return "en_panne";
  if (status === "en_cours") return "en_reparation";
  return outcome;
}

/** Largest photo accepted, in bytes (5 MiB: a phone picture, not a video). */
export const MAX_PHOTO_BYTES = 5 * 1_048_576;

export type PhotoType = "image/jpeg" | "image/png" | "image/webp";

/** The image type of the bytes from their signature, or null: the declared type alone is never trusted. */
export function detectImageType(bytes: Uint8Array): PhotoType | null {
  const starts = (signature: number[], offset = 0) => signature.every((b, i) => bytes[offset + i] === b);
  if (bytes.length >= 3 && starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  if (bytes.length >= 8 && starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  // RIFF....WEBP
  if (bytes.length >= 12 && starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}

/** Why a photo is refused (French), or null when it is accepted. */
export function photoProblem(photo: { bytes: Uint8Array; declaredType: string }): string | null {
  if (photo.bytes.length > MAX_PHOTO_BYTES) return "La photo dépasse 5 Mo : envoyez une image plus légère";
  const detected = detectImageType(photo.bytes);
  if (!detected) return "La photo doit être une image JPEG, PNG ou WebP";
  if (photo.declaredType !== detected && !(photo.declaredType === "image/jpg" && detected === "image/jpeg")) {
    return "Le contenu du fichier ne correspond pas à son type : envoyez une image JPEG, PNG ou WebP";
  }
  return null;
}
