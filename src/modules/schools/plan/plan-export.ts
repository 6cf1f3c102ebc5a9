// The plan as an XLSX workbook laid out for a budget vote: a summary sheet (totals per year, net cost per
// commune and year, co-funding per project), a sheet of lines, and the assumptions (prices, programmes).
// Amounts are euros with a euro number format; headers are French.
import ExcelJS from "exceljs";
import { CATEGORY_LABELS, EQUIPMENT_CATEGORIES } from "../domain/categories.js";
import type { CofundingRule, MoneyTotals, UnitPriceCatalogue } from "../domain/plan.js";
import { GAP_SCHEDULE_LABELS, type PlanReport } from "./plan-report.js";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Euro format with two decimals; the spreadsheet shows the separators of the reader's locale. */
export const EURO_FORMAT = '#,##0.00 "€"';

export type ExportScenario = { name: string; startYear: number; years: number; gapSchedule: "first_year" | "spread"; unitPrices: UnitPriceCatalogue; cofunding: CofundingRule[] };

type Cell = string | number | null;

const euros = (cents: number) => cents / 100;

/** A text a spreadsheet would read as a formula gets a leading apostrophe. */
function safe(value: Cell): Cell {
  return typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function header(sheet: ExcelJS.Worksheet, values: string[]): void {
  const row = sheet.addRow(values);
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8F0F2" } };
    cell.border = { bottom: { style: "thin" } };
    cell.alignment = { wrapText: true, vertical: "middle" };
  });
}

function dataRow(sheet: ExcelJS.Worksheet, values: Cell[], euroColumns: number[], bold = false): void {
  const row = sheet.addRow(values.map(safe));
  for (const column of euroColumns) row.getCell(column).numFmt = EURO_FORMAT;
  if (bold) row.font = { bold: true };
}

function moneyCells(m: MoneyTotals): number[] {
  return [euros(m.grossCents), euros(m.cofundingCents), euros(m.netCents)];
}

function title(sheet: ExcelJS.Worksheet, text: string): void {
  sheet.addRow([]);
  sheet.addRow([text]).font = { bold: true, size: 12 };
}

function summarySheet(workbook: ExcelJS.Workbook, report: PlanReport, scenario: ExportScenario, territoryName: string): void {
  const sheet = workbook.addWorksheet("Synthèse");
  const { years, plan } = report;
  sheet.addRow([`Plan pluriannuel d'équipement numérique des écoles — ${territoryName}`]).font = { bold: true, size: 14 };
  sheet.addRow([`Scénario « ${scenario.name} » : ${years[0]} à ${years.at(-1)} (${years.length} ans). ${GAP_SCHEDULE_LABELS[scenario.gapSchedule]}.`]);
  sheet.addRow(["Montants toutes taxes comprises, en euros. Reste à charge = montant TTC − cofinancements."]);

  title(sheet, "Totaux par année");
  header(sheet, ["Année", "Montant TTC", "Cofinancements", "Reste à charge"]);
  for (const y of plan.byYear) dataRow(sheet, [y.year, ...moneyCells(y)], [2, 3, 4]);
  dataRow(sheet, ["Total", ...moneyCells(plan.total)], [2, 3, 4], true);

  title(sheet, "Reste à charge par commune et par année");
  const yearColumns = years.map((_, i) => i + 3);
  header(sheet, ["Commune", "Code INSEE", ...years.map(String), "Total"]);
  for (const c of report.communes) dataRow(sheet, [c.name, c.code, ...c.perYear.map((m) => euros(m.netCents)), euros(c.total.netCents)], [...yearColumns, years.length + 3]);
  dataRow(sheet, ["Total", "", ...plan.byYear.map((y) => euros(y.netCents)), euros(plan.total.netCents)], [...yearColumns, years.length + 3], true);

  title(sheet, "Montant TTC, cofinancements et reste à charge par commune");
  header(sheet, ["Commune", "Code INSEE", "Montant TTC", "Cofinancements", "Reste à charge"]);
  for (const c of report.communes) dataRow(sheet, [c.name, c.code, ...moneyCells(c.total)], [3, 4, 5]);

  title(sheet, "Cofinancements par projet (une commune, une année, un programme)");
  header(sheet, ["Année", "Commune", "Programme", "Montant éligible TTC", "Cofinancement"]);
  for (const p of report.projects) dataRow(sheet, [p.year, p.communeName, p.programme, euros(p.eligibleCents), euros(p.cofundingCents)], [4, 5]);

  sheet.getColumn(1).width = 34;
  for (let c = 2; c <= Math.max(5, years.length + 3); c += 1) sheet.getColumn(c).width = 18;
}

function linesSheet(workbook: ExcelJS.Workbook, report: PlanReport): void {
  const sheet = workbook.addWorksheet("Lignes", { views: [{ state: "frozen", ySplit: 1 }] });
  header(sheet, ["Année", "Commune", "Code INSEE", "École", "UAI", "Motif", "Élément du socle", "Catégorie", "Quantité", "Prix unitaire TTC", "Montant TTC", "Programme de cofinancement"]);
  for (const l of report.lines) {
    dataRow(sheet, [l.year, l.communeName, l.communeCode, l.schoolName, l.uai, l.reasonLabel, l.element ?? "", l.categoryLabel, l.quantity, euros(l.unitPriceCents), euros(l.amountCents), l.programme ?? ""], [10, 11]);
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 12 } };
  [8, 24, 11, 34, 11, 32, 18, 30, 10, 16, 16, 30].forEach((width, i) => (sheet.getColumn(i + 1).width = width));
}

function assumptionsSheet(workbook: ExcelJS.Workbook, scenario: ExportScenario): void {
  const sheet = workbook.addWorksheet("Hypothèses");
  header(sheet, ["Catégorie", "Prix unitaire TTC"]);
  for (const c of EQUIPMENT_CATEGORIES) {
    const price = scenario.unitPrices[c];
    dataRow(sheet, [CATEGORY_LABELS[c], price === undefined ? "non renseigné" : euros(price)], price === undefined ? [] : [2]);
  }
  title(sheet, "Programmes de cofinancement (le premier qui couvre une ligne la finance)");
  header(sheet, ["Programme", "Taux (%)", "Plafond par projet", "Catégories éligibles", "Années"]);
  for (const r of scenario.cofunding) {
    dataRow(
      sheet,
      [r.programme, Number((r.rate * 100).toFixed(4)), r.capCents === null ? "sans plafond" : euros(r.capCents), r.eligibleCategories.map((c) => CATEGORY_LABELS[c]).join(", "), r.years.length ? r.years.join(", ") : "toutes"],
      r.capCents === null ? [] : [3],
    );
  }
  sheet.getColumn(1).width = 34;
  sheet.getColumn(4).width = 60;
  for (const c of [2, 3, 5]) sheet.getColumn(c).width = 18;
}

/** The workbook of a plan, as bytes. */
export async function planWorkbook(report: PlanReport, scenario: ExportScenario, territoryName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Maillage";
  summarySheet(workbook, report, scenario, territoryName);
  linesSheet(workbook, report);
  assumptionsSheet(workbook, scenario);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
