import { describe, expect, it } from "vitest";
import { formatImportError, readCsv } from "./csv.js";
import { parseConnectionsRecords } from "./connections.js";

const parse = (text: string) => parseConnectionsRecords(readCsv(text).records, { knownUais: new Set(["0750001U", "0301674G"]), today: "2027-03-02" });

describe("schools' connections import", () => {
  it("reads kinds by their usual names, speeds with a decimal comma and French dates", () => {
    const parsed = parse(["uai;raccordement;debit_mbps;date_mesure", "0750001U;FttH;250,5;03/03/2026", "0301674G;ADSL;;"].join("\n"));
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      { line: 2, uai: "0750001U", kind: "fibre", mbps: 250.5, measuredOn: "2026-03-03" },
      { line: 3, uai: "0301674G", kind: "cuivre", mbps: null, measuredOn: null },
    ]);
  });

  it("names each bad value by line and column", () => {
    const parsed = parse(["uai;raccordement;debit_mbps;date_mesure", "0999999Z;fibre;;", "0750001U;pigeon;vite;2028-01-01"].join("\n"));
    expect(parsed.errors.map(formatImportError)).toEqual([
      "ligne 2 : uai — " + parsed.errors[0]!.reason,
      "ligne 3 : raccordement — « pigeon » n'est pas un raccordement connu (fibre, cuivre, radio, satellite ou aucun)",
      "ligne 3 : debit_mbps — « vite » n'est pas un débit en Mbit/s (par exemple 95,5)",
      "ligne 3 : date_mesure — la mesure du 2028-01-01 est dans le futur",
    ]);
  });
});
