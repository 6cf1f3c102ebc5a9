// Messages about an incident: acknowledgement to the reporter and notice to coordinators on a report, then
// one message to the reporter at each step. Plain French text.
import { schoolPhrase, schoolWithArticle } from "../domain/school-wording.js";
import type { MailContent } from "../../mail/mail.commands.js";
import { CATEGORY_LABELS, isEquipmentCategory } from "../domain/categories.js";
import { OUTCOME_LABELS, type Outcome } from "./incident-rules.js";

export type IncidentForMessage = {
  id: number;
  schoolName: string;
  /** How the item is named: "Écran numérique interactif n° INV-12", or what stands for it (see `incidentItemText`). */
  item: string;
  description: string;
  url: string;
};

type Message = Omit<MailContent, "to">;

/** "Écran numérique interactif n° INV-12" — how an item is named in messages. */
export function itemLabel(category: string, inventoryNumber: string): string {
  const label = isEquipmentCategory(category) ? CATEGORY_LABELS[category] : category;
  return `${label} n° ${inventoryNumber}`;
}

/** The incident's item as messages and pages name it, whether it is known, never said, or since deleted. */
export function incidentItemText(item: { category: string; inventoryNumber: string } | null | undefined, unspecified: boolean): string {
  if (item) return itemLabel(item.category, item.inventoryNumber);
  return unspecified ? "équipement non précisé" : "équipement supprimé de l'inventaire";
}

/** To the person who reported: the report is recorded. */
export function reportedMail(i: IncidentForMessage): Message {
  return {
    kind: "incident.signale",
    subject: `Incident enregistré : ${i.item}`,
    text: [
      "Bonjour,",
      "",
      `Votre signalement ${schoolPhrase("de", i.schoolName)} est enregistré (incident n° ${i.id}) : ${i.item}.`,
      "L'équipement est noté en panne. Vous recevrez un message quand il sera pris en charge, puis quand il sera résolu.",
      "",
      "Suivre l'incident :",
      i.url,
    ].join("\n"),
  };
}

/** To coordinators: a new incident waits for them. */
export function newIncidentMail(i: IncidentForMessage, reporter: string): Message {
  return {
    kind: "incident.nouveau",
    subject: `Nouvel incident ${schoolPhrase("à", i.schoolName)} : ${i.item}`,
    text: [
      "Bonjour,",
      "",
      `${reporter} signale un équipement en panne ${schoolPhrase("à", i.schoolName)} : ${i.item}.`,
      "",
      "Description :",
      i.description,
      "",
      "Prendre en charge l'incident :",
      i.url,
    ].join("\n"),
  };
}

/** To the reporter: the incident is taken in charge, the item is being repaired. */
export function startedMail(i: IncidentForMessage): Message {
  return {
    kind: "incident.en_cours",
    subject: `Incident pris en charge : ${i.item}`,
    text: [
      "Bonjour,",
      "",
      `L'incident n° ${i.id} (${i.item}, ${schoolWithArticle(i.schoolName)}) est pris en charge : l'équipement est en réparation.`,
      "",
      "Suivre l'incident :",
      i.url,
    ].join("\n"),
  };
}

/** To the reporter: the incident is resolved, with what became of the item. */
export function resolvedMail(i: IncidentForMessage, outcome: Outcome, resolution: string): Message {
  return {
    kind: "incident.resolu",
    subject: `Incident résolu : ${i.item}`,
    text: [
      "Bonjour,",
      "",
      `L'incident n° ${i.id} (${i.item}, ${schoolWithArticle(i.schoolName)}) est résolu.`,
      `${OUTCOME_LABELS[outcome]}.`,
      ...(resolution ? ["", "Ce qui a été fait :", resolution] : []),
      "",
      "Voir l'incident :",
      i.url,
    ].join("\n"),
  };
}
