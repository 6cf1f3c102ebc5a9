/**
 * The standard's service values, worded the way people who need help say it, for the public finder
 * ("Que voulez-vous faire ?"). Keys are the package's enum members, so values stay byte-identical to the
 * standard; labels complete "Je veux …" and hints give everyday examples for the GOV.UK hint text.
 */
import { Service } from "@gouvfr-anct/lieux-de-mediation-numerique";

/** How a citizen says each service; every `Service` has exactly one label (checked by the type). */
export const serviceLabelsForCitizens: Readonly<Record<Service, string>> = {
  [Service.AideAuxDemarchesAdministratives]: "faire une démarche en ligne",
  [Service.MaitriseDesOutilsNumeriquesDuQuotidien]: "apprendre à me servir de mon téléphone ou de mon ordinateur",
  [Service.InsertionProfessionnelleViaLeNumerique]: "trouver un emploi avec internet",
  [Service.UtilisationSecuriseeDuNumerique]: "me protéger des arnaques sur internet",
  [Service.ParentaliteEtEducationAvecLeNumerique]: "aider mes enfants avec les écrans et l'école en ligne",
  [Service.LoisirsEtCreationsNumeriques]: "faire des photos, des vidéos ou des loisirs avec le numérique",
  [Service.ComprehensionDuMondeNumerique]: "mieux comprendre internet et les réseaux sociaux",
  [Service.AccesInternetEtMaterielInformatique]: "utiliser un ordinateur ou internet sur place",
  [Service.MaterielInformatiqueAPrixSolidaire]: "acheter un ordinateur ou un téléphone à petit prix",
};

/** Everyday examples shown under each label. */
export const serviceHintsForCitizens: Readonly<Record<Service, string>> = {
  [Service.AideAuxDemarchesAdministratives]: "Par exemple\u00a0: CAF, impôts, carte d'identité, retraite, Ameli.",
  [Service.MaitriseDesOutilsNumeriquesDuQuotidien]: "Par exemple\u00a0: envoyer un courriel, une photo, utiliser une application.",
  [Service.InsertionProfessionnelleViaLeNumerique]: "Par exemple\u00a0: faire un CV, s'inscrire à France Travail, répondre à une offre.",
  [Service.UtilisationSecuriseeDuNumerique]: "Par exemple\u00a0: mots de passe, faux messages, achats en ligne sans risque.",
  [Service.ParentaliteEtEducationAvecLeNumerique]: "Par exemple\u00a0: Pronote, l'ENT du collège, le temps d'écran.",
  [Service.LoisirsEtCreationsNumeriques]: "Par exemple\u00a0: retoucher des photos, monter une vidéo, jouer.",
  [Service.ComprehensionDuMondeNumerique]: "Par exemple\u00a0: vérifier une information, comprendre l'intelligence artificielle.",
  [Service.AccesInternetEtMaterielInformatique]: "Par exemple\u00a0: imprimer, scanner un document, se connecter au wifi.",
  [Service.MaterielInformatiqueAPrixSolidaire]: "Ordinateurs et téléphones reconditionnés vendus à prix réduit.",
};

/** Services in the order the finder shows them (most asked first), each with its citizen wording. */
export function citizenServiceChoices(): { value: Service; label: string; hint: string }[] {
  return FINDER_ORDER.map((value) => ({
    value,
    label: serviceLabelsForCitizens[value],
    hint: serviceHintsForCitizens[value],
  }));
}

const FINDER_ORDER: readonly Service[] = [
  Service.AideAuxDemarchesAdministratives,
  Service.MaitriseDesOutilsNumeriquesDuQuotidien,
  Service.InsertionProfessionnelleViaLeNumerique,
  Service.AccesInternetEtMaterielInformatique,
  Service.UtilisationSecuriseeDuNumerique,
  Service.ParentaliteEtEducationAvecLeNumerique,
  Service.MaterielInformatiqueAPrixSolidaire,
  Service.ComprehensionDuMondeNumerique,
  Service.LoisirsEtCreationsNumeriques,
];
