// The agents' side: agenda by day or week, outcomes, cancellation by the service, booking for someone.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import { addDays, isoWeekday, parisDateOf, parisToInstant } from "../../lib/paris-time.js";
import { text } from "../../lib/validation.js";
import { ForbiddenError, NotFoundError } from "../../plugins/tenant.js";
import { addNavEntry } from "../../ui/navigation.js";
import { recordAudit } from "../audit/audit.commands.js";
import { actorForAudit } from "../audit/audit.routes.js";
import { agendaFilters, findAppointments, listAgenda, noShowRate } from "./agenda.queries.js";
import { bookAppointment, cancelAppointment, mediatorOfUser, recordOutcome, rescheduleAppointment, slotRulesFor } from "./booking.commands.js";
import { personValues, validatePerson } from "./booking.person.js";
import { canBookForSomeone, canSeeAgenda } from "./booking.policy.js";
import { getMotif, getPlaceForBooking, nextFreeSlotsForPlace } from "./booking.queries.js";
import { motifOfferedAt } from "../finder/domain/schedule-index.js";
import { AgendaPage } from "./views/agenda-page.js";
import { AgentContactPage, AgentSearchPage, AppointmentSearchPage, MoveAppointmentPage, type NetworkSlots } from "./views/agent-booking.js";
import { and, asc, eq } from "drizzle-orm";
import { appointments, mediators, motifs, places } from "../../db/schema/index.js";

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
    const notices: Record<string, string> = { issue: "L'issue du rendez-vous est enregistrée.", annulation: "Le rendez-vous est annulé ; la personne est prévenue.", reservation: "Le rendez-vous est réservé.", deplacement: "Le rendez-vous est déplacé ; la personne est prévenue si elle a donné son adresse e-mail." };
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
    const query = request.query as { motif?: string; jour?: string; lieu?: string; mediateur?: string };
    const motifId = Number(query.motif) || undefined;
    const day = /^\d{4}-\d{2}-\d{2}$/.test(query.jour ?? "") ? query.jour! : undefined;
    const placeFilter = Number(query.lieu) || undefined;
    const mediatorFilter = Number(query.mediateur) || undefined;
    const now = deps.clock();
    const data = await request.tenant(async (tx) => {
      const motifRows = await tx.select({ id: motifs.id, name: motifs.name }).from(motifs).where(and(eq(motifs.territoryId, territory.id), eq(motifs.active, true))).orderBy(asc(motifs.name));
      const filters = await agendaFilters(tx, { territoryId: territory.id });
      const motif = motifId ? await getMotif(tx, { territoryId: territory.id, motifId }) : undefined;
      if (!motif) return { motifs: motifRows, filters, results: [] };
      const placeRows = (
        await tx
          .select({ id: places.id, name: places.nom, services: places.services })
          .from(places)
          .where(eq(places.territoryId, territory.id))
          .orderBy(asc(places.nom))
      ).filter((p) => motifOfferedAt(motif, p.id, p.services) && (placeFilter === undefined || p.id === placeFilter));
      const rules = slotRulesFor(motif, "agent");
      const results: NetworkSlots[] = [];
      for (const p of placeRows) {
        // A chosen day lists all its free slots with their mediators; otherwise the next six of each place.
        const slots = await nextFreeSlotsForPlace(tx, { territoryId: territory.id, placeId: p.id, motif: rules, now, ...(day ? { from: day, days: 1, limit: Number.POSITIVE_INFINITY } : { limit: 6 }) });
        const chosen = mediatorFilter === undefined ? slots : slots.filter((s) => s.mediatorIds.includes(String(mediatorFilter)));
        results.push({ placeId: p.id, placeName: p.name, slots: chosen });
      }
      return { motifs: motifRows, filters, results: results.filter((r) => r.slots.length > 0 || placeRows.length <= 10) };
    });
    const mediatorNames = new Map(data.filters.mediators.map((m) => [String(m.id), m.name]));
    return reply.page(
      <AgentSearchPage
        ctx={reply.viewContext()}
        motifs={data.motifs}
        motifId={motifId}
        results={data.results}
        day={day}
        today={parisDateOf(now.getTime())}
        places={data.filters.places}
        mediators={data.filters.mediators}
        placeId={placeFilter}
        mediatorId={mediatorFilter}
        mediatorName={(id) => mediatorNames.get(id) ?? ""}
      />,
    );
  });

  app.get("/t/:code/rendez-vous/recherche", async (request, reply) => {
    const territory = requireAgenda(request);
    const q = text((request.query as { q?: string }).q).trim().slice(0, 100);
    const rows = q.length < 2 ? [] : await request.tenant(async (tx) => {
      const found = await findAppointments(tx, { territoryId: territory.id, search: q, now: deps.clock() });
      await recordAudit(tx, { territoryId: territory.id, actor: actorForAudit(request), action: "personal-data.view", entityType: "agenda", details: { search: "nom ou téléphone", results: found.length } });
      return found;
    });
    return reply.page(<AppointmentSearchPage ctx={reply.viewContext()} query={q} rows={rows} tooShort={q.length > 0 && q.length < 2} now={deps.clock()} />);
  });

  /** An upcoming appointment of the territory to move (its place, motif and time), or a 404. */
  async function appointmentToMove(request: FastifyRequest) {
    const territory = request.territory!;
    if (!canBookForSomeone(request.actor, territory.id)) throw new NotFoundError();
    const appointmentId = (request.params as { appointmentId: string }).appointmentId;
    if (!appointmentIdPattern.test(appointmentId)) throw new NotFoundError();
    const [row] = await request.tenant((tx) =>
      tx
        .select({ id: appointments.id, startsAt: appointments.startsAt, status: appointments.status, placeId: appointments.placeId, placeName: places.nom, motifId: appointments.motifId, motifName: motifs.name, firstName: appointments.firstName, lastName: appointments.lastName })
        .from(appointments)
        .innerJoin(places, eq(places.id, appointments.placeId))
        .innerJoin(motifs, eq(motifs.id, appointments.motifId))
        .where(and(eq(appointments.territoryId, territory.id), eq(appointments.id, appointmentId))),
    );
    if (!row || row.status !== "a_venir" || row.startsAt <= deps.clock()) throw new NotFoundError();
    return { territory, appointment: row };
  }

  /** The free slots of a day at the appointment's place for its motif (any mediator). */
  async function freeSlotsOfDay(request: FastifyRequest, appointment: { placeId: number; motifId: number }, day: string) {
    const territory = request.territory!;
    const now = deps.clock();
    return request.tenant(async (tx) => {
      const motif = await getMotif(tx, { territoryId: territory.id, motifId: appointment.motifId });
      if (!motif) return [];
      return nextFreeSlotsForPlace(tx, { territoryId: territory.id, placeId: appointment.placeId, motif: slotRulesFor(motif, "agent"), now, from: day, days: 1, limit: Number.POSITIVE_INFINITY });
    });
  }

  app.get("/t/:code/rendez-vous/:appointmentId/deplacer", async (request, reply) => {
    const { appointment } = await appointmentToMove(request);
    const asked = text((request.query as { jour?: string }).jour);
    const day = /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : parisDateOf(appointment.startsAt.getTime());
    const slots = await freeSlotsOfDay(request, appointment, day);
    return reply.page(<MoveAppointmentPage ctx={reply.viewContext()} appointment={appointment} day={day} slots={slots} />);
  });

  app.post("/t/:code/rendez-vous/:appointmentId/deplacer", async (request, reply) => {
    const { territory, appointment } = await appointmentToMove(request);
    const start = new Date(text((request.body as { debut?: string }).debut));
    const day = Number.isNaN(start.getTime()) ? parisDateOf(appointment.startsAt.getTime()) : parisDateOf(start.getTime());
    const refuse = async (error: string, status: number) =>
      reply.page(<MoveAppointmentPage ctx={reply.viewContext()} appointment={appointment} day={day} slots={await freeSlotsOfDay(request, appointment, day)} error={error} />, status);
    if (Number.isNaN(start.getTime())) return refuse("Choisissez le nouveau créneau", 400);
    const result = await request.tenant((tx) =>
      rescheduleAppointment(tx, { territoryId: territory.id, appointmentId: appointment.id, start, now: deps.clock(), publicUrl: deps.config.publicUrl, organizerEmail: organizerEmail(), secret: deps.linkSecret, actor: actorForAudit(request) }),
    );
    if (!result.ok) return refuse("Ce créneau vient d'être pris : choisissez-en un autre.", 409);
    return reply.redirect(`/t/${territory.code}/agenda?date=${parisDateOf(result.startsAt.getTime())}&mediateur=${result.mediatorId}&fait=deplacement`, 303);
  });

  async function bookingContext(request: FastifyRequest, source: Record<string, unknown>) {
    const territory = request.territory!;
    if (!canBookForSomeone(request.actor, territory.id)) throw new ForbiddenError();
    const motifId = Number(source.motif);
    const placeId = Number(source.lieu);
    const start = new Date(text(source.debut));
    const mediatorId = /^[1-9]\d{0,9}$/.test(text(source.mediateur)) ? Number(text(source.mediateur)) : undefined;
    const found = await request.tenant(async (tx) => ({
      motif: Number.isInteger(motifId) ? await getMotif(tx, { territoryId: territory.id, motifId }) : undefined,
      place: Number.isInteger(placeId) ? await getPlaceForBooking(tx, { placeId }) : undefined,
      // The mediator of the slot chosen, named on the page and given the appointment.
      mediator: mediatorId === undefined ? undefined : (await tx.select({ id: mediators.id, name: mediators.name }).from(mediators).where(and(eq(mediators.territoryId, territory.id), eq(mediators.id, mediatorId))))[0],
    }));
    if (!found.motif || !found.place || found.place.territoryId !== territory.id || Number.isNaN(start.getTime()) || (mediatorId !== undefined && !found.mediator)) throw new NotFoundError();
    return { territory, motif: found.motif, place: found.place, start, mediator: found.mediator };
  }

  app.get("/t/:code/rendez-vous/nouveau/coordonnees", async (request, reply) => {
    const { motif, place, start, mediator } = await bookingContext(request, request.query as Record<string, unknown>);
    return reply.page(<AgentContactPage ctx={reply.viewContext()} placeId={place.id} placeName={place.nom} motifId={motif.id} motifName={motif.name} start={start} mediator={mediator} values={personValues({})} note="" />);
  });

  app.post("/t/:code/rendez-vous", async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const { territory, motif, place, start, mediator } = await bookingContext(request, body);
    const values = personValues(body);
    const note = text(body.note).trim();
    const checked = validatePerson(values);
    const page = (errors: Record<string, string>, status: number) =>
      reply.page(<AgentContactPage ctx={reply.viewContext()} placeId={place.id} placeName={place.nom} motifId={motif.id} motifName={motif.name} start={start} mediator={mediator} values={values} note={note} errors={errors} />, status);
    const errors = checked.ok ? {} : { ...checked.errors };
    if (note.length > 1000) Object.assign(errors, { note: "La note doit faire 1 000 caractères au maximum" });
    if (!checked.ok || Object.keys(errors).length > 0) return page(errors, 400);
    const secret = deps.linkSecret;
    const result = await request.tenant((tx) =>
      bookAppointment(tx, { territoryId: territory.id, placeId: place.id, motifId: motif.id, start, person: { ...checked.person, note }, bookedBy: "agent", ...(mediator ? { mediatorId: mediator.id } : {}), actor: actorForAudit(request), now: deps.clock(), publicUrl: deps.config.publicUrl, organizerEmail: organizerEmail(), secret }),
    );
    if (!result.ok) return page({ debut: mediator ? `Ce créneau de ${mediator.name} vient d'être pris : choisissez-en un autre.` : "Ce créneau vient d'être pris : choisissez-en un autre." }, 409);
    // The agenda of the mediator who has the appointment, on its day.
    return reply.redirect(`/t/${territory.code}/agenda?date=${parisDateOf(result.startsAt.getTime())}&mediateur=${result.mediatorId}&fait=reservation`, 303);
  });
}
