// The reference set (/t/:code/ecoles/socle): view, edit as a new version, lifetimes per category.
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import { text } from "../../lib/validation.js";
import { actorForAudit } from "../audit/audit.routes.js";
import { EQUIPMENT_CATEGORIES, type LifetimeTable } from "./domain/categories.js";
import { accessOf, authorize } from "./schools.guards.js";
import { saveLifetimes, saveSocleVersion } from "./settings.commands.js";
import { currentSocle, getLifetimes, listSocleVersions } from "./settings.queries.js";
import { nextVersionLabel, parseSocleForm, readSocleForm, socleToValues } from "./socle-form.js";
import { LifetimesFormPage, SocleFormPage } from "./views/socle-form-page.js";
import { SoclePage } from "./views/socle-page.js";

/** Registers the reference-set pages. */
export function registerSocleRoutes(app: FastifyInstance, _deps: AppDeps): void {
  app.get("/t/:code/ecoles/socle", async (request, reply) => {
    const territory = authorize(request, "socle.view");
    const { abilities } = accessOf(request);
    const data = await request.tenant(async (tx) => ({
      current: await currentSocle(tx, { territoryId: territory.id }),
      versions: await listSocleVersions(tx, { territoryId: territory.id }),
      lifetimes: await getLifetimes(tx, { territoryId: territory.id }),
    }));
    const notice = text((request.query as Record<string, unknown>).fait) || undefined;
    return reply.page(<SoclePage ctx={reply.viewContext()} abilities={abilities} {...data} notice={notice} />);
  });

  app.get("/t/:code/ecoles/socle/modifier", async (request, reply) => {
    const territory = authorize(request, "socle.edit");
    const [current, versions] = await request.tenant(async (tx) => [
      await currentSocle(tx, { territoryId: territory.id }),
      await listSocleVersions(tx, { territoryId: territory.id }),
    ] as const);
    const values = socleToValues(current.socle, nextVersionLabel(versions.map((v) => v.version)));
    return reply.page(<SocleFormPage ctx={reply.viewContext()} values={values} />);
  });

  app.post("/t/:code/ecoles/socle/modifier", async (request, reply) => {
    const territory = authorize(request, "socle.edit");
    const values = readSocleForm((request.body ?? {}) as Record<string, unknown>);
    const saved = await request.tenant(async (tx) => {
      const versions = await listSocleVersions(tx, { territoryId: territory.id });
      const parsed = parseSocleForm(values, versions.map((v) => v.version));
      if (!parsed.ok) return parsed;
      return saveSocleVersion(tx, { territoryId: territory.id, socle: parsed.socle, actor: actorForAudit(request) });
    });
    if (!saved.ok) return reply.page(<SocleFormPage ctx={reply.viewContext()} values={values} problems={saved.problems} />, 400);
    return reply.redirect(`/t/${territory.code}/ecoles/socle?fait=socle`, 303);
  });

  app.get("/t/:code/ecoles/socle/durees-de-vie", async (request, reply) => {
    const territory = authorize(request, "socle.edit");
    const lifetimes = await request.tenant((tx) => getLifetimes(tx, { territoryId: territory.id }));
    const values = Object.fromEntries(EQUIPMENT_CATEGORIES.map((c) => [c, String(lifetimes[c])]));
    return reply.page(<LifetimesFormPage ctx={reply.viewContext()} values={values} />);
  });

  app.post("/t/:code/ecoles/socle/durees-de-vie", async (request, reply) => {
    const territory = authorize(request, "socle.edit");
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = Object.fromEntries(EQUIPMENT_CATEGORIES.map((c) => [c, text(body[c])]));
    const errors: Record<string, string> = {};
    const lifetimes = {} as Record<(typeof EQUIPMENT_CATEGORIES)[number], number>;
    for (const c of EQUIPMENT_CATEGORIES) {
      const years = /^\d{1,2}$/.test(values[c]!) ? Number(values[c]) : 0;
      if (years < 1 || years > 30) errors[c] = "Saisissez une durée de vie en années, de 1 à 30";
      lifetimes[c] = years;
    }
    if (Object.keys(errors).length > 0) return reply.page(<LifetimesFormPage ctx={reply.viewContext()} values={values} errors={errors} />, 400);
    await request.tenant((tx) => saveLifetimes(tx, { territoryId: territory.id, lifetimes: lifetimes as LifetimeTable, actor: actorForAudit(request) }));
    return reply.redirect(`/t/${territory.code}/ecoles/socle?fait=durees`, 303);
  });
}
