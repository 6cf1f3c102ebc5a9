// Multi-year plan: settings as data, scenarios built from the inventory with the exact figures of buildPlan,
// copy and compare, 2-year plans, the XLSX export for a budget vote, and who may see what.
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { communes, equipmentItems, planScenarios, schoolClasses, schools, schoolSettings } from "../../src/db/schema/index.js";
import type { EquipmentCategory, ItemState } from "../../src/modules/schools/domain/categories.js";
import { buildPlan, comparePlans, type CofundingRule, type Plan, type PlanSchool, type UnitPriceCatalogue } from "../../src/modules/schools/domain/plan.js";
import { formatEuros } from "../../src/modules/schools/plan/money.js";
import { createTestApp, makeTerritory, makeUser, TestClient, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";

/** The page's text with entities decoded, for plain assertions. */
const plain = (html: string) => html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");

type ItemSpec = { category: EquipmentCategory; state: ItemState; cls: number | null; acquired?: string; endOfLife?: string };
type SchoolSpec = { name: string; commune: number; classes: number; items: ItemSpec[] };

// School A: 2 classes, a screen reaching its end of life in 2027, a broken projector, no tablets, a retired access point.
// School B: 1 class, one tablet past its end of life, everything else missing. School C (other commune): 5 classes, nothing.
const fixture: SchoolSpec[] = [
  {
    name: "École des Lilas",
    commune: 0,
    classes: 2,
    items: [
      { category: "ecran_interactif", state: "en_service", cls: 0, acquired: "2019-09-01" },
      { category: "videoprojecteur", state: "en_panne", cls: 1, acquired: "2021-01-01" },
      { category: "ordinateur_portable_enseignant", state: "en_service", cls: 0, acquired: "2025-01-10" },
      { category: "ordinateur_portable_enseignant", state: "en_service", cls: 1, acquired: "2020-05-01" },
      { category: "ordinateur_direction", state: "en_reparation", cls: null, acquired: "2024-03-01" },
      { category: "imprimante_reseau", state: "en_service", cls: null, endOfLife: "2032-01-01" },
      { category: "point_acces_wifi", state: "reforme", cls: null, acquired: "2012-01-01" },
      { category: "autre", state: "en_service", cls: null },
    ],
  },
  { name: "École du Parc", commune: 1, classes: 1, items: [{ category: "tablette", state: "en_service", cls: null, acquired: "2022-06-01" }] },
  { name: "École Jules-Ferry", commune: 0, classes: 5, items: [] },
];

const prices: UnitPriceCatalogue = {
  ecran_interactif: 300_000,
  videoprojecteur: 70_000,
  ordinateur_portable_enseignant: 80_050,
  ordinateur_direction: 90_000,
  tablette: 40_000,
  imprimante_reseau: 50_000,
  point_acces_wifi: 30_000,
};
const priceForm = {
  prix_ecran_interactif: "3 000",
  prix_videoprojecteur: "700",
  prix_ordinateur_portable_enseignant: "800,50",
  prix_ordinateur_direction: "900",
  prix_tablette: "400",
  prix_imprimante_reseau: "500,00",
  prix_point_acces_wifi: "300",
};
const ruleForm = {
  regles: "2",
  regle0_programme: "Socle numérique 2021",
  regle0_taux: "66",
  regle0_plafond: "10 000",
  regle0_categories: ["ecran_interactif", "ordinateur_portable_enseignant", "tablette"],
  regle0_annees: "2027",
  regle1_programme: "Territoires numériques éducatifs",
  regle1_taux: "50",
  regle1_plafond: "",
  regle1_categories: ["ordinateur_direction", "ecran_interactif"],
  regle1_annees: "",
};

describe.each(engines)("multi-year plan on %s", (engine) => {
  let t: TestApp;
  let code: string;
  let territoryId: number;
  let coordinator: TestClient;
  let planSchools: PlanSchool[];
  let communeNames: string[];
  let scenarioId: number;
  const rulesFor = (years: number[]): CofundingRule[] => [
    { programme: "Socle numérique 2021", rate: 0.66, capCents: 1_000_000, eligibleCategories: ["ecran_interactif", "ordinateur_portable_enseignant", "tablette"], years: [2027] },
    { programme: "Territoires numériques éducatifs", rate: 0.5, capCents: null, eligibleCategories: ["ordinateur_direction", "ecran_interactif"], years },
  ];
  const expected = (years: number, gapSchedule: "first_year" | "spread" = "first_year"): Plan =>
    buildPlan(planSchools, { startYear: 2027, years, prices, cofunding: rulesFor(Array.from({ length: years }, (_, i) => 2027 + i)), gapSchedule });

  beforeAll(async () => {
    t = await createTestApp(engine);
    const territory = await makeTerritory(t.database, { communes: 2 });
    ({ code, id: territoryId } = territory);
    const communeRows = await t.database.db.select({ insee: communes.insee, name: communes.name }).from(communes).where(eq(communes.territoryId, territoryId)).orderBy(communes.insee);
    communeNames = communeRows.map((c) => c.name);
    planSchools = [];
    for (const [n, spec] of fixture.entries()) {
      const insee = communeRows[spec.commune]!.insee;
      const [school] = await t.database.db.insert(schools).values({ territoryId, uai: `079000${n}A`, name: spec.name, communeInsee: insee }).returning({ id: schools.id });
      const classIds: number[] = [];
      for (let c = 0; c < spec.classes; c += 1) {
        const [row] = await t.database.db.insert(schoolClasses).values({ territoryId, schoolId: school!.id, name: `Classe ${c + 1}` }).returning({ id: schoolClasses.id });
        classIds.push(row!.id);
      }
      const items = [];
      for (const [k, item] of spec.items.entries()) {
        const classId = item.cls === null ? null : classIds[item.cls]!;
        const [row] = await t.database.db
          .insert(equipmentItems)
          .values({ territoryId, schoolId: school!.id, classId, category: item.category, state: item.state, inventoryNumber: `INV-${n}-${k}`, acquisitionDate: item.acquired ?? null, endOfLife: item.endOfLife ?? null })
          .returning({ id: equipmentItems.id });
        if (item.state !== "reforme") items.push({ id: String(row!.id), category: item.category, state: item.state, classId: classId === null ? null : String(classId), acquisitionDate: item.acquired ?? null, endOfLife: item.endOfLife ?? null });
      }
      planSchools.push({ schoolId: String(school!.id), communeCode: insee, classes: classIds.map((id) => ({ id: String(id) })), items });
    }
    const userId = await makeUser(t.database, { email: `coordination-plan-${engine}@exemple.fr`, territoryId, roles: ["coordinator"] });
    coordinator = await new TestClient(t.app).signInAs(t, userId);
  });
  afterAll(() => t.close());

  const url = (path: string) => `/t/${code}/plan${path}`;

  it("offers the two named programmes with empty rates and refuses a programme left without its rate", async () => {
    const page = plain((await coordinator.get(url("/reglages"))).body);
    expect(page).toContain('value="Socle numérique 2021"');
    expect(page).toContain('value="Territoires numériques éducatifs"');
    expect(page).toMatch(/name="regle0_taux" type="text" value[ />]/);
    const refused = await coordinator.post(url("/reglages/cofinancements"), { regles: "2", regle0_programme: "Socle numérique 2021", regle1_programme: "" });
    expect(refused.statusCode).toBe(400);
    expect(plain(refused.body)).toContain("Saisissez le taux de « Socle numérique 2021 » (entre 0 et 100 %)");
    const added = await coordinator.post(url("/reglages/cofinancements"), { ...ruleForm, action: "ajouter" });
    expect(added.statusCode).toBe(200);
    expect(added.body).toContain('name="regle2_programme"');
  });

  it("saves unit prices and co-funding rules as data", async () => {
    expect((await coordinator.post(url("/reglages/prix"), priceForm)).statusCode).toBe(303);
    expect((await coordinator.post(url("/reglages/cofinancements"), ruleForm)).statusCode).toBe(303);
    const [row] = await t.database.db.select().from(schoolSettings).where(eq(schoolSettings.territoryId, territoryId));
    expect(row!.unitPrices).toEqual(prices);
    expect(row!.cofunding).toEqual(rulesFor([]));
  });

  it("builds a 3-year scenario whose totals per year and per commune are those of buildPlan", async () => {
    const created = await coordinator.post(url(""), { name: "Plan 2027-2029", startYear: "2027", years: "3", gapSchedule: "first_year" });
    expect(created.statusCode).toBe(303);
    scenarioId = Number(/\/plan\/(\d+)\?fait=creation$/.exec(created.headers.location as string)![1]);
    const plan = expected(3);
    expect(plan.total.grossCents).toBeGreaterThan(0);
    expect(plan.total.cofundingCents).toBeGreaterThan(0);
    const page = plain((await coordinator.get(url(`/${scenarioId}`))).body);
    for (const y of plan.byYear) {
      expect(page).toContain(`${y.year}</th><td class="govuk-table__cell govuk-table__cell--numeric">${formatEuros(y.grossCents)}</td><td class="govuk-table__cell govuk-table__cell--numeric">${formatEuros(y.cofundingCents)}</td><td class="govuk-table__cell govuk-table__cell--numeric">${formatEuros(y.netCents)}</td>`);
    }
    expect(page).toContain(formatEuros(plan.total.netCents));
    for (const [i, name] of communeNames.entries()) {
      const insee = planSchools.find((s) => fixture[planSchools.indexOf(s)]!.commune === i)!.communeCode;
      const net = plan.byCommuneYear.filter((c) => c.communeCode === insee).reduce((s, c) => s + c.netCents, 0);
      expect(page).toMatch(new RegExp(`${name}</th>(<td[^>]*>[^<]*</td>){3}<td[^>]*>${formatEuros(net)}</td>`));
    }
    expect(page).toContain("Manque du socle numérique (");
    expect(page).toContain("Renouvellement en fin de vie (");
    expect(page).toContain("Remplacement d'un équipement en panne (1 ligne)");
  });

  it("copies a scenario, lets the copy differ, and compares the two year by year", async () => {
    const copied = await coordinator.post(url(`/${scenarioId}/copie`));
    expect(copied.statusCode).toBe(303);
    const copyId = Number(/\/plan\/(\d+)\?fait=copie$/.exec(copied.headers.location as string)![1]);
    const [copy] = await t.database.db.select().from(planScenarios).where(and(eq(planScenarios.id, copyId), eq(planScenarios.territoryId, territoryId)));
    expect(copy).toMatchObject({ name: "Copie de Plan 2027-2029", startYear: 2027, years: 3, gapSchedule: "first_year", unitPrices: prices });
    const edited = await coordinator.post(url(`/${copyId}`), { name: "Plan étalé", startYear: "2027", years: "3", gapSchedule: "spread", ...priceForm, ...ruleForm });
    expect(edited.statusCode).toBe(303);
    const a = expected(3);
    const b = expected(3, "spread");
    const rows = comparePlans(a, b);
    expect(rows.some((r) => r.netDelta !== 0)).toBe(true);
    const page = plain((await coordinator.get(url(`/comparaison?a=${scenarioId}&b=${copyId}`))).body);
    expect(page).toContain("Plan étalé");
    for (const r of rows) {
      const cells = [r.grossA, r.grossB, r.netA, r.netB].map((c) => `<td class="govuk-table__cell govuk-table__cell--numeric">${formatEuros(c)}</td>`).join("");
      expect(page).toContain(`${r.year}</th>${cells}`);
    }
    expect((await coordinator.get(url(`/comparaison?a=${scenarioId}&b=999999`))).statusCode).toBe(404);
  });

  it("accepts a 2-year plan (the first two years of the 3-year one) and refuses to spread gaps over 2 years", async () => {
    const refused = await coordinator.post(url(""), { name: "Deux ans étalés", startYear: "2027", years: "2", gapSchedule: "spread" });
    expect(refused.statusCode).toBe(400);
    expect(plain(refused.body)).toContain("L'étalement des manques demande un plan d'au moins 3 ans");
    expect((await coordinator.post(url(""), { name: "Sept ans", startYear: "2027", years: "7", gapSchedule: "first_year" })).statusCode).toBe(400);
    const created = await coordinator.post(url(""), { name: "Plan sur deux ans", startYear: "2027", years: "2", gapSchedule: "first_year" });
    expect(created.statusCode).toBe(303);
    const id = Number(/\/plan\/(\d+)\?/.exec(created.headers.location as string)![1]);
    const three = expected(3);
    const page = plain((await coordinator.get(url(`/${id}`))).body);
    expect(page).not.toContain("2029</th>");
    const twoYearNet = three.byYear.filter((y) => y.year <= 2028).reduce((s, y) => s + y.netCents, 0);
    expect(page).toContain(`Total</th><td class="govuk-table__cell govuk-table__cell--numeric">${formatEuros(three.byYear[0]!.grossCents + three.byYear[1]!.grossCents)}`);
    expect(page).toContain(formatEuros(twoYearNet));
  });

  it("exports an XLSX for a budget vote whose summary holds the totals by year and commune, and whose lines sheet lists every line", async () => {
    const response = await coordinator.get(url(`/${scenarioId}/plan.xlsx`));
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Synthèse", "Lignes", "Hypothèses"]);
    const summary = workbook.getWorksheet("Synthèse")!;
    const rows: unknown[][] = [];
    const rowNumbers: number[] = [];
    summary.eachRow((row, n) => {
      rows.push((row.values as unknown[]).slice(1));
      rowNumbers.push(n);
    });
    const plan = expected(3);
    const headerAt = rows.findIndex((r) => r[0] === "Année" && r[1] === "Montant TTC");
    expect(rows[headerAt]).toEqual(["Année", "Montant TTC", "Cofinancements", "Reste à charge"]);
    for (const [i, y] of plan.byYear.entries()) expect(rows[headerAt + 1 + i]).toEqual([y.year, y.grossCents / 100, y.cofundingCents / 100, y.netCents / 100]);
    expect(rows[headerAt + 4]).toEqual(["Total", plan.total.grossCents / 100, plan.total.cofundingCents / 100, plan.total.netCents / 100]);
    expect(summary.getRow(rowNumbers[headerAt + 1]!).getCell(2).numFmt).toContain("€");
    const communeHeader = rows.findIndex((r) => r[0] === "Commune" && r[2] === "2027");
    expect(rows[communeHeader]).toEqual(["Commune", "Code INSEE", "2027", "2028", "2029", "Total"]);
    const first = planSchools[0]!.communeCode;
    const firstRow = rows.find((r, i) => i > communeHeader && r[1] === first)!;
    expect(firstRow.at(-1)).toBe(plan.byCommuneYear.filter((c) => c.communeCode === first).reduce((s, c) => s + c.netCents, 0) / 100);
    const lines = workbook.getWorksheet("Lignes")!;
    expect((lines.getRow(1).values as unknown[]).slice(1)).toEqual(["Année", "Commune", "Code INSEE", "École", "UAI", "Motif", "Élément du socle", "Catégorie", "Quantité", "Prix unitaire TTC", "Montant TTC", "Programme de cofinancement"]);
    expect(lines.rowCount).toBe(plan.lines.length + 1);
    let sum = 0;
    lines.eachRow((row, n) => {
      if (n > 1) sum += Math.round((row.getCell(11).value as number) * 100);
    });
    expect(sum).toBe(plan.total.grossCents);
  });

  it("lets elected officials read and export the plan but not change it, and hides it from school referents", async () => {
    const elected = await new TestClient(t.app).signInAs(t, await makeUser(t.database, { email: `elu-plan-${engine}@exemple.fr`, territoryId, roles: ["elected"] }));
    expect((await elected.get(url(`/${scenarioId}`))).statusCode).toBe(200);
    expect((await elected.get(url(`/${scenarioId}/plan.xlsx`))).statusCode).toBe(200);
    expect((await elected.get(url("/reglages"))).statusCode).toBe(403);
    expect((await elected.post(url(`/${scenarioId}/copie`))).statusCode).toBe(403);
    const referent = await new TestClient(t.app).signInAs(t, await makeUser(t.database, { email: `referent-plan-${engine}@exemple.fr`, territoryId, roles: ["school_referent"] }));
    expect((await referent.get(url(""))).statusCode).toBe(404);
    expect((await referent.get(url(`/${scenarioId}`))).statusCode).toBe(404);
  });

  it("deletes a scenario", async () => {
    const created = await coordinator.post(url(""), { name: "À jeter", startYear: "2027", years: "4", gapSchedule: "spread" });
    const id = Number(/\/plan\/(\d+)\?/.exec(created.headers.location as string)![1]);
    expect((await coordinator.post(url(`/${id}/suppression`))).statusCode).toBe(303);
    expect(await t.database.db.select().from(planScenarios).where(eq(planScenarios.id, id))).toEqual([]);
    expect((await coordinator.get(url(`/${id}`))).statusCode).toBe(404);
  });
});
