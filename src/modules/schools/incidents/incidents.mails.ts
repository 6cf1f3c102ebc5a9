// Messages about an incident: acknowledgement to the reporter and notice to coordinators on a report, then
// one message to the reporter at each step. Plain French text.
import { schoolPhrase } from "../domain/school-wording.js";
import type { MailContent } from "../../mail/mail.commands.js";
import { CATEGORY_LABELS, isEquipmentCategory } from "../domain/categories.js";
import { OUTCOME_LABELS, type Outcome } from "./incident-rules.js";

export type IncidentForMessage = {
  id: number;
  schoolName: string;
  category: string;
  inventoryNumber: string;
  description: string;
  url: string;
};

type Message = Omit<MailContent, "to">;

/** "Écran numérique interactif n° INV-12" — how an item is named in messages. */
export function itemLabel(category: string, inventoryNumber: string): string {
  const label = isEquipmentCategory(category) ? CATEGORY_LABELS[category] : category;
  return `${label} n° ${inventoryNumber}`;
}

/** To the person who reported: the report is recorded. */
export function reportedMail(i: IncidentForMessage): Message {
  return {
    kind: "incident.signale",
    subject: `Incident enregistré : ${itemLabel(i.category, i.inventoryNumber)}`,
    text: [
      "Bonjour,",
      "",
      `Votre signalement pour l'équipement ${itemLabel(i.category, i.inventoryNumber)} ${schoolPhrase("de", i.schoolName)} est enregistré (incident n° ${i.id}).`,
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
    subject: `Nouvel incident ${schoolPhrase("à", i.schoolName)} : ${itemLabel(i.category, i.inventoryNumber)}`,
    text: [
      "Bonjour,",
      "",
      `${reporter} signale un équipement en panne ${schoolPhrase("à", i.schoolName)} : ${itemLabel(i.category, i.inventoryNumber)}.`,
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
    subject: `Incident pris en charge : ${itemLabel(i.category, i.inventoryNumber)}`,
    text: [
      "Bonjour,",
      "",
      `L'incident n° ${i.id} (${itemLabel(i.category, i.inventoryNumber)}, école ${i.schoolName}) est pris en charge : l'équipement est en réparation.`,
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
    subject: `Incident résolu : ${itemLabel(i.category, i.inventoryNumber)}`,
    text: [
      "Bonjour,",
      "",
      `L'incident n° ${i.id} (${itemLabel(i.category, i.inventoryNumber)}, école ${i.schoolName}) est résolu.`,
      `${OUTCOME_LABELS[outcome]}.`,
      ...(resolution ? ["", "Ce qui a été fait :", resolution] : []),
      "",
      "Voir l'incident :",
      i.url,
    ].join("\n"),
  };
}
