/**
 * Export to data.inclusion (structures and services), the wider social-inclusion exchange format, through the
 * package's own converters: record → standard flat form → package domain model → data.inclusion.
 */
import {
  fromSchemaLieuDeMediationNumerique,
  toSchemaServiceDataInclusion,
  toSchemaStructureDataInclusion,
  type SchemaServiceDataInclusion,
  type SchemaStructureDataInclusion,
} from "@gouvfr-anct/lieux-de-mediation-numerique";
import { toStandardRow, type LieuRecord } from "./lieu-record.js";

export interface DataInclusionExport {
  structures: SchemaStructureDataInclusion[];
  services: SchemaServiceDataInclusion[];
}

/** One data.inclusion structure and one "Médiation numérique" service per place; `source` fills a missing one. */
export function toDataInclusion(records: Iterable<LieuRecord>, options: { source: string }): DataInclusionExport {
  const structures: SchemaStructureDataInclusion[] = [];
  const services: SchemaServiceDataInclusion[] = [];
  for (const record of records) {
    // The package refuses a data.inclusion service without a source.
    const lieu = fromSchemaLieuDeMediationNumerique(toStandardRow({ ...record, source: record.source ?? options.source }));
    structures.push(toSchemaStructureDataInclusion(lieu));
    services.push(toSchemaServiceDataInclusion(lieu));
  }
  return { structures, services };
}
