// The demonstration territory (CC de Parthenay-Gâtine) with demo accounts. Everything here is labelled demo.
import { DEMO_LINK_HOURS } from "../accounts/link-durations.js";
import fs from "node:fs";
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { communes, memberships, territories, users, type TerritoryRole } from "../../db/schema/index.js";
import { cliActor } from "../audit/audit.commands.js";
import { createLoginToken, ensureUser } from "../accounts/sign-in.commands.js";
import { findEpci } from "../territories/geography.js";
import { importContours } from "../territories/contours.commands.js";
import { createTerritory, saveCommuneGroup } from "../territories/territories.commands.js";
import { listCommuneGroups } from "../territories/territories.queries.js";
import { seedDemoInclusion } from "./demo-inclusion.js";
import { seedDemoSchools } from "./demo-schools.js";
import { parisDateOf } from "../../lib/paris-time.js";
import { seedDemoObservatory } from "./demo-observatory.js";
import { seedDemoPlanSettings, seedDemoTraining } from "./demo-year.js";
import { seedDemoNetwork } from "./demo-network.js";

export const DEMO_EPCI = "200041333";
export const DEMO_EMAIL_DOMAIN = "demo.maillage.invalid";
/** The demo network's partner (a ministry, demonstration): no territory, so not among the territory accounts. */
export const DEMO_PARTNER_EMAIL = `partenaire@${DEMO_EMAIL_DOMAIN}`;

/** Demo accounts: one per role, plus an operator. */
export const demoAccounts: { email: string; name: string; roles: TerritoryRole[]; operator?: boolean }[] = [
  { email: `admin@${DEMO_EMAIL_DOMAIN}`, name: "Camille Administratrice (démo)", roles: ["admin"], operator: true },
  { email: `coordination@${DEMO_EMAIL_DOMAIN}`, name: "Dominique Coordination (démo)", roles: ["coordinator"] },
  { email: `mediation@${DEMO_EMAIL_DOMAIN}`, name: "Sacha Médiateur (démo)", roles: ["mediator"] },
  { email: `ecole@${DEMO_EMAIL_DOMAIN}`, name: "Alix Directrice d'école (démo)", roles: ["school_referent"] },
  { email: `elu@${DEMO_EMAIL_DOMAIN}`, name: "Claude Élu (démo)", roles: ["elected"] },
];

/**
 * The four former intercommunalities merged in 2014, as groups of communes. The split below is indicative,
 * for demonstration only: a real territory enters its own groups.
 */
const demoGroups: { name: string; insee: string[] }[] = [
  { name: "Ancienne CC de Parthenay (démo)", insee: ["79202", "79080", "79213", "79322", "79347", "79118", "79071", "79002", "79008"] },
  { name: "Ancienne CC du Pays Ménigoutais (démo)", insee: ["79176", "79339", "79225", "79340", "79256", "79278", "79341", "79121", "79124"] },
  { name: "Ancienne CC du Pays Thénezéen (démo)", insee: ["79326", "79108", "79306", "79120", "79218", "79149", "79197", "79019", "79208", "79135", "79145"] },
  { name: "Ancienne CC du Pays Sud-Gâtine (démo)", insee: ["79311", "79239", "79025", "79007", "79342", "79105", "79255", "79215", "79226"] },
];

/** The real outlines of the 38 communes (IGN GEOFLA 2016, Licence Ouverte: see data/README.md). */
const DEMO_CONTOURS = new URL("./data/contours-parthenay-gatine.geojson", import.meta.url);
export const DEMO_CONTOURS_SOURCE = "IGN – GEOFLA 2016";

export type DemoSeedResult = { territoryId: number; code: string; created: boolean };

/** Creates (or refreshes) the demo territory, its groups and its accounts. Idempotent. */
export async function seedDemo(db: Db, now: Date): Promise<DemoSeedResult> {
  const geo = findEpci(DEMO_EPCI);
  if (!geo) throw new Error(`EPCI ${DEMO_EPCI} is missing from the official geography`);
  const result = await db.transaction(async (tx) => {
    const territory = await createTerritory(tx, { geo, actor: cliActor(now), demo: true });
    await tx.update(territories).set({ demo: true }).where(eq(territories.id, territory.id));
    const contours = await importContours(tx, { territoryId: territory.id, text: fs.readFileSync(DEMO_CONTOURS, "utf8"), source: DEMO_CONTOURS_SOURCE, actor: cliActor(now) });
    if (contours.imported !== geo.communes.length) throw new Error(`Demo contours: ${contours.imported} of ${geo.communes.length} communes imported`);
    const existingGroups = await listCommuneGroups(tx, { territoryId: territory.id });
    if (existingGroups.length === 0) {
      const rows = await tx.select({ id: communes.id, insee: communes.insee }).from(communes).where(eq(communes.territoryId, territory.id));
      const idOf = new Map(rows.map((r) => [r.insee, r.id]));
      for (const group of demoGroups) {
        await saveCommuneGroup(tx, {
          territoryId: territory.id,
          name: group.name,
          description: "Répartition indicative, données de démonstration.",
          communeIds: group.insee.map((c) => idOf.get(c)).filter((id): id is number => id !== undefined),
          actor: cliActor(now),
        });
      }
    }
    for (const account of demoAccounts) {
      const userId = await ensureUser(tx, { email: account.email, displayName: account.name, demo: true });
      await tx.update(users).set({ demo: true, isOperator: account.operator ?? false }).where(eq(users.id, userId));
      const [member] = await tx.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.territoryId, territory.id), eq(memberships.userId, userId)));
      if (!member) await tx.insert(memberships).values({ territoryId: territory.id, userId, roles: account.roles });
    }
    await seedDemoInclusion(tx, { territoryId: territory.id, now });
    await seedDemoSchools(tx, { territoryId: territory.id, referentEmail: `ecole@${DEMO_EMAIL_DOMAIN}`, now });
    await seedDemoPlanSettings(tx, { territoryId: territory.id, year: Number(parisDateOf(now.getTime()).slice(0, 4)) });
    await seedDemoTraining(tx, { territoryId: territory.id, today: parisDateOf(now.getTime()) });
    await seedDemoNetwork(tx, { territoryId: territory.id, code: territory.code, now, adminEmail: `admin@${DEMO_EMAIL_DOMAIN}`, electedEmail: `elu@${DEMO_EMAIL_DOMAIN}`, partnerEmail: DEMO_PARTNER_EMAIL });
    return { territoryId: territory.id, code: territory.code, created: territory.created };
  });
  // Imported through the real importers, which write in batches of their own transactions.
  await seedDemoObservatory(db, { territoryId: result.territoryId, code: result.code, now });
  return result;
}

/** One-click sign-in links for the demo accounts, valid DEMO_LINK_HOURS (demo only; real links last 15 minutes). */
export async function demoSignInLinks(db: Db, { publicUrl, now, territoryId }: { publicUrl: string; now: Date; territoryId: number }) {
  const links: { email: string; name: string; roles: TerritoryRole[]; url: string }[] = [];
  for (const account of demoAccounts) {
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, account.email));
    if (!user) continue;
    const token = await createLoginToken(db, { userId: user.id, purpose: "demo", territoryId, now, validMinutes: DEMO_LINK_HOURS * 60 });
    links.push({ email: account.email, name: account.name, roles: account.roles, url: `${publicUrl}/connexion/lien?jeton=${token}` });
  }
  // The network's partner (a ministry, demonstration): no territory, lands on the public network page.
  const [partner] = await db.select({ id: users.id, name: users.displayName }).from(users).where(eq(users.email, DEMO_PARTNER_EMAIL));
  if (partner) {
    const token = await createLoginToken(db, { userId: partner.id, purpose: "demo", now, validMinutes: DEMO_LINK_HOURS * 60 });
    links.push({ email: DEMO_PARTNER_EMAIL, name: partner.name, roles: [], url: `${publicUrl}/connexion/lien?jeton=${token}` });
  }
  return links;
}
