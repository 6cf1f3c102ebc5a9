// The citizen's booking flow (no account) and the person's appointment page reached by a signed link.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import { defaultRateLimits } from "../../app-deps.js";
import { territoryOfCapability, withPublic, withTenant } from "../../db/tenant.js";
import { addDays, isoWeekday, parisDateOf } from "../../lib/paris-time.js";
import { text } from "../../lib/validation.js";
import { NotFoundError } from "../../plugins/tenant.js";
import { routeId } from "../../plugins/route-id.js";
import { registerAgendaRoutes } from "./agenda.routes.js";
import { bookAppointment, cancelAppointment, rescheduleAppointment } from "./booking.commands.js";
import { appointmentPath, manageUrl, verifyManageKey } from "./booking.links.js";
import { personValues, validatePerson } from "./booking.person.js";
import { getPlaceForBooking, listMotifsForPlace, loadSlotInput, nextFreeSlotsForPlace, type MotifRow } from "./booking.queries.js";
import { getPersonAppointment } from "./booking.person-queries.js";
import { computeSlots, type Slot } from "./domain/slots.js";
import { AppointmentPage, ConfirmCancel, ConfirmChange } from "./views/appointment-page.js";
import { CheckStep, ContactStep, MotifStep, SlotStep, TakenPage, type PlaceSummary } from "./views/booking-pages.js";

/** Monday of the week of a local date. */
function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** Registers the public booking flow, the person's appointment page and the agents' agenda. */
export function registerBookingRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const limits = deps.rateLimits ?? defaultRateLimits;
  const formLimit = { config: { rateLimit: { max: limits.publicForm, timeWindow: 60_000 } } };

  /** The published place and one of its public motifs, or a 404. */
  async function placeAndMotif(request: FastifyRequest, motifParam?: unknown) {
    const placeId = routeId(request, "placeId");
    const place = await withPublic(deps.database, (tx) => getPlaceForBooking(tx, { placeId }));
    if (!place || !place.published) throw new NotFoundError();
    const summary: PlaceSummary = { id: place.id, nom: place.nom, address: `${place.record.adresse}, ${place.record.code_postal} ${place.record.commune}` };
    const motifs = await withTenant(db, place.territoryId, (tx) => listMotifsForPlace(tx, { territoryId: place.territoryId, placeId, publicOnly: true }));
    const motifId = Number(motifParam);
    const motif = motifs.find((m) => m.id === motifId);
    return { place, summary, motifs, motif };
  }

  function startParam(value: unknown): Date | undefined {
    const d = new Date(text(value));
    return Number.isNaN(d.getTime()) ? undefined : d;
  }

  app.get("/lieux/:placeId/rendez-vous", async (request, reply) => {
    const { summary, motifs } = await placeAndMotif(request);
    if (motifs.length === 0) throw new NotFoundError();
    if (motifs.length === 1) return reply.redirect(`/lieux/${summary.id}/rendez-vous/creneau?motif=${motifs[0]!.id}`, 303);
    const query = request.query as { motif?: string; debut?: string };
    if (query.motif && query.debut) return reply.redirect(`/lieux/${summary.id}/rendez-vous/coordonnees?motif=${encodeURIComponent(query.motif)}&debut=${encodeURIComponent(query.debut)}`, 303);
    return reply.page(<MotifStep ctx={reply.viewContext()} place={summary} motifs={motifs} />);
  });

  app.get("/lieux/:placeId/rendez-vous/creneau", async (request, reply) => {
    const query = request.query as { motif?: string; semaine?: string };
    const { place, summary, motifs, motif } = await placeAndMotif(request, query.motif);
    if (!motif) return reply.page(<MotifStep ctx={reply.viewContext()} place={summary} motifs={motifs} error="Choisissez pour quoi vous voulez un rendez-vous" />, 400);
    const week = await weekOfSlots(place.territoryId, place.id, motif, query.semaine);
    return reply.page(
      <SlotStep ctx={reply.viewContext()} place={summary} motif={motif} {...week} action={(s: Slot) => `/lieux/${place.id}/rendez-vous/coordonnees?motif=${motif.id}&debut=${encodeURIComponent(new Date(s.start).toISOString())}`} />,
    );
  });

  /** The free slots of one week (Monday to Sunday) within the motif's horizon. */
  async function weekOfSlots(territoryId: number, placeId: number, motif: MotifRow, weekParam?: string) {
    const today = parisDateOf(deps.clock().getTime());
    const first = mondayOf(today);
    const last = mondayOf(addDays(today, motif.horizonDays));
    const requested = /^\d{4}-\d{2}-\d{2}$/.test(weekParam ?? "") ? mondayOf(weekParam!) : await weekOfNextSlot(territoryId, placeId, motif, first);
    const week = requested < first ? first : requested > last ? last : requested;
    const input = await withTenant(db, territoryId, (tx) => loadSlotInput(tx, { territoryId, placeId, motif, from: week, to: addDays(week, 6), now: deps.clock() }));
    return { slots: computeSlots(input), week, nextWeek: week < last ? addDays(week, 7) : null, previousWeek: week > first ? addDays(week, -7) : null };
  }

  /** Without a chosen week, open on the week of the next free slot rather than on an empty week. */
  async function weekOfNextSlot(territoryId: number, placeId: number, motif: MotifRow, fallback: string): Promise<string> {
    const [next] = await withTenant(db, territoryId, (tx) => nextFreeSlotsForPlace(tx, { territoryId, placeId, motif, now: deps.clock(), limit: 1 }));
    return next ? mondayOf(parisDateOf(next.start)) : fallback;
  }

  app.get("/lieux/:placeId/rendez-vous/coordonnees", async (request, reply) => {
    const query = request.query as { motif?: string; debut?: string };
    const { summary, motif } = await placeAndMotif(request, query.motif);
    const start = startParam(query.debut);
    if (!motif || !start) return reply.redirect(`/lieux/${summary.id}/rendez-vous`, 303);
    return reply.page(<ContactStep ctx={reply.viewContext()} place={summary} motif={motif} start={start} />);
  });

  // Coming back from the check page to change the contact details, with what was typed.
  app.post("/lieux/:placeId/rendez-vous/coordonnees", formLimit, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const { summary, motif } = await placeAndMotif(request, body.motif);
    const start = startParam(body.debut);
    if (!motif || !start) return reply.redirect(`/lieux/${summary.id}/rendez-vous`, 303);
    return reply.page(<ContactStep ctx={reply.viewContext()} place={summary} motif={motif} start={start} values={personValues(body)} />);
  });

  app.post("/lieux/:placeId/rendez-vous/verification", formLimit, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const { summary, motif } = await placeAndMotif(request, body.motif);
    const start = startParam(body.debut);
    if (!motif || !start) return reply.redirect(`/lieux/${summary.id}/rendez-vous`, 303);
    const values = personValues(body);
    const checked = validatePerson(values);
    if (!checked.ok) return reply.page(<ContactStep ctx={reply.viewContext()} place={summary} motif={motif} start={start} values={values} errors={checked.errors} />, 400);
    return reply.page(<CheckStep ctx={reply.viewContext()} place={summary} motif={motif} start={start} values={values} />);
  });

  app.post("/lieux/:placeId/rendez-vous/confirmer", formLimit, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const { place, summary, motif } = await placeAndMotif(request, body.motif);
    const start = startParam(body.debut);
    if (!motif || !start) return reply.redirect(`/lieux/${summary.id}/rendez-vous`, 303);
    const values = personValues(body);
    const checked = validatePerson(values);
    if (!checked.ok) return reply.page(<ContactStep ctx={reply.viewContext()} place={summary} motif={motif} start={start} values={values} errors={checked.errors} />, 400);
    const secret = deps.linkSecret;
    const result = await withTenant(db, place.territoryId, (tx) =>
      bookAppointment(tx, {
        territoryId: place.territoryId,
        placeId: place.id,
        motifId: motif.id,
        start,
        person: checked.person,
        bookedBy: "citizen",
        now: deps.clock(),
        publicUrl: deps.config.publicUrl,
        organizerEmail: deps.config.mailFrom.replace(/^.*<|>.*$/g, ""),
        secret,
      }),
    );
    if (!result.ok) return reply.page(<TakenPage ctx={reply.viewContext()} place={summary} motif={motif} alternatives={result.alternatives} values={values} />, 409);
    const key = new URL(manageUrl({ publicUrl: deps.config.publicUrl, secret, appointmentId: result.appointmentId, startsAt: result.startsAt })).searchParams.get("cle")!;
    return reply.redirect(appointmentPath(result.appointmentId, key, "", { confirme: "1" }), 303);
  });

  /** Resolves the appointment of a signed link (404 when the key is wrong or expired). */
  async function appointmentFromLink(request: FastifyRequest) {
    const id = (request.params as { id: string }).id;
    // Taken as sent (no trimming): a key is exactly what the e-mail's link holds, or nothing.
    const given = (request.query as { cle?: unknown }).cle;
    const key = typeof given === "string" ? given : "";
    const secret = deps.linkSecret;
    if (!/^[0-9a-f-]{36}$/.test(id) || !verifyManageKey({ secret, appointmentId: id, key, now: deps.clock() })) throw new NotFoundError();
    const territoryId = await territoryOfCapability(db, "appointment", id);
    if (territoryId === undefined) throw new NotFoundError();
    return { id, key, secret, territoryId };
  }

  async function showAppointment(reply: FastifyReply, link: Awaited<ReturnType<typeof appointmentFromLink>>, flags: { justBooked: boolean; justChanged: boolean }) {
    const appointment = await withTenant(db, link.territoryId, (tx) => getPersonAppointment(tx, { territoryId: link.territoryId, appointmentId: link.id, now: deps.clock() }));
    if (!appointment) throw new NotFoundError();
    return reply.page(<AppointmentPage ctx={reply.viewContext()} appointment={appointment} keyParam={link.key} {...flags} />);
  }

  app.get("/rendez-vous/:id", async (request, reply) => {
    const link = await appointmentFromLink(request);
    const query = request.query as { confirme?: string; deplace?: string };
    return showAppointment(reply, link, { justBooked: query.confirme === "1", justChanged: query.deplace === "1" });
  });

  app.get("/rendez-vous/:id/annuler", async (request, reply) => {
    const link = await appointmentFromLink(request);
    const appointment = await withTenant(db, link.territoryId, (tx) => getPersonAppointment(tx, { territoryId: link.territoryId, appointmentId: link.id, now: deps.clock() }));
    if (!appointment) throw new NotFoundError();
    if (!appointment.canCancel) return reply.redirect(appointmentPath(link.id, link.key), 303);
    return reply.page(<ConfirmCancel ctx={reply.viewContext()} appointment={appointment} keyParam={link.key} />);
  });

  app.post("/rendez-vous/:id/annuler", formLimit, async (request, reply) => {
    const link = await appointmentFromLink(request);
    const appointment = await withTenant(db, link.territoryId, (tx) => getPersonAppointment(tx, { territoryId: link.territoryId, appointmentId: link.id, now: deps.clock() }));
    if (appointment?.canCancel) {
      await withTenant(db, link.territoryId, (tx) =>
        cancelAppointment(tx, { territoryId: link.territoryId, appointmentId: link.id, byService: false, now: deps.clock(), publicUrl: deps.config.publicUrl, organizerEmail: deps.config.mailFrom.replace(/^.*<|>.*$/g, ""), secret: link.secret }),
      );
    }
    return reply.redirect(appointmentPath(link.id, link.key), 303);
  });

  app.get("/rendez-vous/:id/changer", async (request, reply) => {
    const link = await appointmentFromLink(request);
    const appointment = await withTenant(db, link.territoryId, (tx) => getPersonAppointment(tx, { territoryId: link.territoryId, appointmentId: link.id, now: deps.clock() }));
    if (!appointment?.canChange) return reply.redirect(appointmentPath(link.id, link.key), 303);
    const { summary, motif } = await placeAndMotif(Object.assign(request, { params: { placeId: String(appointment.placeId) } }), appointment.motifId);
    if (!motif) throw new NotFoundError();
    const week = await weekOfSlots(link.territoryId, appointment.placeId, motif, (request.query as { semaine?: string }).semaine);
    return reply.page(
      <SlotStep ctx={reply.viewContext()} place={summary} motif={motif} {...week} action={(s: Slot) => appointmentPath(link.id, link.key, "/changer/confirmer", { debut: new Date(s.start).toISOString() })} />,
    );
  });

  app.get("/rendez-vous/:id/changer/confirmer", async (request, reply) => {
    const link = await appointmentFromLink(request);
    const start = startParam((request.query as { debut?: string }).debut);
    if (!start) return reply.redirect(appointmentPath(link.id, link.key, "/changer"), 303);
    return reply.page(<ConfirmChange ctx={reply.viewContext()} action={appointmentPath(link.id, link.key, "/changer")} start={start} />);
  });

  app.post("/rendez-vous/:id/changer", formLimit, async (request, reply) => {
    const link = await appointmentFromLink(request);
    const start = startParam((request.body as { debut?: string }).debut);
    const appointment = await withTenant(db, link.territoryId, (tx) => getPersonAppointment(tx, { territoryId: link.territoryId, appointmentId: link.id, now: deps.clock() }));
    if (!start || !appointment?.canChange) return reply.redirect(appointmentPath(link.id, link.key), 303);
    const result = await withTenant(db, link.territoryId, (tx) =>
      rescheduleAppointment(tx, { territoryId: link.territoryId, appointmentId: link.id, start, now: deps.clock(), publicUrl: deps.config.publicUrl, organizerEmail: deps.config.mailFrom.replace(/^.*<|>.*$/g, ""), secret: link.secret }),
    );
    if (!result.ok) return reply.redirect(appointmentPath(link.id, link.key, "/changer", { pris: "1" }), 303);
    const key = new URL(manageUrl({ publicUrl: deps.config.publicUrl, secret: link.secret, appointmentId: link.id, startsAt: result.startsAt })).searchParams.get("cle")!;
    return reply.redirect(appointmentPath(link.id, key, "", { deplace: "1" }), 303);
  });

  registerAgendaRoutes(app, deps);
}

