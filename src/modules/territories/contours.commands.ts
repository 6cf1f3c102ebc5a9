// Stores the outlines and centres of a territory's communes from a GeoJSON file (`maillage import contours`).
import { eq, sql } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/client.js";
import { communes } from "../../db/schema/index.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";
import { matchContours, parseContours, type ContourError, type UnmatchedFeature } from "./import-export/contours-geojson.js";

export type ContourImportResult = {
  /** Why the whole file was refused, if it was. */
  fatal: string | undefined;
  /** Features in the file. */
  total: number;
  errors: ContourError[];
  /** Features of communes outside the territory: reported, not imported. */
  unmatched: UnmatchedFeature[];
  /** The territory's communes the file has no contour for (INSEE code and name). */
  missing: { insee: string; name: string }[];
  imported: number;
  created: number;
  updated: number;
};

/**
 * Imports commune outlines into a territory, all or nothing: with an invalid feature nothing is written unless
 * `skipInvalid`. Features of communes outside the territory are reported and left aside. Each stored outline
 * carries `source`, the credit to show with it.
 */
export async function importContours(
  db: Executor,
  { territoryId, text, source, skipInvalid = false, codeProperty, actor }: { territoryId: number; text: string; source: string; skipInvalid?: boolean; codeProperty?: string | undefined; actor: AuditActor },
): Promise<ContourImportResult> {
  const parsed = parseContours(text, { codeProperty });
  const empty = { total: parsed.total, errors: parsed.errors, unmatched: [], missing: [], imported: 0, created: 0, updated: 0 };
  if (parsed.fatal) return { ...empty, fatal: parsed.fatal };
  const known = await db
    .select({ insee: communes.insee, name: communes.name, hasContour: sql<boolean>`${communes.contour} is not null` })
    .from(communes)
    .where(eq(communes.territoryId, territoryId))
    .orderBy(communes.name);
  const match = matchContours(parsed.features, known.map((c) => c.insee));
  const nameOf = new Map(known.map((c) => [c.insee, c.name]));
  const report = { ...empty, fatal: undefined, unmatched: match.unmatched, missing: match.missing.map((insee) => ({ insee, name: nameOf.get(insee)! })) };
  if ((parsed.errors.length > 0 && !skipInvalid) || match.matched.length === 0) return report;
  const rows = match.matched.map((f) => ({ insee: f.insee, contour: f.geometry, lat: f.centre.lat, lon: f.centre.lon }));
  // One statement for the whole file; rows whose outline and credit are already stored are left alone.
  const changed = await queryRows<{ insee: string }>(
    db,
    sql`update communes c set contour = v.contour, centroid_lat = v.lat, centroid_lon = v.lon, contour_source = ${source}
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(insee text, contour jsonb, lat double precision, lon double precision)
        where c.territory_id = ${territoryId} and c.insee = v.insee
          and (c.contour is distinct from v.contour or c.contour_source is distinct from ${source})
        returning c.insee`,
  );
  const hadContour = new Set(known.filter((c) => c.hasContour).map((c) => c.insee));
  const created = changed.filter((r) => !hadContour.has(r.insee)).length;
  if (changed.length > 0) {
    await recordAudit(db, {
      territoryId,
      actor,
      action: "communes.contours.import",
      entityType: "territory",
      entityId: territoryId,
      details: { source, imported: rows.length, changed: changed.length, unmatched: match.unmatched.length, rejected: parsed.errors.length },
    });
  }
  return { ...report, imported: rows.length, created, updated: changed.length - created };
}
