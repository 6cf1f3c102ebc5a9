// Files in the regulator's real formats for tests: real rows of 2026 T1 (three communes, technologies header),
// a wired-speeds file in the current cumulative classes and one in the older exclusive classes (2019, with its
// comment line, `logloc` type and `elig_hd8` column), and an observatory workbook built with exceljs.
import ExcelJS from "exceljs";

export const TECHNO_HEADER = "code_insee;nom_com;code_dep;code_reg;nbr;type;elig_ftth;elig_coax;elig_cu;elig_thdr;elig_4gf;elig_hdr;elig_sat;date";

/** Real rows of commune_techno.csv, 2026 T1 (Ajaccio, Mamoudzou, Gaas). */
export const TECHNO_2026T1 = [
  TECHNO_HEADER,
  "2A004;Ajaccio;2A;94;46329;all;45327;0;0;0;46241;0;46325;2026-03-31",
  "97611;Mamoudzou;976;06;18048;all;1264;0;18048;0;18033;0;18047;2026-03-31",
  "40101;Gaas;40;75;245;all;243;0;0;0;245;0;245;2026-03-31",
].join("\n");

export const FILAIRE_HEADER = "code_insee;nom_com;code_dep;code_reg;nbr;type;inel_hd;elig_hd05;elig_hd3;elig_bhd8;elig_thd30;elig_thd100;elig_thd1g;date";

/** Cumulative classes (2026): each class counts the premises at that speed or more. */
export const FILAIRE_CUMULATIVE = [
  FILAIRE_HEADER,
  "40101;Gaas;40;75;245;all;0;245;245;244;243;243;240;2026-03-31",
  "2A004;Ajaccio;2A;94;46329;all;12;46317;46300;46100;45900;45500;45327;2026-03-31",
].join("\n");

/** Exclusive classes (2019 beta file): a comment line first, classes adding up to the premises (148 = 10 + 138). */
export const FILAIRE_EXCLUSIVE_2019 = [
  "# Statistiques de débits filaires par commune (bêta) - 30/09/2019",
  "code_insee;nom_com;code_dep;code_reg;nbr;type;inel_hd;elig_hd05;elig_hd3;elig_hd8;elig_thd30;elig_thd100;elig_thd1g;date",
  "40101;Gaas;40;75;148;logloc;0;0;0;10;0;0;138;2019-09-30",
  "2A004;Ajaccio;2A;94;45000;logloc;100;400;2500;12000;10000;15000;5000;2019-09-30",
].join("\n");

/** An observatory workbook: title rows, the header on row 5, quarter columns (the real layout). */
export async function observatoryWorkbook(rows: { code: string | number; estimate: number; building?: number; quarters: Record<string, number | null> }[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("FttH");
  const sheet = workbook.addWorksheet("Communes");
  sheet.addRow(["Observatoire du haut et très haut débit : abonnements et déploiements"]);
  sheet.addRow(["Données au 31 décembre 2025"]);
  sheet.addRow([]);
  sheet.addRow([]);
  const quarters = [...new Set(rows.flatMap((r) => Object.keys(r.quarters)))];
  sheet.addRow(["Code commune", "Nom commune", "Siren EPCI", "Logements", "Établissements", "Meilleure estimation des locaux à date (T4 2025)", "Estimation locaux en cours de construction", "Commune rurale", "Zone très dense", ...quarters]);
  for (const r of rows) {
    sheet.addRow([r.code, "", "200041333", null, null, r.estimate, r.building ?? 0, "Oui", "Non", ...quarters.map((q) => r.quarters[q] ?? null)]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
