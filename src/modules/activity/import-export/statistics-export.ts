// Exports of the statistics (figures) and of the anonymous records, as CSV for Excel (";", UTF-8 BOM) and XLSX.
import { PassThrough, Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { stringify as stringifySync } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { safeCell } from "../../../lib/spreadsheet-cells.js";
import type { ActivityRow } from "../activity.queries.js";
import { monthLabel, percentNumber, statusLabels } from "../domain/labels.js";
import { appointmentStatuses, type Count, type Group, type StatisticsReport } from "../domain/statistics.js";
import {
  activityKinds,
  autonomies,
  durationBands,
  labelOf,
  locationKinds,
  materiels,
  niveaux,
  orientations,
  participantGroups,
  sousThematiques,
  thematiques,
  type Term,
} from "../domain/vocabulary.js";

export type Cell = string | number | null;

/** How ids and codes are named in exports and pages. */
export type Names = { place(id: string): string; mediator(id: string): string; commune(insee: string): string };

export const CSV_TYPE = "text/csv; charset=utf-8";
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export { safeCell };

function vocabularyRows(rubric: string, list: Count[], terms: readonly Term[]): Cell[][] {
  return list.map((c) => [rubric, labelOf(terms, c.key), c.count]);
}

function groupRows(rubric: string, groups: Group[], name: (key: string) => string): Cell[][] {
  return groups.flatMap((g) => [
    [`${rubric} : personnes accompagnées`, name(g.key), g.figures.accompaniments],
    [`${rubric} : rendez-vous`, name(g.key), g.figures.appointments],
  ]);
}

/** The figures as rows "Rubrique ; Libellé ; Valeur", the same in CSV and XLSX. */
export function figureRows(report: StatisticsReport, names: Names, { period, withMediators }: { period: { from: string; to: string }; withMediators: boolean }): Cell[][] {
  const f = report.figures;
  const key = "Chiffres clés";
  const rows: Cell[][] = [
    ["Rubrique", "Libellé", "Valeur"],
    ["Période", "Du", period.from],
    ["Période", "Au", period.to],
    [key, "Rendez-vous", f.appointments],
    ...appointmentStatuses.map((s) => [key, `Rendez-vous : ${statusLabels[s].toLowerCase()}`, f.appointmentsByStatus[s]]),
    [key, "Taux d'absence (%)", percentNumber(f.noShowRate)],
    [key, "Personnes accompagnées", f.accompaniments],
    [key, "Accompagnements individuels", f.individual],
    [key, "Ateliers collectifs", f.workshops],
    [key, "Participants aux ateliers", f.workshopParticipants],
    [key, "Premières visites", f.firstVisit.yes],
    [key, "Part des premières visites (%)", percentNumber(f.firstVisit.share)],
    ...vocabularyRows("Thématiques", f.thematiques, thematiques),
    ...vocabularyRows("Démarches administratives", f.sousThematiques, sousThematiques),
    ...vocabularyRows("Durées", f.durations, durationBands),
    ...f.autonomy.map((c) => ["Autonomie", c.key === "" ? "Non renseignée" : labelOf(autonomies, c.key), c.count]),
    ...f.communes.map((c) => ["Communes de résidence", names.commune(c.key), c.count]),
    ...report.months.flatMap((m) => [
      ["Par mois : personnes accompagnées", monthLabel(m.key), m.figures.accompaniments],
      ["Par mois : rendez-vous", monthLabel(m.key), m.figures.appointments],
    ]),
    ...groupRows("Par lieu", report.byPlace, names.place),
    ...(withMediators ? groupRows("Par médiateur ou médiatrice", report.byMediator, names.mediator) : []),
  ];
  return rows;
}

/** Numbers in CSV for a French Excel: decimal comma. */
function csvCell(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value).replace(".", ",");
  return String(safeCell(value));
}

/** Rows as a CSV document for Excel: ";" separated, UTF-8 with a BOM. */
export function toCsv(rows: Cell[][]): string {
  return stringifySync(rows.map((r) => r.map(csvCell)), { delimiter: ";", bom: true, record_delimiter: "\r\n" });
}

/** Rows as an XLSX workbook of one sheet (figures are small: built in memory). */
export async function toXlsx(rows: Cell[][], sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Maillage";
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column, i) => (column.width = i === 2 ? 12 : 40));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const join = (terms: readonly Term[], values: string[]) => values.map((v) => labelOf(terms, v)).join(" | ");
const counterTerms = participantGroups.flatMap((g) => g.counters.map((c) => ({ value: c.value, label: `${g.label} : ${c.label}` })));

/** Column headers of the anonymous records export. */
export const recordHeaders: string[] = [
  "Identifiant",
  "Date",
  "Type",
  "Durée (minutes)",
  "Type de lieu",
  "Lieu",
  "Médiateur ou médiatrice",
  "Thématiques",
  "Démarches administratives",
  "Précision",
  "Matériel",
  "Autonomie",
  "Orientation",
  "Niveau de l'atelier",
  "Commune de résidence (code INSEE)",
  "Commune de résidence",
  "Première visite",
  "Depuis un rendez-vous",
  "Participants",
  "Déjà accompagnés",
  ...counterTerms.map((c) => c.label),
];

/** One anonymous record as export cells, in the order of `recordHeaders`. */
export function recordCells(row: ActivityRow, communeName: (insee: string) => string): Cell[] {
  const collective = row.kind === "collectif";
  return [
    row.id,
    row.day,
    labelOf(activityKinds, row.kind),
    row.durationMinutes,
    labelOf(locationKinds, row.locationKind),
    row.placeName ?? "",
    row.mediatorName ?? "",
    join(thematiques, row.thematiques),
    join(sousThematiques, row.sousThematiques),
    row.precision,
    join(materiels, row.materiel),
    labelOf(autonomies, row.autonomie),
    labelOf(orientations, row.orientation),
    labelOf(niveaux, row.niveau),
    row.communeInsee ?? "",
    row.communeInsee ? communeName(row.communeInsee) : "",
    row.firstVisit === null ? "" : row.firstVisit ? "Oui" : "Non",
    row.fromAppointment ? "Oui" : "Non",
    collective ? (row.participants.total ?? 0) : 1,
    collective ? (row.participants.dejaAccompagne ?? 0) : null,
    ...counterTerms.map((c) => (collective ? (row.participants[c.value] ?? 0) : null)),
  ];
}

/** Streams records as CSV (pages are read one after the other, never all in memory). */
export function recordsCsvStream(pages: AsyncIterable<ActivityRow[]>, communeName: (insee: string) => string): Readable {
  async function* lines() {
    yield recordHeaders;
    for await (const page of pages) for (const row of page) yield recordCells(row, communeName).map(csvCell);
  }
  return Readable.from(lines()).pipe(stringify({ delimiter: ";", bom: true, record_delimiter: "\r\n" }));
}

/** Streams records as an XLSX workbook, row by row. */
export function recordsXlsxStream(pages: AsyncIterable<ActivityRow[]>, communeName: (insee: string) => string): Readable {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet("Accompagnements");
  (async () => {
    sheet.addRow(recordHeaders).commit();
    for await (const page of pages) for (const row of page) sheet.addRow(recordCells(row, communeName)).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return output;
}

/** Names for ids and codes, from the lists the page already loaded; "" keys are the "not given" rows. */
export function makeNames(places: { id: number; name: string }[], mediators: { id: number; name: string }[], communes: { insee: string; name: string }[]): Names {
  const placeNames = new Map(places.map((p) => [String(p.id), p.name]));
  const mediatorNames = new Map(mediators.map((m) => [String(m.id), m.name]));
  const communeNames = new Map(communes.map((c) => [c.insee, c.name]));
  return {
    place: (id) => (id === "" ? "Sans lieu" : (placeNames.get(id) ?? `Lieu n° ${id}`)),
    mediator: (id) => (id === "" ? "Non renseigné" : (mediatorNames.get(id) ?? `Personne n° ${id}`)),
    commune: (insee) => (insee === "" ? "Non renseignée" : (communeNames.get(insee) ?? `Commune ${insee}`)),
  };
}
