// Connectivity (/t/:code/connectivite): the overview and the fibre target. Imports: observatory-import.routes.tsx.
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import { text } from "../../lib/validation.js";
import { addNavEntry } from "../../ui/navigation.js";
import { actorForAudit } from "../audit/audit.routes.js";
import { authorize, mayManage } from "../observatory/observatory.guards.js";
import { canObservatory } from "../observatory/observatory.policy.js";
import { parseFrenchDate } from "../schools/import-export/csv.js";
import { setConnectivityTarget } from "./connectivity.commands.js";
import { getTarget, loadConnectivity } from "./connectivity.queries.js";
import { ConnectivityPage } from "./views/connectivity-page.js";
import { TargetFormPage, type TargetFormValues } from "./views/target-form-page.js";

/** Reads the target form: a percentage (1–100, decimal comma allowed) and a date. */
export function parseTargetForm(body: Record<string, unknown>): { ok: true; share: number; date: string } | { ok: false; errors: Record<string, string>; values: TargetFormValues } {
  const values = { part: text(body.part), date: text(body.date) };
  const errors: Record<string, string> = {};
  const share = Number(values.part.replace(",", ".").replace(/\s*%$/, ""));
  if (values.part === "" || !Number.isFinite(share) || share <= 0 || share > 100) errors.part = "Saisissez une part entre 1 et 100, par exemple 100";
  const date = parseFrenchDate(values.date);
  if (!date.ok) errors.date = values.date === "" ? "Saisissez la date de l'objectif, par exemple 31/12/2028" : "Saisissez une date valide, par exemple 31/12/2028";
  if (Object.keys(errors).length > 0 || !date.ok) return { ok: false, errors, values };
  return { ok: true, share: share / 100, date: date.value };
}

/** Registers the connectivity pages. */
export function registerConnectivityRoutes(app: FastifyInstance, _deps: AppDeps): void {
  addNavEntry({ path: "/connectivite", text: "Connectivité", order: 60, visible: (a, t) => canObservatory(a, "observatory.view", t) });

  app.get("/t/:code/connectivite", async (request, reply) => {
    const territory = authorize(request, "observatory.view");
    const view = await request.tenant((tx) => loadConnectivity(tx, { territoryId: territory.id }));
    return reply.page(<ConnectivityPage ctx={reply.viewContext()} view={view} canManage={mayManage(request)} />);
  });

  app.get("/t/:code/connectivite/objectif", async (request, reply) => {
    const territory = authorize(request, "observatory.manage");
    const target = await request.tenant((tx) => getTarget(tx, { territoryId: territory.id }));
    const [y, m, d] = target.date.split("-");
    return reply.page(<TargetFormPage ctx={reply.viewContext()} values={{ part: String(Math.round(target.share * 1000) / 10).replace(".", ","), date: `${d}/${m}/${y}` }} />);
  });

  app.post("/t/:code/connectivite/objectif", async (request, reply) => {
    const territory = authorize(request, "observatory.manage");
    const parsed = parseTargetForm((request.body ?? {}) as Record<string, unknown>);
    if (!parsed.ok) return reply.page(<TargetFormPage ctx={reply.viewContext()} values={parsed.values} errors={parsed.errors} />, 400);
    await request.tenant((tx) => setConnectivityTarget(tx, { territoryId: territory.id, share: parsed.share, targetDate: parsed.date, actor: actorForAudit(request) }));
    return reply.redirect(`/t/${territory.code}/connectivite`, 303);
  });
}
