// The inventory (/t/:code/ecoles/inventaire): filtered list, bulk actions, exports, warranty and end-of-life
// report, each item's page with its history, and the forms adding an item to a school or editing one.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import { list, text } from "../../lib/validation.js";
import { NotFoundError } from "../../plugins/tenant.js";
import type { FieldErrors } from "../../ui/form.js";
import { actorForAudit } from "../audit/audit.routes.js";
import { isEquipmentCategory, isItemState } from "./domain/categories.js";
import { INVENTORY_EXPORT_COLUMNS, itemCells } from "./import-export/inventory-export.js";
import { CSV_TYPE, XLSX_TYPE, spreadsheetStream } from "./import-export/spreadsheet.js";
import { createItem, moveItems, setItemsState, updateItem } from "./inventory.commands.js";
import { getItem, itemHistory, listItems, listItemsDue, streamItems, type DueKind, type DuePeriod, type ItemFilters } from "./inventory.queries.js";
import { itemFormValues, NEW_ITEM_VALUES, numberTakenError, parseItemForm, readItemValues } from "./item-form.js";
import { accessOf, authorize, idParam, optionalId, pageParam, todayOf } from "./schools.guards.js";
import { getSchool, listClasses, listSchoolCommunes, listSchools, schoolInScope } from "./schools.queries.js";
import { getLifetimes } from "./settings.queries.js";
import { DueReportPage, MoveClassPage } from "./views/inventory-action-pages.js";
import { InventoryListPage } from "./views/inventory-list-page.js";
import { ItemFormPage } from "./views/item-form-page.js";
import { ItemPage } from "./views/item-page.js";

const PAGE_SIZE = 50;
const MAX_BULK = 500;

/** Filters from query values (unknown values are dropped). */
export function readFilters(query: Record<string, unknown>): ItemFilters {
  const category = text(query.categorie);
  const state = text(query.etat);
  const commune = text(query.commune);
  const schoolId = optionalId(query.ecole);
  const classe = text(query.classe);
  return {
    schoolId,
    classId: schoolId && classe === "ecole" ? "ecole" : schoolId ? optionalId(classe) : undefined,
    category: isEquipmentCategory(category) ? category : undefined,
    state: isItemState(state) ? state : undefined,
    commune: /^(\d{5}|2[AB]\d{3})$/.test(commune) ? commune : undefined,
    text: text(query.recherche).slice(0, 100) || undefined,
  };
}

/** The filters as a query string (the page's own links and the way back after an action). */
export function filtersQuery(filters: ItemFilters): string {
  const q = new URLSearchParams();
  if (filters.schoolId) q.set("ecole", String(filters.schoolId));
  if (filters.classId) q.set("classe", String(filters.classId));
  if (filters.commune) q.set("commune", filters.commune);
  if (filters.category) q.set("categorie", filters.category);
  if (filters.state) q.set("etat", filters.state);
  if (filters.text) q.set("recherche", filters.text);
  return q.toString();
}

/** A school the person sees, with its classes, for the add form (404 otherwise). */
async function schoolForForm(request: FastifyRequest, territoryId: number) {
  const { scope } = accessOf(request);
  const schoolId = idParam(request, "schoolId");
  const found = await request.tenant(async (tx) => {
    const school = (await schoolInScope(tx, { territoryId, schoolId, scope })) ? await getSchool(tx, { territoryId, schoolId }) : undefined;
    return school && { school, classes: await listClasses(tx, { territoryId, schoolIds: [schoolId] }) };
  });
  if (!found) throw new NotFoundError();
  return found;
}

/** An item the person sees, with its school's classes, for the edit form (404 otherwise). */
async function itemForForm(request: FastifyRequest, territoryId: number) {
  const { scope } = accessOf(request);
  const itemId = idParam(request, "itemId");
  const found = await request.tenant(async (tx) => {
    const item = await getItem(tx, { territoryId, scope, itemId, lifetimes: await getLifetimes(tx, { territoryId }) });
    return item && { item, classes: await listClasses(tx, { territoryId, schoolIds: [item.schoolId] }) };
  });
  if (!found) throw new NotFoundError();
  return found;
}

/** Registers the inventory pages, bulk actions and exports. */
export function registerInventoryRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;

  app.get("/t/:code/ecoles/inventaire", async (request, reply) => {
    const territory = authorize(request, "schools.view");
    const { scope, abilities } = accessOf(request);
    const query = request.query as Record<string, unknown>;
    const filters = readFilters(query);
    const page = pageParam(query.page);
    const data = await request.tenant(async (tx) => {
      const lifetimes = await getLifetimes(tx, { territoryId: territory.id });
      const schools = await listSchools(tx, { territoryId: territory.id, scope });
      const visible = filters.schoolId && schools.some((s) => s.id === filters.schoolId) ? [filters.schoolId] : [];
      return {
        items: await listItems(tx, { territoryId: territory.id, scope, filters, lifetimes, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
        schools: schools.map((s) => ({ value: String(s.id), text: `${s.name} (${s.communeName ?? s.communeInsee})` })),
        classes: (await listClasses(tx, { territoryId: territory.id, schoolIds: visible })).map((c) => ({ value: String(c.id), text: c.name })),
        communes: (await listSchoolCommunes(tx, { territoryId: territory.id })).map((c) => ({ value: c.insee, text: c.name })),
      };
    });
    return reply.page(
      <InventoryListPage
        ctx={reply.viewContext()}
        abilities={abilities}
        {...data.items}
        page={page}
        pageSize={PAGE_SIZE}
        filters={filters}
        query={filtersQuery(filters)}
        schools={data.schools}
        classes={data.classes}
        communes={data.communes}
        notice={text(query.fait) || undefined}
      />,
    );
  });

  app.post("/t/:code/ecoles/inventaire/actions", async (request, reply) => {
    const territory = authorize(request, "schools.manage");
    const body = (request.body ?? {}) as Record<string, unknown>;
    const back = filtersQuery(readFilters(Object.fromEntries(new URLSearchParams(text(body.retour)))));
    const itemIds = [...new Set(list(body.equipements).map(optionalId).filter((id): id is number => id !== undefined))].slice(0, MAX_BULK);
    const done = (notice: string) => reply.redirect(`/t/${territory.code}/ecoles/inventaire?${[back, `fait=${notice}`].filter(Boolean).join("&")}`, 303);
    if (itemIds.length === 0) return done("rien");
    const action = text(body.action);
    const actor = actorForAudit(request);
    if (action === "etat") {
      const state = text(body.etat);
      if (!isItemState(state)) throw new NotFoundError();
      const result = await request.tenant((tx) => setItemsState(tx, { territoryId: territory.id, itemIds, state, actor }));
      return done(result.ok && result.changed > 0 ? "etat" : "rien");
    }
    if (action !== "deplacer") throw new NotFoundError();
    const schoolId = optionalId(body.ecole);
    const school = schoolId ? await request.tenant((tx) => getSchool(tx, { territoryId: territory.id, schoolId })) : undefined;
    if (!school) throw new NotFoundError();
    const classe = text(body.classe);
    const classId = classe === "ecole" ? null : optionalId(classe);
    if (classId === undefined) {
      // Second step: the class, among those of the chosen school.
      const classes = await request.tenant((tx) => listClasses(tx, { territoryId: territory.id, schoolIds: [school.id] }));
      const page = <MoveClassPage ctx={reply.viewContext()} itemIds={itemIds} school={school} classes={classes} back={back} {...(classe ? { error: "Choisissez une classe ou toute l'école" } : {})} />;
      return reply.page(page, classe ? 400 : 200);
    }
    const result = await request.tenant((tx) => moveItems(tx, { territoryId: territory.id, itemIds, schoolId: school.id, classId, actor }));
    if (!result.ok) throw new NotFoundError();
    return done(result.changed > 0 ? "deplacer" : "rien");
  });

  app.get("/t/:code/ecoles/inventaire/export", async (request, reply) => {
    const territory = authorize(request, "schools.view");
    const { scope } = accessOf(request);
    const query = request.query as Record<string, unknown>;
    const format = text(query.format) === "xlsx" ? "xlsx" : "csv";
    const filters = readFilters(query);
    const lifetimes = await request.tenant((tx) => getLifetimes(tx, { territoryId: territory.id }));
    async function* rows() {
      for await (const page of streamItems(db, { territoryId: territory.id, scope, filters, lifetimes })) for (const item of page) yield itemCells(item);
    }
    const stream = spreadsheetStream(format, INVENTORY_EXPORT_COLUMNS, rows(), "Inventaire");
    return reply
      .type(format === "csv" ? CSV_TYPE : XLSX_TYPE)
      .header("content-disposition", `attachment; filename="inventaire-${territory.code}.${format}"`)
      .header("cache-control", "no-store")
      .send(stream);
  });

  app.get("/t/:code/ecoles/inventaire/echeances", async (request, reply) => {
    const territory = authorize(request, "schools.view");
    const { scope, abilities } = accessOf(request);
    const query = request.query as Record<string, unknown>;
    const kind: DueKind = text(query.type) === "garantie" ? "garantie" : "fin_de_vie";
    const periodValue = text(query.periode);
    const period: DuePeriod = periodValue === "30" || periodValue === "365" || periodValue === "passe" ? periodValue : "90";
    const today = todayOf(deps.clock);
    const due = await request.tenant(async (tx) =>
      listItemsDue(tx, { territoryId: territory.id, scope, kind, period, today, lifetimes: await getLifetimes(tx, { territoryId: territory.id }), limit: 500 }),
    );
    return reply.page(<DueReportPage ctx={reply.viewContext()} abilities={abilities} kind={kind} period={period} today={today} {...due} />);
  });

  app.get("/t/:code/ecoles/inventaire/:itemId", async (request: FastifyRequest, reply) => {
    const territory = authorize(request, "schools.view");
    const { scope } = accessOf(request);
    const itemId = idParam(request, "itemId");
    const data = await request.tenant(async (tx) => {
      const item = await getItem(tx, { territoryId: territory.id, scope, itemId, lifetimes: await getLifetimes(tx, { territoryId: territory.id }) });
      return item ? { item, history: await itemHistory(tx, { territoryId: territory.id, itemId }) } : undefined;
    });
    if (!data) throw new NotFoundError();
    const notice = text((request.query as Record<string, unknown>).fait) || undefined;
    return reply.page(<ItemPage ctx={reply.viewContext()} abilities={accessOf(request).abilities} {...data} notice={notice} />);
  });

  app.get("/t/:code/ecoles/:schoolId/equipements/nouveau", async (request, reply) => {
    const territory = authorize(request, "schools.manage");
    const { school, classes } = await schoolForForm(request, territory.id);
    return reply.page(<ItemFormPage ctx={reply.viewContext()} school={school} classes={classes} values={NEW_ITEM_VALUES} />);
  });

  app.post("/t/:code/ecoles/:schoolId/equipements/nouveau", async (request, reply) => {
    const territory = authorize(request, "schools.manage");
    const { school, classes } = await schoolForForm(request, territory.id);
    const values = readItemValues((request.body ?? {}) as Record<string, unknown>);
    const refused = (errors: FieldErrors) => reply.page(<ItemFormPage ctx={reply.viewContext()} school={school} classes={classes} values={values} errors={errors} />, 400);
    const form = parseItemForm(values, { uai: school.uai, classes, today: todayOf(deps.clock) });
    if (!form.ok) return refused(form.errors);
    const result = await request.tenant((tx) => createItem(tx, { territoryId: territory.id, schoolId: school.id, details: form.details, actor: actorForAudit(request) }));
    if (!result.ok && result.reason === "numero-pris") return refused(numberTakenError(form.details.inventoryNumber));
    if (!result.ok) throw new NotFoundError();
    return reply.redirect(`/t/${territory.code}/ecoles/inventaire/${result.itemId}?fait=ajoute`, 303);
  });

  app.get("/t/:code/ecoles/inventaire/:itemId/modifier", async (request, reply) => {
    const territory = authorize(request, "schools.manage");
    const { item, classes } = await itemForForm(request, territory.id);
    return reply.page(<ItemFormPage ctx={reply.viewContext()} school={{ id: item.schoolId, name: item.schoolName }} classes={classes} item={item} values={itemFormValues(item)} />);
  });

  app.post("/t/:code/ecoles/inventaire/:itemId/modifier", async (request, reply) => {
    const territory = authorize(request, "schools.manage");
    const { item, classes } = await itemForForm(request, territory.id);
    const values = readItemValues((request.body ?? {}) as Record<string, unknown>);
    const school = { id: item.schoolId, name: item.schoolName };
    const refused = (errors: FieldErrors) => reply.page(<ItemFormPage ctx={reply.viewContext()} school={school} classes={classes} item={item} values={values} errors={errors} />, 400);
    const form = parseItemForm(values, { uai: item.uai, classes, today: todayOf(deps.clock) });
    if (!form.ok) return refused(form.errors);
    const result = await request.tenant((tx) => updateItem(tx, { territoryId: territory.id, itemId: item.id, details: form.details, actor: actorForAudit(request) }));
    if (!result.ok && result.reason === "numero-pris") return refused(numberTakenError(form.details.inventoryNumber));
    if (!result.ok) throw new NotFoundError();
    return reply.redirect(`/t/${territory.code}/ecoles/inventaire/${item.id}?fait=${result.changed ? "enregistre" : "rien"}`, 303);
  });
}
