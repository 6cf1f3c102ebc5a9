// The teachers' pages, without an account: a school's signed registration link lists the sessions to come
// and takes a registration; the registration's own signed link shows it, serves its .ics and cancels it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { defaultRateLimits, type AppDeps } from "../../../app-deps.js";
import { withTenant } from "../../../db/tenant.js";
import { text } from "../../../lib/validation.js";
import { NotFoundError } from "../../../plugins/tenant.js";
import type { FieldErrors } from "../../../ui/form.js";
import { formBody, idParam } from "../plan/route-helpers.js";
import { sessionIcs } from "./training-calendar.js";
import { parseRegistration, type RegistrationValues } from "./training-form.js";
import { registrationKey, verifyRegistrationKey, verifySchoolKey } from "./training-links.js";
import { cancelRegistration, registerTeacher } from "./training.commands.js";
import { findRegistrationTerritory, findSchoolTerritory, getRegistration, getSchoolName, listUpcomingSessions } from "./training.queries.js";
import { CancelledPage, ConfirmationPage, RegistrationPage } from "./views/registration-pages.js";

/** Registers /formations/ecole/:schoolId and /formations/inscription/:registrationId (public, signed). */
export function registerRegistrationRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const limits = deps.rateLimits ?? defaultRateLimits;
  const formLimit = { config: { rateLimit: { max: limits.publicForm, timeWindow: 60_000 } } };
  const organizerEmail = deps.config.mailFrom.replace(/^.*<|>.*$/g, "");

  /** The school of a signed registration link (404 when the key is wrong or expired). */
  async function schoolFromLink(request: FastifyRequest) {
    const schoolId = idParam(request, "schoolId");
    const key = text((request.query as { cle?: unknown }).cle);
    if (!verifySchoolKey({ secret: deps.linkSecret, schoolId, key, now: deps.clock() })) throw new NotFoundError();
    const territoryId = await findSchoolTerritory(db, { schoolId });
    if (territoryId === undefined) throw new NotFoundError();
    return { schoolId, key, territoryId };
  }

  async function showRegistration(reply: FastifyReply, link: Awaited<ReturnType<typeof schoolFromLink>>, values: RegistrationValues, errors: FieldErrors = {}, status = 200) {
    const { territoryId, schoolId } = link;
    const { schoolName, sessions } = await withTenant(db, territoryId, async (tx) => ({
      schoolName: await getSchoolName(tx, { territoryId, schoolId }),
      sessions: await listUpcomingSessions(tx, { territoryId, now: deps.clock() }),
    }));
    if (schoolName === undefined) throw new NotFoundError();
    const action = `/formations/ecole/${schoolId}?cle=${encodeURIComponent(link.key)}`;
    return reply.page(<RegistrationPage ctx={reply.viewContext()} schoolName={schoolName} action={action} sessions={sessions} values={values} errors={errors} />, status);
  }

  app.get("/formations/ecole/:schoolId", async (request, reply) => {
    const link = await schoolFromLink(request);
    return showRegistration(reply, link, { sessionId: text((request.query as { session?: unknown }).session), name: "", email: "" });
  });

  app.post("/formations/ecole/:schoolId", formLimit, async (request, reply) => {
    const link = await schoolFromLink(request);
    const body = formBody(request);
    const values = { sessionId: text(body.sessionId), name: text(body.name), email: text(body.email) };
    const parsed = parseRegistration(values);
    if (!parsed.ok) return showRegistration(reply, link, values, parsed.errors, 400);
    const { territoryId, schoolId } = link;
    const secret = deps.linkSecret;
    const pageUrl = (registrationId: number, endsAt: Date) => `${deps.config.publicUrl}/formations/inscription/${registrationId}?cle=${registrationKey({ secret, registrationId, endsAt })}`;
    const result = await withTenant(db, territoryId, (tx) =>
      registerTeacher(tx, { territoryId, schoolId, sessionId: parsed.data.sessionId, name: parsed.data.name, email: parsed.data.email, now: deps.clock(), organizerEmail, pageUrl }),
    );
    if (!result.ok) {
      const message = {
        complet: result.reason === "complet" ? `La session « ${result.title} » est complète : ses ${result.capacity} places sont prises. Choisissez une autre session.` : "",
        "deja-inscrit": "Vous êtes déjà inscrit ou inscrite à cette session avec cette adresse électronique.",
        passee: "Cette session a déjà commencé : choisissez une session à venir.",
        introuvable: "Choisissez une session de la liste.",
      }[result.reason];
      return showRegistration(reply, link, values, { [result.reason === "deja-inscrit" ? "email" : "sessionId"]: message }, result.reason === "complet" ? 409 : 400);
    }
    const key = registrationKey({ secret, registrationId: result.registrationId, endsAt: result.endsAt });
    return reply.redirect(`/formations/inscription/${result.registrationId}?${new URLSearchParams({ cle: key, confirme: "1" }).toString()}`, 303);
  });

  /** The registration of a signed link (404 when the key is wrong or expired, or the registration gone). */
  async function registrationFromLink(request: FastifyRequest) {
    const registrationId = idParam(request, "registrationId");
    const key = text((request.query as { cle?: unknown }).cle);
    if (!verifyRegistrationKey({ secret: deps.linkSecret, registrationId, key, now: deps.clock() })) throw new NotFoundError();
    const territoryId = await findRegistrationTerritory(db, { registrationId });
    if (territoryId === undefined) throw new NotFoundError();
    const row = await withTenant(db, territoryId, (tx) => getRegistration(tx, { territoryId, registrationId }));
    if (!row) throw new NotFoundError();
    return { registrationId, key, territoryId, ...row };
  }

  app.get("/formations/inscription/:registrationId", async (request, reply) => {
    const r = await registrationFromLink(request);
    const query = `?cle=${encodeURIComponent(r.key)}`;
    const cancelAction = r.session.startsAt > deps.clock() ? `/formations/inscription/${r.registrationId}/annulation${query}` : undefined;
    return reply.page(
      <ConfirmationPage
        ctx={reply.viewContext()}
        session={r.session}
        teacher={{ name: r.registration.teacherName, email: r.registration.teacherEmail }}
        schoolName={r.schoolName}
        icsUrl={`/formations/inscription/${r.registrationId}/formation.ics${query}`}
        justRegistered={text((request.query as { confirme?: unknown }).confirme) === "1"}
        cancelAction={cancelAction}
      />,
    );
  });

  app.get("/formations/inscription/:registrationId/formation.ics", async (request, reply) => {
    const r = await registrationFromLink(request);
    const s = r.session;
    const ics = sessionIcs({ id: s.id, sequence: s.sequence, title: s.title, startsAt: s.startsAt, endsAt: s.endsAt, place: s.place, description: s.trainer ? `Avec ${s.trainer}` : "" }, { method: "PUBLISH", organizerEmail });
    return reply.type("text/calendar; charset=utf-8").header("content-disposition", 'attachment; filename="formation.ics"').header("cache-control", "no-store").send(ics);
  });

  app.post("/formations/inscription/:registrationId/annulation", formLimit, async (request, reply) => {
    const r = await registrationFromLink(request);
    const cancelled = await withTenant(db, r.territoryId, (tx) => cancelRegistration(tx, { territoryId: r.territoryId, registrationId: r.registrationId, now: deps.clock() }));
    if (!cancelled) return reply.redirect(`/formations/inscription/${r.registrationId}?cle=${encodeURIComponent(r.key)}`, 303);
    return reply.page(<CancelledPage ctx={reply.viewContext()} title={r.session.title} />);
  });
}
