// Demonstration schools of the demo territory: eight fictitious schools (UAIs 07999xx with a valid check letter,
// names ending in "(démo)") in communes of the four former intercommunalities, their classes and an inventory
// whose gaps differ from one former intercommunality to another. Schools and items are flagged demo; dates are
// fixed, and every write is an upsert, so seeding again changes nothing.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { equipmentItems, schoolReferents, schools, users } from "../../db/schema/index.js";
import { CATEGORY_LABELS, type EquipmentCategory, type ItemState } from "../schools/domain/categories.js";
import { upsertClasses, upsertItems, upsertSchools, type ItemInput } from "../schools/schools-import.commands.js";
import { schoolDirectory } from "../schools/schools.queries.js";

/** How well a school is equipped: shares of classes with a display and a teacher laptop, and the rest. */
type Profile = { display: number; laptop: number; mobiles: number; direction: boolean; printer: boolean; wifi: boolean; boughtIn: number; broken: number };

type DemoSchool = {
  uai: string;
  name: string;
  kind: "maternelle" | "elementaire" | "primaire";
  insee: string;
  address: string;
  pupils: number;
  headTeacher: string;
  fibre: boolean;
  classes: { name: string; levels: string[]; pupils: number }[];
  profile: Profile;
};

const cls = (name: string, levels: string[], pupils: number) => ({ name, levels, pupils });

// Former CC de Parthenay: well equipped. Pays Ménigoutais: no shared mobile devices, little Wi-Fi.
// Pays Thénezéen: old projectors past their end of life, displays missing. Pays Sud-Gâtine: teacher laptops and printers missing.
const demoSchools: DemoSchool[] = [
  { uai: "0799901H", name: "École élémentaire Jules Ferry (démo)", kind: "elementaire", insee: "79202", address: "12 rue Jules Ferry, 79200 Parthenay", pupils: 142, headTeacher: "Mme Martin (démo)", fibre: true,
    classes: [cls("CP", ["CP"], 24), cls("CE1", ["CE1"], 23), cls("CE2", ["CE2"], 25), cls("CM1", ["CM1"], 24), cls("CM2", ["CM2"], 23), cls("CE2-CM1", ["CE2", "CM1"], 23)],
    profile: { display: 1, laptop: 1, mobiles: 24, direction: true, printer: true, wifi: true, boughtIn: 2021, broken: 1 } },
  { uai: "0799902J", name: "École primaire du Thouet (démo)", kind: "primaire", insee: "79080", address: "3 place de l'Église, 79200 Châtillon-sur-Thouet", pupils: 96, headTeacher: "M. Bernard (démo)", fibre: true,
    classes: [cls("PS-MS", ["PS", "MS"], 24), cls("GS-CP", ["GS", "CP"], 23), cls("CE1-CE2", ["CE1", "CE2"], 25), cls("CM1-CM2", ["CM1", "CM2"], 24)],
    profile: { display: 1, laptop: 0.75, mobiles: 12, direction: true, printer: true, wifi: true, boughtIn: 2022, broken: 0 } },
  { uai: "0799903K", name: "École primaire de Ménigoute (démo)", kind: "primaire", insee: "79176", address: "1 rue des Écoles, 79340 Ménigoute", pupils: 61, headTeacher: "Mme Petit (démo)", fibre: false,
    classes: [cls("Maternelle", ["PS", "MS", "GS"], 20), cls("CP-CE1-CE2", ["CP", "CE1", "CE2"], 21), cls("CM1-CM2", ["CM1", "CM2"], 20)],
    profile: { display: 0.67, laptop: 1, mobiles: 0, direction: true, printer: true, wifi: false, boughtIn: 2019, broken: 1 } },
  { uai: "0799904L", name: "École élémentaire de Vasles (démo)", kind: "elementaire", insee: "79339", address: "8 route de Ménigoute, 79340 Vasles", pupils: 88, headTeacher: "M. Robin (démo)", fibre: false,
    classes: [cls("CP", ["CP"], 22), cls("CE1-CE2", ["CE1", "CE2"], 23), cls("CE2-CM1", ["CE2", "CM1"], 21), cls("CM2", ["CM2"], 22)],
    profile: { display: 0.75, laptop: 0.75, mobiles: 4, direction: true, printer: false, wifi: false, boughtIn: 2018, broken: 0 } },
  { uai: "0799905M", name: "École primaire de Thénezay (démo)", kind: "primaire", insee: "79326", address: "2 rue du Stade, 79390 Thénezay", pupils: 84, headTeacher: "Mme Garnier (démo)", fibre: true,
    classes: [cls("PS-MS-GS", ["PS", "MS", "GS"], 21), cls("CP-CE1", ["CP", "CE1"], 22), cls("CE2-CM1", ["CE2", "CM1"], 20), cls("CM1-CM2", ["CM1", "CM2"], 21)],
    profile: { display: 0.5, laptop: 1, mobiles: 12, direction: true, printer: true, wifi: true, boughtIn: 2013, broken: 2 } },
  { uai: "0799906N", name: "École de Doux (démo)", kind: "primaire", insee: "79108", address: "Le Bourg, 79390 Doux", pupils: 34, headTeacher: "M. Faure (démo)", fibre: false,
    classes: [cls("Maternelle-CP", ["PS", "MS", "GS", "CP"], 17), cls("CE1-CM2", ["CE1", "CE2", "CM1", "CM2"], 17)],
    profile: { display: 0, laptop: 0.5, mobiles: 6, direction: true, printer: false, wifi: true, boughtIn: 2014, broken: 0 } },
  { uai: "0799907P", name: "École élémentaire de Secondigny (démo)", kind: "elementaire", insee: "79311", address: "5 rue de la Mairie, 79130 Secondigny", pupils: 117, headTeacher: "Mme Moreau (démo)", fibre: true,
    classes: [cls("CP", ["CP"], 24), cls("CE1", ["CE1"], 23), cls("CE2", ["CE2"], 24), cls("CM1", ["CM1"], 23), cls("CM2", ["CM2"], 23)],
    profile: { display: 1, laptop: 0.4, mobiles: 24, direction: false, printer: false, wifi: true, boughtIn: 2020, broken: 1 } },
  { uai: "0799908R", name: "École primaire de Saint-Aubin-le-Cloud (démo)", kind: "primaire", insee: "79239", address: "14 rue du Château d'Eau, 79450 Saint-Aubin-le-Cloud", pupils: 70, headTeacher: "M. Lefebvre (démo)", fibre: false,
    classes: [cls("PS-MS-GS", ["PS", "MS", "GS"], 23), cls("CP-CE1", ["CP", "CE1"], 24), cls("CE2-CM1-CM2", ["CE2", "CM1", "CM2"], 23)],
    profile: { display: 1, laptop: 0.34, mobiles: 12, direction: true, printer: false, wifi: true, boughtIn: 2020, broken: 0 } },
];

/** The inventory of one demo school, from its profile (fixed dates, numbered DEMO-<uai>-NNN). */
function demoItems(school: DemoSchool, schoolId: number, classIds: Map<string, number>): ItemInput[] {
  const p = school.profile;
  const items: ItemInput[] = [];
  const add = (category: EquipmentCategory, className: string | null, year: number, costCents: number, state: ItemState = "en_service") => {
    const n = items.length + 1;
    items.push({
      inventoryNumber: `DEMO-${school.uai}-${String(n).padStart(3, "0")}`,
      schoolId,
      classId: className === null ? null : (classIds.get(className.toLowerCase()) ?? null),
      category,
      model: `${CATEGORY_LABELS[category]} de démonstration`,
      acquisitionDate: `${year}-09-0${1 + (n % 9)}`,
      costCents,
      fundingSource: year >= 2021 ? "Socle numérique 2021 (démo)" : "Budget communal (démo)",
      warrantyEnd: `${year + 3}-09-01`,
      state,
    });
  };
  school.classes.forEach((c, i) => {
    if (i < Math.round(p.display * school.classes.length)) add(i % 2 === 0 ? "ecran_interactif" : "videoprojecteur_interactif", c.name, p.boughtIn, 289_000);
    if (i < Math.round(p.laptop * school.classes.length)) add("ordinateur_portable_enseignant", c.name, p.boughtIn + 1, 79_000);
  });
  for (let i = 0; i < p.mobiles; i += 1) add(i % 3 === 0 ? "ordinateur_eleve" : "tablette", null, p.boughtIn, 39_000);
  if (p.mobiles > 0) add("valise_rechargement", null, p.boughtIn, 120_000);
  if (p.direction) add("ordinateur_direction", null, p.boughtIn - 1, 89_000);
  if (p.printer) add("imprimante_reseau", null, p.boughtIn - 2, 65_000);
  if (p.wifi) add("point_acces_wifi", null, p.boughtIn, 25_000);
  add("visualiseur", school.classes[0]?.name ?? null, p.boughtIn, 18_000);
  // Some items break: the first ones in the list (a display or a laptop), and an old projector kept in reserve.
  for (let i = 0; i < p.broken && i < items.length; i += 1) items[i]!.state = "en_panne";
  if (p.boughtIn < 2016) add("videoprojecteur", null, p.boughtIn - 4, 90_000, "reforme");
  return items;
}

/** Creates or refreshes the demo schools, classes and inventory of the demo territory. Idempotent. */
export async function seedDemoSchools(tx: Tx, { territoryId, referentEmail, now }: { territoryId: number; referentEmail: string; now: Date }): Promise<void> {
  await upsertSchools(tx, {
    territoryId,
    demo: true,
    rows: demoSchools.map((s) => ({ uai: s.uai, name: s.name, kind: s.kind, communeInsee: s.insee, address: s.address, pupils: s.pupils, latitude: null, longitude: null })),
  });
  for (const s of demoSchools) {
    await tx
      .update(schools)
      .set({ headTeacher: s.headTeacher, fibre: s.fibre, teachers: s.classes.length, demo: true })
      .where(and(eq(schools.territoryId, territoryId), eq(schools.uai, s.uai), sql`(${schools.headTeacher}, ${schools.fibre}, ${schools.teachers}) is distinct from (${s.headTeacher}, ${s.fibre}, ${s.classes.length})`));
  }
  let directory = await schoolDirectory(tx, { territoryId });
  const rows = demoSchools.flatMap((s) => s.classes.map((c) => ({ schoolId: directory.get(s.uai)!.id, name: c.name, levels: c.levels, pupils: c.pupils })));
  await upsertClasses(tx, { territoryId, rows });
  directory = await schoolDirectory(tx, { territoryId });
  const items = demoSchools.flatMap((s) => {
    const entry = directory.get(s.uai)!;
    return demoItems(s, entry.id, new Map([...entry.classes].map(([key, c]) => [key, c.id])));
  });
  await upsertItems(tx, { territoryId, rows: items, actorLabel: "données de démonstration", at: now, filename: null, source: "demo", demo: true });
  const demoIds = demoSchools.map((s) => directory.get(s.uai)!.id);
  await tx.update(equipmentItems).set({ demo: true }).where(and(eq(equipmentItems.territoryId, territoryId), inArray(equipmentItems.schoolId, demoIds), eq(equipmentItems.demo, false)));
  const [referent] = await tx.select({ id: users.id }).from(users).where(eq(users.email, referentEmail));
  if (referent) await tx.insert(schoolReferents).values({ territoryId, schoolId: demoIds[0]!, userId: referent.id }).onConflictDoNothing();
}
