// Schools (/t/:code/ecoles): the list, each school's page, its details and referents; registers the
// inventory, reference set, harmonisation, indicators and import routes of the section.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { AppDeps } from "../../app-deps.js";
import { parseForm, text } from "../../lib/validation.js";
import { NotFoundError } from "../../plugins/tenant.js";
import { addNavEntry } from "../../ui/navigation.js";
import { actorForAudit } from "../audit/audit.routes.js";
import { complianceFromCounts } from "./domain/socle.js";
import { fibreOf, parseSpeed } from "./domain/connection.js";
import { parseFrenchDate } from "./import-export/csv.js";
import { registerHarmonisationRoutes } from "./harmonisation.routes.js";
import { registerInventoryRoutes } from "./inventory.routes.js";
import { loadSchoolSummaries } from "./school-summaries.queries.js";
import { registerSchoolsImportRoutes } from "./schools-import.routes.js";
import { setSchoolReferent, updateSchoolDetails } from "./schools.commands.js";
import { accessOf, authorize, idParam, optionalId } from "./schools.guards.js";
import { canSchool } from "./schools.policy.js";
import { getSchool, listClasses, listReferentCandidates, listSchoolCommunes, listSchoolReferents, listSchools, schoolInScope, schoolItemCounts } from "./schools.queries.js";
import { currentSocle } from "./settings.queries.js";
import { registerSocleRoutes } from "./socle.routes.js";
import { SchoolFormPage, schoolFormValues, type SchoolFormValues } from "./views/school-form-page.js";
import { SchoolPage } from "./views/school-page.js";
import { SchoolsListPage } from "./views/schools-list-page.js";

const count = (label: string) =>
  z
    .string()
    .default("")
    .transform((value, ctx) => {
      const v = value.trim();
      if (v === "") return null;
      if (!/^\d{1,6}$/.test(v)) {
        ctx.addIssue({ code: "custom", message: `${label} : saisissez un nombre entier, par exemple 120` });
        return z.NEVER;
      }
      return Number(v);
    });

const schoolForm = z.object({
  direction: z.string().trim().max(200, "Directrice ou directeur : 200 caractères au maximum").default(""),
  adresse: z.string().trim().max(300, "Adresse : 300 caractères au maximum").default(""),
  eleves: count("Nombre d'élèves"),
  enseignants: count("Nombre d'enseignants"),
  raccordement: z.enum(["fibre", "cuivre", "radio", "satellite", "aucun", "inconnu"], { error: "Indiquez comment l'école est raccordée à internet" }),
  debit: z
    .string()
    .default("")
    .transform((value, ctx) => {
      const parsed = parseSpeed(value);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: `Débit : ${parsed.reason}` });
        return z.NEVER;
      }
      return parsed.value;
    }),
  date_mesure: z
    .string()
    .default("")
    .transform((value, ctx) => {
      const v = value.trim();
      if (v === "") return null;
      const parsed = parseFrenchDate(v);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: "Date de la mesure : saisissez une date valide, par exemple 03/03/2027" });
        return z.NEVER;
      }
      return parsed.value;
    }),
});

/** Registers every route of the schools section. */
export function registerSchoolRoutes(app: FastifyInstance, deps: AppDeps): void {
  addNavEntry({ path: "/ecoles", text: "Écoles", order: 40, visible: (actor, territoryId) => canSchool(actor, "schools.view", territoryId) });
  registerInventoryRoutes(app, deps);
  registerSocleRoutes(app, deps);
  registerHarmonisationRoutes(app, deps);
  registerSchoolsImportRoutes(app, deps);

  app.get("/t/:code/ecoles", async (request, reply) => {
    const territory = authorize(request, "schools.view");
    const { scope, abilities } = accessOf(request);
    const commune = text((request.query as Record<string, unknown>).commune) || undefined;
    const [rows, communes] = await request.tenant(async (tx) => [
      await listSchools(tx, { territoryId: territory.id, scope, commune }),
      await listSchoolCommunes(tx, { territoryId: territory.id }),
    ] as const);
    return reply.page(<SchoolsListPage ctx={reply.viewContext()} abilities={abilities} rows={rows} communes={communes} commune={commune} />);
  });

  app.get("/t/:code/ecoles/:schoolId", async (request, reply) => {
    const territory = authorize(request, "schools.view");
    const { scope, abilities } = accessOf(request);
    const schoolId = idParam(request, "schoolId");
    const data = await request.tenant(async (tx) => {
      if (!(await schoolInScope(tx, { territoryId: territory.id, schoolId, scope }))) return undefined;
      const school = await getSchool(tx, { territoryId: territory.id, schoolId });
      if (!school) return undefined;
      const [classes, counts, referents, candidates, { socle }, [summary]] = [
        await listClasses(tx, { territoryId: territory.id, schoolIds: [schoolId] }),
        await schoolItemCounts(tx, { territoryId: territory.id, schoolId }),
        await listSchoolReferents(tx, { territoryId: territory.id, schoolId }),
        abilities.has("schools.manage") ? await listReferentCandidates(tx, { territoryId: territory.id }) : [],
        await currentSocle(tx, { territoryId: territory.id }),
        await loadSchoolSummaries(tx, { territoryId: territory.id, scope, schoolId }),
      ];
      return { school, classes, counts, referents, candidates, socle, compliance: complianceFromCounts(summary!, summary!.cells, socle) };
    });
    if (!data) throw new NotFoundError();
    const classes = data.classes.map((c) => ({ ...c, items: data.counts.byClass.get(c.id) ?? 0 }));
    const notice = text((request.query as Record<string, unknown>).fait) || undefined;
    return reply.page(
      <SchoolPage ctx={reply.viewContext()} abilities={abilities} {...data} classes={classes} categories={data.counts.byCategory} notice={notice} />,
    );
  });

  app.get("/t/:code/ecoles/:schoolId/modifier", async (request, reply) => {
    const territory = authorize(request, "schools.manage");
    const schoolId = idParam(request, "schoolId");
    const school = await request.tenant((tx) => getSchool(tx, { territoryId: territory.id, schoolId }));
    if (!school) throw new NotFoundError();
    return reply.page(<SchoolFormPage ctx={reply.viewContext()} school={school} values={schoolFormValues(school)} />);
  });

  app.post("/t/:code/ecoles/:schoolId/modifier", async (request, reply) => {
    const territory = authorize(request, "schools.manage");
    const schoolId = idParam(request, "schoolId");
    const school = await request.tenant((tx) => getSchool(tx, { territoryId: territory.id, schoolId }));
    if (!school) throw new NotFoundError();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = parseForm(schoolForm, body);
    if (!form.ok) {
      const values = Object.fromEntries(["direction", "adresse", "eleves", "enseignants", "raccordement", "debit", "date_mesure"].map((k) => [k, text(body[k])])) as SchoolFormValues;
      return reply.page(<SchoolFormPage ctx={reply.viewContext()} school={school} values={values} errors={form.errors} />, 400);
    }
    const d = form.data;
    const connectionKind = d.raccordement === "inconnu" ? null : d.raccordement;
    const details = { headTeacher: d.direction, address: d.adresse, pupils: d.eleves, teachers: d.enseignants, fibre: fibreOf(connectionKind), connectionKind, connectionMbps: d.debit, connectionMeasuredOn: d.date_mesure };
    await request.tenant((tx) => updateSchoolDetails(tx, { territoryId: territory.id, schoolId, details, actor: actorForAudit(request) }));
    return reply.redirect(`/t/${territory.code}/ecoles/${schoolId}?fait=enregistre`, 303);
  });

  app.post("/t/:code/ecoles/:schoolId/referents", async (request, reply) => {
    const territory = authorize(request, "schools.manage");
    const schoolId = idParam(request, "schoolId");
    const body = (request.body ?? {}) as Record<string, unknown>;
    const userId = optionalId(body.utilisateur);
    const action = text(body.action);
    if (!userId || (action !== "ajouter" && action !== "retirer")) throw new NotFoundError();
    const done = await request.tenant((tx) =>
      setSchoolReferent(tx, { territoryId: territory.id, schoolId, userId, referent: action === "ajouter", actor: actorForAudit(request) }),
    );
    if (!done) throw new NotFoundError();
    return reply.redirect(`/t/${territory.code}/ecoles/${schoolId}?fait=referents`, 303);
  });
}
