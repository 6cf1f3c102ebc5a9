// The harmonisation of a territory: every school's compliance with the reference set in force, and the
// totals per commune, per group of communes (e.g. former intercommunalities) and for the territory.
import type { Executor } from "../../db/client.js";
import { listCommuneGroups, listCommunes } from "../territories/territories.queries.js";
import {
  aggregateCompliance,
  complianceByCommune,
  complianceByGroup,
  complianceFromCounts,
  type ComplianceTotals,
  type SchoolCompliance,
  type Socle,
} from "./domain/socle.js";
import type { HarmonisationSchool as ExportSchool } from "./import-export/harmonisation.js";
import { loadSchoolSummaries } from "./school-summaries.queries.js";
import type { SchoolScope } from "./schools.policy.js";
import { currentSocle } from "./settings.queries.js";

export type HarmonisationSchool = {
  id: number;
  uai: string;
  name: string;
  communeInsee: string;
  communeName: string;
  groups: string[];
  compliance: SchoolCompliance;
};

export type Harmonisation = {
  socle: Socle;
  schools: HarmonisationSchool[];
  byCommune: (ComplianceTotals & { communeCode: string; communeName: string })[];
  byGroup: (ComplianceTotals & { code: string; label: string })[];
  territory: ComplianceTotals;
};

/** Compliance of every school the scope sees, with the totals per commune, group and territory. */
export async function loadHarmonisation(db: Executor, { territoryId, scope }: { territoryId: number; scope: SchoolScope }): Promise<Harmonisation> {
  const { socle } = await currentSocle(db, { territoryId });
  const [summaries, communes, groups] = [
    await loadSchoolSummaries(db, { territoryId, scope }),
    await listCommunes(db, { territoryId }),
    await listCommuneGroups(db, { territoryId }),
  ];
  const inseeById = new Map(communes.map((c) => [c.id, c.insee]));
  const nameOf = new Map(communes.map((c) => [c.insee, c.name]));
  const communeGroups = groups.map((g) => ({
    code: String(g.id),
    label: g.name,
    communeCodes: g.communeIds.map((id) => inseeById.get(id)).filter((insee): insee is string => insee !== undefined),
  }));
  const schools = summaries.map((s) => ({
    id: s.id,
    uai: s.uai,
    name: s.name,
    communeInsee: s.communeInsee,
    communeName: nameOf.get(s.communeInsee) ?? s.communeInsee,
    groups: communeGroups.filter((g) => g.communeCodes.includes(s.communeInsee)).map((g) => g.label),
    compliance: complianceFromCounts(s, s.cells, socle),
  }));
  const rows = schools.map((s) => ({ communeCode: s.communeInsee, compliance: s.compliance }));
  return {
    socle,
    schools,
    byCommune: complianceByCommune(rows)
      .map((c) => ({ ...c, communeName: nameOf.get(c.communeCode) ?? c.communeCode }))
      .sort((a, b) => a.communeName.localeCompare(b.communeName, "fr")),
    byGroup: complianceByGroup(rows, communeGroups),
    territory: aggregateCompliance(schools.map((s) => s.compliance)),
  };
}

/** The schools in the shape of the export rows (commune by name), in the view's default order. */
export function exportSchools(harmonisation: Harmonisation): (ExportSchool & { codeCommune: string; groupes: string })[] {
  return [...harmonisation.schools]
    .sort((a, b) => a.communeName.localeCompare(b.communeName, "fr") || a.name.localeCompare(b.name, "fr") || a.uai.localeCompare(b.uai))
    .map((s) => ({ uai: s.uai, ecole: s.name, commune: s.communeName, codeCommune: s.communeInsee, groupes: s.groups.join(" | "), compliance: s.compliance }));
}
