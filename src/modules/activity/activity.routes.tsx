// Accompaniment records (compte rendu d'activité): list, fast form, one click from a seen appointment.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import type { Tx } from "../../db/client.js";
import { parisDateOf } from "../../lib/paris-time.js";
import { list, text } from "../../lib/validation.js";
import { ForbiddenError, NotFoundError } from "../../plugins/tenant.js";
import { addNavEntry } from "../../ui/navigation.js";
import { actorForAudit } from "../audit/audit.routes.js";
import { listCommunes } from "../territories/territories.queries.js";
import { auditAppointmentRead, recordActivity, updateActivity } from "./activity.commands.js";
import { canActivity, type ActivityAction } from "./activity.policy.js";
import { findActivity, findAppointmentForRecord, findMediatorOfUser, listActivities, listMediatorOptions, listPlaceOptions, type AppointmentForRecord, type StoredActivity } from "./activity.queries.js";
import { durationFields, inputOf, validateActivity, type RuleErrors } from "./domain/activity-rules.js";
import { parseFilters } from "./domain/filters.js";
import { participantCounterKeys, PLACE_OF_ACTIVITY, type LocationKind } from "./domain/vocabulary.js";
import { registerStatisticsRoutes } from "./statistics.routes.js";
import { ActivityFormPage, type ActivityFormValues, type AppointmentSummary } from "./views/activity-form-page.js";
import { ActivityListPage } from "./views/activity-list-page.js";

const PAGE_SIZE = 50;
const locationOfMotif: Record<AppointmentForRecord["placeKind"], LocationKind> = { sur_place: PLACE_OF_ACTIVITY, telephone: "À distance", visio: "À distance", domicile: "À domicile" };

function authorize(request: FastifyRequest, action: ActivityAction): number {
  const territory = request.territory!;
  if (!canActivity(request.actor, action, territory.id)) throw new ForbiddenError();
  return territory.id;
}

/** What the record form offers, all from the territory. */
async function formChoices(tx: Tx, territoryId: number) {
  return {
    places: await listPlaceOptions(tx, { territoryId }),
    mediators: await listMediatorOptions(tx, { territoryId }),
    communes: (await listCommunes(tx, { territoryId })).map((c) => ({ insee: c.insee, name: c.name })),
  };
}

function emptyValues(kind: "individuel" | "collectif", today: string): ActivityFormValues {
  return {
    kind,
    day: today,
    duration: "30",
    durationCustom: "",
    locationKind: PLACE_OF_ACTIVITY,
    placeId: "",
    mediatorId: "",
    thematiques: [],
    sousThematiques: [],
    precision: "",
    materiel: [],
    autonomie: "",
    orientation: "",
    communeInsee: "",
    firstVisit: "",
    niveau: "",
    participants: {},
    appointmentId: "",
  };
}

/** The form values a posted body carries (every field read as text, checkboxes as lists). */
function valuesFromBody(body: Record<string, unknown>): ActivityFormValues {
  const field = (name: keyof ActivityFormValues) => text(body[name]);
  return {
    kind: field("kind"),
    day: field("day"),
    duration: field("duration"),
    durationCustom: field("durationCustom"),
    locationKind: field("locationKind"),
    placeId: field("placeId"),
    mediatorId: field("mediatorId"),
    thematiques: list(body.thematiques),
    sousThematiques: list(body.sousThematiques),
    precision: field("precision"),
    materiel: list(body.materiel),
    autonomie: field("autonomie"),
    orientation: field("orientation"),
    communeInsee: field("communeInsee"),
    firstVisit: field("firstVisit"),
    niveau: field("niveau"),
    participants: Object.fromEntries(participantCounterKeys.map((k) => [k, text(body[k])])),
    appointmentId: field("appointmentId"),
  };
}

/** Prefills an individual record from an appointment: place, mediator, day, length, commune of residence. */
function prefill(values: ActivityFormValues, appointment: AppointmentForRecord, communes: string[]): ActivityFormValues {
  const minutes = Math.round((appointment.endsAt.getTime() - appointment.startsAt.getTime()) / 60_000);
  return {
    ...values,
    kind: "individuel",
    day: parisDateOf(appointment.startsAt.getTime()),
    ...durationFields(minutes),
    locationKind: locationOfMotif[appointment.placeKind],
    placeId: String(appointment.placeId),
    mediatorId: String(appointment.mediatorId),
    communeInsee: appointment.communeInsee && communes.includes(appointment.communeInsee) ? appointment.communeInsee : "",
    appointmentId: appointment.id,
  };
}

function summaryOf(appointment: AppointmentForRecord): AppointmentSummary {
  const missed = appointment.status !== "honore" && appointment.status !== "a_venir";
  const problem = missed ? "not-seen" : appointment.activityId !== null ? "already-recorded" : undefined;
  return { startsAt: appointment.startsAt, motifName: appointment.motifName, ...(problem ? { problem } : {}) };
}

/** Registers the accompaniment and statistics routes. */
export function registerActivityRoutes(app: FastifyInstance, deps: AppDeps): void {
  addNavEntry({ path: "/accompagnements", text: "Accompagnements", order: 40, visible: (a, t) => canActivity(a, "activity.list", t) });
  registerStatisticsRoutes(app, deps);
  const today = () => parisDateOf(deps.clock().getTime());

  app.get("/t/:code/accompagnements", async (request, reply) => {
    const territoryId = authorize(request, "activity.list");
    const query = request.query as Record<string, unknown>;
    const page = Math.min(Math.max(Math.trunc(Number(query.page)) || 1, 1), 10_000);
    const view = await request.tenant(async (tx) => {
      const places = await listPlaceOptions(tx, { territoryId });
      const mediators = await listMediatorOptions(tx, { territoryId, activeOnly: false });
      const parsed = parseFilters(query, { today: today(), communes: [], placeIds: places.map((p) => p.id), mediatorIds: mediators.map((m) => m.id) });
      const rows = await listActivities(tx, { territoryId, filters: parsed.filters, limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE });
      return { places, mediators, parsed, rows };
    });
    const fait = text(query.fait);
    return reply.page(
      <ActivityListPage
        ctx={reply.viewContext()}
        rows={view.rows.slice(0, PAGE_SIZE)}
        hasMore={view.rows.length > PAGE_SIZE}
        page={page}
        values={view.parsed.values}
        chosen={view.parsed.chosen}
        errors={view.parsed.errors}
        places={view.places}
        mediators={view.mediators}
        notice={fait === "1" ? "recorded" : fait === "deja" ? "duplicate" : fait === "modifie" ? "updated" : undefined}
      />,
    );
  });

  app.get("/t/:code/accompagnements/nouveau", async (request, reply) => {
    const territoryId = authorize(request, "activity.record");
    const query = request.query as Record<string, unknown>;
    const appointmentId = text(query["rendez-vous"]);
    const kind = text(query.type) === "collectif" && !appointmentId ? "collectif" : "individuel";
    const view = await request.tenant(async (tx) => {
      const choices = await formChoices(tx, territoryId);
      const mine = request.actor ? await findMediatorOfUser(tx, { territoryId, userId: request.actor.userId }) : null;
      let values = emptyValues(kind, today());
      const onlyPlace = choices.places.length === 1 ? String(choices.places[0]!.id) : "";
      values = { ...values, mediatorId: mine ? String(mine.mediatorId) : "", placeId: mine?.placeId ? String(mine.placeId) : onlyPlace };
      if (!appointmentId) return { choices, values, appointment: null };
      const appointment = await findAppointmentForRecord(tx, { territoryId, appointmentId });
      if (!appointment) throw new NotFoundError();
      // One record per appointment: once written, its link opens it (to read or correct), never a blank twin.
      if (appointment.activityId !== null) return { recordId: appointment.activityId };
      await auditAppointmentRead(tx, { territoryId, appointmentId, actor: actorForAudit(request) });
      const summary = summaryOf(appointment);
      if (!summary.problem) values = prefill(values, appointment, choices.communes.map((c) => c.insee));
      return { choices, values, appointment: summary };
    });
    if ("recordId" in view) return reply.redirect(`/t/${request.territory!.code}/accompagnements/${view.recordId}`, 303);
    return reply.page(<ActivityFormPage ctx={reply.viewContext()} values={view.values} {...view.choices} appointment={view.appointment} />);
  });

  app.post("/t/:code/accompagnements/nouveau", async (request, reply) => {
    const territoryId = authorize(request, "activity.record");
    const values = valuesFromBody((request.body ?? {}) as Record<string, unknown>);
    const territory = request.territory!;
    const outcome = await request.tenant(async (tx) => {
      const choices = await formChoices(tx, territoryId);
      const context = { today: today(), placeIds: choices.places.map((p) => p.id), mediatorIds: choices.mediators.map((m) => m.id), communes: choices.communes.map((c) => c.insee) };
      const appointment = values.appointmentId ? await findAppointmentForRecord(tx, { territoryId, appointmentId: values.appointmentId }) : null;
      if (values.appointmentId && !appointment) throw new NotFoundError();
      const validation = validateActivity(values, context);
      if (!validation.ok) return { kind: "invalid" as const, choices, errors: validation.errors, appointment };
      const result = await recordActivity(tx, { territoryId, activity: validation.activity, appointmentId: appointment?.id ?? null, actor: actorForAudit(request), demo: territory.demo });
      if (!result.ok && result.reason === "appointment-unknown") throw new NotFoundError();
      return result.ok ? { kind: "recorded" as const } : { kind: "duplicate" as const, recordId: result.activityId };
    });
    if (outcome.kind === "invalid") {
      const appointment = outcome.appointment ? { startsAt: outcome.appointment.startsAt, motifName: outcome.appointment.motifName } : null;
      return reply.page(<ActivityFormPage ctx={reply.viewContext()} values={values} errors={outcome.errors} {...outcome.choices} appointment={appointment} />, 400);
    }
    // A second submission for one appointment shows the record already written, which the person may correct.
    if (outcome.kind === "duplicate" && outcome.recordId !== undefined) return reply.redirect(`/t/${territory.code}/accompagnements/${outcome.recordId}?fait=deja`, 303);
    return reply.redirect(`/t/${territory.code}/accompagnements?fait=${outcome.kind === "recorded" ? "1" : "deja"}`, 303);
  });

  /** A stored record of the territory, from the address's id (404 otherwise). */
  async function storedRecord(tx: Tx, request: FastifyRequest, territoryId: number): Promise<StoredActivity> {
    const raw = (request.params as { id: string }).id;
    const record = /^[1-9]\d{0,15}$/.test(raw) ? await findActivity(tx, { territoryId, activityId: Number(raw) }) : null;
    if (!record) throw new NotFoundError();
    return record;
  }

  const editPage = (reply: FastifyReply, record: StoredActivity, values: ActivityFormValues, choices: Awaited<ReturnType<typeof formChoices>>, options: { errors?: RuleErrors; notice?: string } = {}) =>
    reply.page(
      <ActivityFormPage
        ctx={reply.viewContext()}
        values={values}
        {...choices}
        recordId={record.id}
        appointment={record.appointment ? { startsAt: record.appointment.startsAt, motifName: record.appointment.motifName } : null}
        {...options}
      />,
      options.errors ? 400 : 200,
    );

  app.get("/t/:code/accompagnements/:id", async (request, reply) => {
    const territoryId = authorize(request, "activity.record");
    const view = await request.tenant(async (tx) => ({ record: await storedRecord(tx, request, territoryId), choices: await formChoices(tx, territoryId) }));
    const values = { ...emptyValues(view.record.activity.kind, today()), ...inputOf(view.record.activity), appointmentId: view.record.appointment?.id ?? "" };
    const notice = text((request.query as Record<string, unknown>).fait) === "deja" ? "Un compte rendu avait déjà été enregistré pour ce rendez-vous : le voici. Vous pouvez le corriger." : undefined;
    return editPage(reply, view.record, values, view.choices, notice ? { notice } : {});
  });

  app.post("/t/:code/accompagnements/:id", async (request, reply) => {
    const territoryId = authorize(request, "activity.record");
    const posted = valuesFromBody((request.body ?? {}) as Record<string, unknown>);
    const outcome = await request.tenant(async (tx) => {
      const record = await storedRecord(tx, request, territoryId);
      const choices = await formChoices(tx, territoryId);
      // The kind and the appointment are the record's own: the form cannot move a record to another appointment.
      const values = { ...posted, kind: record.activity.kind, appointmentId: record.appointment?.id ?? "" };
      const context = { today: today(), placeIds: choices.places.map((p) => p.id), mediatorIds: choices.mediators.map((m) => m.id), communes: choices.communes.map((c) => c.insee) };
      const validation = validateActivity(values, context);
      if (!validation.ok) return { kind: "invalid" as const, record, choices, values, errors: validation.errors };
      if (!(await updateActivity(tx, { territoryId, activityId: record.id, activity: validation.activity, actor: actorForAudit(request) }))) throw new NotFoundError();
      return { kind: "updated" as const };
    });
    if (outcome.kind === "invalid") return editPage(reply, outcome.record, outcome.values, outcome.choices, { errors: outcome.errors });
    return reply.redirect(`/t/${request.territory!.code}/accompagnements?fait=modifie`, 303);
  });
}
