/** Places for tests: varied valid records, and a generator of valid records for property tests. */
import {
  DispositifProgrammeNational,
  FormationLabel,
  Frais,
  Itinerance,
  ModaliteAcces,
  ModaliteAccompagnement,
  PriseEnChargeSpecifique,
  PublicSpecifiquementAdresse,
  Service,
  Typologie,
} from "@gouvfr-anct/lieux-de-mediation-numerique";
import fc from "fast-check";
import type { LieuRecord } from "./lieu-record.js";

/** Every field filled, several values in each multi-valued field. */
export const fullRecord: LieuRecord = {
  id: "mairie-parthenay",
  pivot: "21790196300014",
  nom: "Mairie de Parthenay, espace numérique",
  commune: "Parthenay",
  code_postal: "79200",
  code_insee: "79202",
  adresse: "2 rue de la Citadelle",
  complement_adresse: "Rez-de-chaussée, porte B",
  latitude: 46.6486,
  longitude: -0.2475,
  typologie: [Typologie.MUNI, Typologie.EPN],
  telephone: "+33549946010",
  courriels: ["numerique@parthenay.fr", "accueil@parthenay.fr"],
  site_web: ["https://www.parthenay.fr/", "https://m.facebook.com/parthenay"],
  horaires: "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00; PH off",
  presentation_resume: "Aide aux démarches en ligne et ateliers pour débuter.",
  presentation_detail: 'Le "café numérique" a lieu le mardi.\nSur place : ordinateurs, imprimante; wifi gratuit.',
  source: "Maillage",
  itinerance: [Itinerance.Fixe],
  structure_parente: "Communauté de communes de Parthenay-Gâtine",
  date_maj: "2025-03-14",
  services: [Service.AideAuxDemarchesAdministratives, Service.MaitriseDesOutilsNumeriquesDuQuotidien],
  publics_specifiquement_adresses: [PublicSpecifiquementAdresse.Seniors, PublicSpecifiquementAdresse.Jeunes],
  prise_en_charge_specifique: [PriseEnChargeSpecifique.Surdite, PriseEnChargeSpecifique.LanguesEtrangeresAnglais],
  frais_a_charge: [Frais.Gratuit],
  dispositif_programmes_nationaux: [DispositifProgrammeNational.ConseillersNumeriques, DispositifProgrammeNational.FranceServices],
  formations_labels: [FormationLabel.FormeAMonEspaceSante],
  autres_formations_labels: ["Label local", "Pass numérique"],
  modalites_acces: [ModaliteAcces.SePresenter, ModaliteAcces.Telephoner],
  modalites_accompagnement: [ModaliteAccompagnement.AccompagnementIndividuel, ModaliteAccompagnement.DansUnAtelier],
  fiche_acces_libre: "https://acceslibre.beta.gouv.fr/app/79-parthenay/a/mairie/erp/mairie-parthenay/",
  prise_rdv: "https://www.rdv-solidarites.fr/",
};

/** Only the required fields. */
export const minimalRecord: LieuRecord = {
  id: "bus-numerique",
  pivot: "W791234567",
  nom: "Bus numérique",
  commune: "Saint-Aubin-le-Cloud",
  code_postal: "79450",
  adresse: "Place de l'Église",
  date_maj: "2024-11-02",
  services: [Service.AccesInternetEtMaterielInformatique],
};

/** Corsican INSEE code, overseas phone, a comma-free value with a semicolon, every enum's last value. */
export const unusualRecord: LieuRecord = {
  id: "médiathèque d'Ajaccio",
  pivot: "00000000000000",
  nom: "Médiathèque; « Fesch »",
  commune: "Ajaccio",
  code_postal: "20000",
  code_insee: "2A004",
  adresse: "50 rue Fesch",
  latitude: 41.9192,
  longitude: 8.7386,
  typologie: [Typologie.BIB],
  telephone: "+262262123456",
  horaires: 'Tu 14:00-17:00 unknown "sur rendez-vous"; Fr 20:00-02:00',
  itinerance: [Itinerance.Itinerant, Itinerance.Fixe],
  date_maj: "2023-01-31",
  services: Object.values(Service),
  frais_a_charge: [Frais.Payant, Frais.GratuitSousCondition],
  modalites_acces: [ModaliteAcces.PasDePublic],
  modalites_accompagnement: [ModaliteAccompagnement.ADistance],
};

export const variedRecords: LieuRecord[] = [fullRecord, minimalRecord, unusualRecord];

const HORAIRES = [
  "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00",
  "Mo,We,Fr 10:00-17:00; PH off",
  "24/7",
  "Tu-Sa 13:30-19:00",
  'Mo 09:00-12:00; Th 14:00-16:00 unknown "sur rendez-vous"',
];
const COMMUNES = ["Reims", "Saint-Étienne", "L'Haÿ-les-Roses", "Parthenay", "Œuilly", "Val d'Oingt"];
const ADRESSES = ["12 BIS RUE DE LECLERCQ", "Place de la Mairie", "3, allée des Tilleuls (bâtiment C)", "Lieu-dit Le Bourg"];
const URLS = ["https://www.example.fr/", "https://acceslibre.beta.gouv.fr/app/erp/1/", "http://mairie.fr/rdv?lieu=3"];
const COURRIELS = ["contact@mairie.fr", "aidant.numerique@cc-gatine.fr", "bonjour@tiers-lieu.org"];

// Free text as a person types it: any characters but CR (CSV lines are read as LF), trimmed, not empty.
const freeText = (maxLength: number): fc.Arbitrary<string> =>
  fc
    .string({ unit: "grapheme", minLength: 1, maxLength })
    .filter((text) => text.trim() === text && text !== "" && !text.includes("\r"));
const someOf = <T>(values: readonly T[]): fc.Arbitrary<T[]> => fc.subarray([...values], { minLength: 1 });
const digits = (length: number): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((list) => list.join(""));
const coordinate = (limit: number): fc.Arbitrary<number> =>
  fc.double({ min: -limit, max: limit, noNaN: true }).map((value) => (value === 0 ? 0 : value));

const withoutCoordinates: fc.Arbitrary<Omit<LieuRecord, "latitude" | "longitude">> = fc.record(
  {
    id: freeText(40),
    pivot: fc.oneof(digits(14), fc.stringMatching(/^W[A-Za-z0-9]{9}$/)),
    nom: freeText(80),
    commune: fc.constantFrom(...COMMUNES),
    code_postal: digits(5),
    code_insee: fc.stringMatching(/^([013-9]\d|2[AB1-9])\d{3}$/),
    adresse: fc.constantFrom(...ADRESSES),
    complement_adresse: freeText(40),
    typologie: someOf(Object.values(Typologie)),
    telephone: fc.tuple(fc.integer({ min: 1, max: 9 }), digits(8)).map(([first, rest]) => `+33${first}${rest}`),
    courriels: someOf(COURRIELS),
    site_web: someOf(URLS),
    horaires: fc.constantFrom(...HORAIRES),
    presentation_resume: freeText(60),
    presentation_detail: freeText(300),
    source: freeText(30),
    itinerance: someOf(Object.values(Itinerance)),
    structure_parente: freeText(40),
    date_maj: fc
      .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
      .map((date) => date.toISOString().slice(0, 10)),
    services: someOf(Object.values(Service)),
    publics_specifiquement_adresses: someOf(Object.values(PublicSpecifiquementAdresse)),
    prise_en_charge_specifique: someOf(Object.values(PriseEnChargeSpecifique)),
    frais_a_charge: someOf(Object.values(Frais)),
    dispositif_programmes_nationaux: someOf(Object.values(DispositifProgrammeNational)),
    formations_labels: someOf(Object.values(FormationLabel)),
    autres_formations_labels: fc.uniqueArray(freeText(20).filter((label) => !label.includes("|")), { minLength: 1, maxLength: 3 }),
    modalites_acces: someOf(Object.values(ModaliteAcces)),
    modalites_accompagnement: someOf(Object.values(ModaliteAccompagnement)),
    fiche_acces_libre: fc.constantFrom(...URLS),
    prise_rdv: fc.constantFrom(...URLS),
  },
  { requiredKeys: ["id", "pivot", "nom", "commune", "code_postal", "adresse", "date_maj", "services"] },
);

/** Any valid record: required fields always, each optional field present or absent (coordinates as a pair). */
export const arbitraryLieuRecord: fc.Arbitrary<LieuRecord> = fc
  .tuple(withoutCoordinates, fc.option(fc.tuple(coordinate(90), coordinate(180)), { nil: undefined }))
  .map(([record, pair]) => (pair ? { ...record, latitude: pair[0], longitude: pair[1] } : record));

/** Collects an async iterable of text chunks into one string. */
export async function collectText(chunks: AsyncIterable<string>): Promise<string> {
  let text = "";
  for await (const chunk of chunks) text += chunk;
  return text;
}
