// The agents' side: agenda by day or week, outcomes, cancellation by the service, booking for someone.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import { addDays, isoWeekday, parisDateOf, parisToInstant } from "../../lib/paris-time.js";
import { text } from "../../lib/validation.js";
import { ForbiddenError, NotFoundError } from "../../plugins/tenant.js";
import { addNavEntry } from "../../ui/navigation.js";
import { recordAudit } from "../audit/audit.commands.js";
import { actorForAudit } from "../audit/audit.routes.js";
import { agendaFilters, listAgenda, noShowRate } from "./agenda.queries.js";
import { bookAppointment, cancelAppointment, mediatorOfUser, recordOutcome, slotRulesFor } from "./booking.commands.js";
import { personValues, validatePerson } from "./booking.person.js";
import { canBookForSomeone, canSeeAgenda } from "./booking.policy.js";
import { getMotif, getPlaceForBooking, nextFreeSlotsForPlace } from "./booking.queries.js";
import { AgendaPage } from "./views/agenda-page.js";
import { AgentContactPage, AgentSearchPage } from "./views/agent-booking.js";
import { and, asc, eq, sql } from "drizzle-orm";
import { motifs, places } from "../../db/schema/index.js";

const appointmentIdPattern = /^[0-9a-f-]{36}$/;

/** The agenda's own parameters from a form's "retour" field (view, day, mediator, place), each checked, ready to prefix. */
export function agendaQuery(back: string): string {
  const sent = new URLSearchParams(back);
  const kept = new URLSearchParams();
  const vue = sent.get("vue");
  if (vue === "jour" || vue === "semaine") kept.set("vue", vue);
  const date = sent.get("date") ?? "";
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) kept.set("date", date);
  for (const key of ["mediateur", "lieu"]) {
    const id = sent.get(key) ?? "";
    if (/^[1-9]\d{0,9}$/.test(id)) kept.set(key, id);
  }
  const query = kept.toString();
  return query ? `${query}&` : "";
}

/** Registers the agenda and agent booking routes. */
export function registerAgendaRoutes(app: FastifyInstance, deps: AppDeps): void {
  const organizerEmail = () => deps.config.mailFrom.replace(/^.*<|>.*$/g, "");
  addNavEntry({ path: "/agenda", text: "Agenda", order: 10, visible: canSeeAgenda });

  function requireAgenda(request: FastifyRequest) {
    const territory = request.territory!;
    if (!canSeeAgenda(request.actor, territory.id)) throw new NotFoundError();
    return territory;
  }

  app.get("/t/:code/agenda", async (request, reply) => {
    const territory = requireAgenda(request);
    const query = request.query as { vue?: string; date?: string; mediateur?: string; lieu?: string; fait?: string };
    const view = query.vue === "semaine" ? "semaine" : "jour";
    const today = parisDateOf(deps.clock().getTime());
    const date = /^\d{4}-\d{2}-\d{2}$/.test(query.date ?? "") ? query.date! : today;
    const first = view === "jour" ? date : addDays(date, 1 - isoWeekday(date));
    const from = new Date(parisToInstant(first, "00:00"));
    const to = new Date(parisToInstant(addDays(first, view === "jour" ? 1 : 7), "00:00"));
    const data = await request.tenant(async (tx) => {
      const filters = await agendaFilters(tx, { territoryId: territory.id });
      const own = query.mediateur === undefined ? await mediatorOfUser(tx, { territoryId: territory.id, userId: request.actor!.userId }) : undefined;
      const mediatorId = Number(query.mediateur) || own?.id || undefined;
      const placeId = Number(query.lieu) || undefined;
      const rows = await listAgenda(tx, { territoryId: territory.id, from, to, mediatorId, placeId });
      const noShow = await noShowRate(tx, { territoryId: territory.id, from: new Date(from.getTime() - 90 * 86_400_000), to, mediatorId });
      await recordAudit(tx, { territoryId: territory.id, actor: actorForAudit(request), action: "personal-data.view", entityType: "agenda", details: { from: first, view, mediatorId, placeId } });
      return { filters, rows, noShow, mediatorId, placeId };
    });
    const notices: Record<string, string> = { issue: "L'issue du rendez-vous est enregistrée.", annulation: "Le rendez-vous est annulé ; la personne est prévenue.", reservation: "Le rendez-vous est réservé." };
    return reply.page(
      <AgendaPage ctx={reply.viewContext()} view={view} date={date} rows={data.rows} mediators={data.filters.mediators} places={data.filters.places} mediatorId={data.mediatorId} placeId={data.placeId} noShow={data.noShow} now={deps.clock()} {...(query.fait && notices[query.fait] ? { notice: notices[query.fait] } : {})} />,
    );
  });

  app.post("/t/:code/agenda/:appointmentId/issue", async (request, reply) => {
    const territory = request.territory!;
    if (!canBookForSomeone(request.actor, territory.id)) throw new ForbiddenError();
    const appointmentId = (request.params as { appointmentId: string }).appointmentId;
    const outcome = text((request.body as { issue?: string }).issue);
    if (!appointmentIdPattern.test(appointmentId) || (outcome !== "honore" && outcome !== "absent")) throw new NotFoundError();
    const done = await request.tenant((tx) => recordOutcome(tx, { territoryId: territory.id, appointmentId, outcome, actor: actorForAudit(request), now: deps.clock() }));
    if (!done) throw new NotFoundError();
    return reply.redirect(`/t/${territory.code}/agenda?${agendaQuery(text((request.body as { retour?: string }).retour))}fait=issue`, 303);
  });

  app.post("/t/:code/agenda/:appointmentId/annuler", async (request, reply) => {
    const territory = request.territory!;
    if (!canBookForSomeone(request.actor, territory.id)) throw new ForbiddenError();
    const appointmentId = (request.params as { appointmentId: string }).appointmentId;
    if (!appointmentIdPattern.test(appointmentId)) throw new NotFoundError();
    const secret = deps.linkSecret;
    const message = text((request.body as { message?: string }).message).slice(0, 500);
    const done = await request.tenant((tx) =>
      cancelAppointment(tx, { territoryId: territory.id, appointmentId, byService: true, message, actor: actorForAudit(request), now: deps.clock(), publicUrl: deps.config.publicUrl, organizerEmail: organizerEmail(), secret }),
    );
    if (!done) throw new NotFoundError();
    return reply.redirect(`/t/${territory.code}/agenda?fait=annulation`, 303);
  });

  addNavEntry({ path: "/rendez-vous/nouveau", text: "Réserver", order: 11, visible: canBookForSomeone });

  app.get("/t/:code/rendez-vous/nouveau", async (request, reply) => {
    const territory = request.territory!;
    if (!canBookForSomeone(request.actor, territory.id)) throw new NotFoundError();
    const motifId = Number((request.query as { motif?: string }).motif) || undefined;
    const data = await request.tenant(async (tx) => {
      const motifRows = await tx.select({ id: motifs.id, name: motifs.name }).from(motifs).where(and(eq(motifs.territoryId, territory.id), eq(motifs.active, true))).orderBy(asc(motifs.name));
      const motif = motifId ? await getMotif(tx, { territoryId: territory.id, motifId }) : undefined;
      if (!motif) return { motifs: motifRows, results: [] };
      const placeRows = await tx
        .select({ id: places.id, name: places.nom })
        .from(places)
        .where(and(eq(places.territoryId, territory.id), motif.placeIds.length ? sql`${places.id} = any(${motif.placeIds})` : undefined))
        .orderBy(asc(places.nom));
      const results = [];
      for (const p of placeRows) {
        const slots = await nextFreeSlotsForPlace(tx, { territoryId: territory.id, placeId: p.id, motif: slotRulesFor(motif, "agent"), now: deps.clock(), limit: 6 });
        results.push({ placeId: p.id, placeName: p.name, slots });
      }
      return { motifs: motifRows, results: results.filter((r) => r.slots.length > 0 || placeRows.length <= 10) };
    });
    return reply.page(<AgentSearchPage ctx={reply.viewContext()} motifs={data.motifs} motifId={motifId} results={data.results} />);
  });

  async function bookingContext(request: FastifyRequest, source: Record<string, unknown>) {
    const territory = request.territory!;
    if (!canBookForSomeone(request.actor, territory.id)) throw new ForbiddenError();
    const motifId = Number(source.motif);
    const placeId = Number(source.lieu);
    const start = new Date(text(source.debut));
    const found = await request.tenant(async (tx) => ({
      motif: Number.isInteger(motifId) ? await getMotif(tx, { territoryId: territory.id, motifId }) : undefined,
      place: Number.isInteger(placeId) ? await getPlaceForBooking(tx, { placeId }) : undefined,
    }));
    if (!found.motif || !found.place || found.place.territoryId !== territory.id || Number.isNaN(start.getTime())) throw new NotFoundError();
    return { territory, motif: found.motif, place: found.place, start };
  }

  app.get("/t/:code/rendez-vous/nouveau/coordonnees", async (request, reply) => {
    const { motif, place, start } = await bookingContext(request, request.query as Record<string, unknown>);
    return reply.page(<AgentContactPage ctx={reply.viewContext()} placeId={place.id} placeName={place.nom} motifId={motif.id} motifName={motif.name} start={start} values={personValues({})} />);
  });

  app.post("/t/:code/rendez-vous", async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const { territory, motif, place, start } = await bookingContext(request, body);
    const values = personValues(body);
    const checked = validatePerson(values);
    const page = (errors: Record<string, string>, status: number) =>
      reply.page(<AgentContactPage ctx={reply.viewContext()} placeId={place.id} placeName={place.nom} motifId={motif.id} motifName={motif.name} start={start} values={values} errors={errors} />, status);
    if (!checked.ok) return page(checked.errors, 400);
    const secret = deps.linkSecret;
    const result = await request.tenant((tx) =>
      bookAppointment(tx, { territoryId: territory.id, placeId: place.id, motifId: motif.id, start, person: checked.person, bookedBy: "agent", actor: actorForAudit(request), now: deps.clock(), publicUrl: deps.config.publicUrl, organizerEmail: organizerEmail(), secret }),
    );
    if (!result.ok) return page({ debut: "Ce créneau vient d'être pris : choisissez-en un autre." }, 409);
    return reply.redirect(`/t/${territory.code}/agenda?date=${parisDateOf(result.startsAt.getTime())}&fait=reservation`, 303);
  });
}
