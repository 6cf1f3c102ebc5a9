// OpenAPI 3.1 description of the open places API, written by hand; enum values come from the package.
import { ENUM_COLUMN_VALUES, REQUIRED_COLUMNS, STANDARD_COLUMNS, type StandardColumn } from "./import-export/lieu-record.js";

const list = (values: readonly string[], description: string) => ({
  type: "string",
  description: `${description} Plusieurs valeurs séparées par « | », parmi : ${values.join(" ; ")}.`,
});

// One schema per column of the standard (flat form: multi-values joined with "|").
const COLUMN_SCHEMAS: Record<StandardColumn, Record<string, unknown>> = {
  id: { type: "string", description: "Identifiant du lieu chez son producteur." },
  pivot: { type: "string", description: "SIRET (14 chiffres) ou numéro RNA (W suivi de 9 caractères) de la structure." },
  nom: { type: "string" },
  commune: { type: "string" },
  code_postal: { type: "string", pattern: "^\\d{5}$" },
  code_insee: { type: "string", pattern: "^([013-9]\\d|2[AB1-9])\\d{3}$" },
  adresse: { type: "string" },
  complement_adresse: { type: "string" },
  latitude: { type: "number", minimum: -90, maximum: 90 },
  longitude: { type: "number", minimum: -180, maximum: 180 },
  typologie: list(ENUM_COLUMN_VALUES.typologie, "Types de structure (data.inclusion)."),
  telephone: { type: "string", description: "Format international, par exemple +33180059880." },
  courriels: { type: "string", description: "Adresses de courriel séparées par « | »." },
  site_web: { type: "string", description: "Adresses web séparées par « | »." },
  horaires: { type: "string", description: "Syntaxe OpenStreetMap opening_hours, par exemple « Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00 »." },
  presentation_resume: { type: "string", maxLength: 280 },
  presentation_detail: { type: "string" },
  source: { type: "string" },
  itinerance: list(ENUM_COLUMN_VALUES.itinerance, "Lieu fixe ou itinérant."),
  structure_parente: { type: "string" },
  date_maj: { type: "string", format: "date" },
  services: list(ENUM_COLUMN_VALUES.services, "Services proposés."),
  publics_specifiquement_adresses: list(ENUM_COLUMN_VALUES.publics_specifiquement_adresses, "Publics accueillis en particulier."),
  prise_en_charge_specifique: list(ENUM_COLUMN_VALUES.prise_en_charge_specifique, "Accompagnements adaptés."),
  frais_a_charge: list(ENUM_COLUMN_VALUES.frais_a_charge, "Frais pour la personne."),
  dispositif_programmes_nationaux: list(ENUM_COLUMN_VALUES.dispositif_programmes_nationaux, "Dispositifs et programmes nationaux."),
  formations_labels: list(ENUM_COLUMN_VALUES.formations_labels, "Formations et labels."),
  autres_formations_labels: { type: "string", description: "Autres formations et labels, séparés par « | »." },
  modalites_acces: list(ENUM_COLUMN_VALUES.modalites_acces, "Modalités d'accès."),
  modalites_accompagnement: list(ENUM_COLUMN_VALUES.modalites_accompagnement, "Modalités d'accompagnement."),
  fiche_acces_libre: { type: "string", format: "uri" },
  prise_rdv: { type: "string", format: "uri" },
};

const pageParameters = [
  { name: "commune", in: "query", description: "Code INSEE de la commune du lieu.", schema: { type: "string", pattern: "^([013-9]\\d|2[AB1-9])\\d{3}$" }, example: "79202" },
  { name: "service", in: "query", description: "Un service, valeur exacte du standard.", schema: { type: "string", enum: ENUM_COLUMN_VALUES.services } },
  { name: "page", in: "query", description: "Numéro de page, à partir de 1.", schema: { type: "integer", minimum: 1, default: 1 } },
  { name: "par_page", in: "query", description: "Lieux par page.", schema: { type: "integer", minimum: 1, maximum: 500, default: 100 } },
];

const pageHeaders = {
  ETag: { description: "Version de la réponse ; renvoyez-la dans If-None-Match.", schema: { type: "string" } },
  "Last-Modified": { description: "Date de la dernière modification d'un lieu de la sélection.", schema: { type: "string" } },
  Link: { description: "Liens vers les pages first, prev, next et last (RFC 8288).", schema: { type: "string" } },
  "X-Total-Count": { description: "Nombre total de lieux de la sélection.", schema: { type: "integer" } },
};

const conditionalParameters = [
  { name: "If-None-Match", in: "header", description: "ETag d'une réponse précédente : 304 si rien n'a changé.", schema: { type: "string" } },
  { name: "If-Modified-Since", in: "header", description: "304 si rien n'a changé depuis cette date.", schema: { type: "string" } },
];

const errorResponse = { description: "Paramètre invalide.", content: { "application/json": { schema: { $ref: "#/components/schemas/Erreur" } } } };

/** The OpenAPI document of /api/v1, with this instance's address as server. */
export function placesOpenApi(publicUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Maillage — lieux de médiation numérique",
      version: "1.0.0",
      description:
        "Les lieux publiés par les territoires de cette instance de Maillage, au format du standard national des lieux de médiation numérique (schéma 1.0.2, forme plate) et au format data.inclusion. Accès libre, sans compte.",
      license: { name: "Licence Ouverte 2.0", url: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/" },
    },
    servers: [{ url: publicUrl }],
    paths: {
      "/api/v1/lieux": {
        get: {
          summary: "Lieux publiés, au format du standard",
          operationId: "listerLieux",
          parameters: [...pageParameters, ...conditionalParameters],
          responses: {
            "200": {
              description: "Une page de lieux, dans un ordre stable.",
              headers: pageHeaders,
              content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/LieuMediationNumerique" } } } },
            },
            "304": { description: "Rien n'a changé depuis la version indiquée." },
            "400": errorResponse,
          },
        },
      },
      "/api/v1/lieux/data-inclusion": {
        get: {
          summary: "Lieux publiés, au format data.inclusion (structures et services)",
          operationId: "listerLieuxDataInclusion",
          parameters: [...pageParameters, ...conditionalParameters],
          responses: {
            "200": {
              description: "Une structure et un service de médiation numérique par lieu.",
              headers: pageHeaders,
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    required: ["structures", "services"],
                    properties: { structures: { type: "array", items: { type: "object" } }, services: { type: "array", items: { type: "object" } } },
                  },
                },
              },
            },
            "304": { description: "Rien n'a changé depuis la version indiquée." },
            "400": errorResponse,
          },
        },
      },
    },
    components: {
      schemas: {
        LieuMediationNumerique: {
          type: "object",
          description: "Un lieu dans la forme plate du standard ; les champs vides sont absents.",
          required: REQUIRED_COLUMNS,
          properties: Object.fromEntries(STANDARD_COLUMNS.map((column) => [column, COLUMN_SCHEMAS[column]])),
        },
        Erreur: {
          type: "object",
          required: ["erreur", "statut"],
          properties: { erreur: { type: "string", description: "Explication en français." }, statut: { type: "integer" } },
        },
      },
    },
  };
}
