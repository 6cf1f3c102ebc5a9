// A year of use for the demo territory, so that decision-makers see what twelve months of Maillage look like:
// accompaniment records (walk-ins, phone calls, workshops) over the past year with seasons and holidays, teacher
// training sessions with registrations and attendance, and the plan's unit prices and co-funding programme.
// Every row is marked demo; the values are invented but in the ranges such places and schools report.
import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { activities, schoolSettings, schools, trainingRegistrations, trainingSessions } from "../../db/schema/index.js";
import { addDays, isoWeekday, parisToInstant, type LocalDate } from "../../lib/paris-time.js";
import { checkParticipants } from "../activity/domain/activity-rules.js";
import type { CofundingRule, UnitPriceCatalogue } from "../schools/domain/plan.js";

/** A small deterministic generator (the demo is the same at each seeding). */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const pick = <T>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)]!;

const COMMUNES = ["79202", "79202", "79202", "79080", "79311", "79326", "79176", "79213", "79329"];
const INDIVIDUAL_THEMES: readonly (readonly string[])[] = [
  ["Aide aux démarches administratives"],
  ["Aide aux démarches administratives"],
  ["Aide aux démarches administratives", "E-mail"],
  ["Prendre en main du matériel"],
  ["E-mail"],
  ["Navigation sur internet"],
  ["Banque et achats en ligne"],
  ["Santé"],
  ["Prévention en sécurité numérique"],
  ["Gérer ses contenus numériques"],
];
const WORKSHOPS: readonly { themes: string[]; level: string }[] = [
  { themes: ["Prendre en main du matériel"], level: "Débutant" },
  { themes: ["Prévention en sécurité numérique"], level: "Débutant" },
  { themes: ["Navigation sur internet", "E-mail"], level: "Débutant" },
  { themes: ["Intelligence artificielle (IA)"], level: "Intermédiaire" },
  { themes: ["Parentalité", "Réseaux sociaux communication"], level: "Intermédiaire" },
];

/** Fewer visits in August and at Christmas, more at tax-return time (spring) and in autumn. */
function seasonWeight(day: LocalDate): number {
  const month = Number(day.slice(5, 7));
  if (month === 8) return 0.3;
  if (month === 12 && Number(day.slice(8, 10)) > 20) return 0.2;
  if (month === 4 || month === 5 || month === 10) return 1.3;
  return 1;
}

/** Accompaniment records without appointments over the 365 days before `today` (appointments have their own). */
export async function seedDemoRecords(tx: Tx, { territoryId, placeIds, mediatorIds, today }: { territoryId: number; placeIds: number[]; mediatorIds: number[]; today: LocalDate }): Promise<void> {
  const random = generator(79_202);
  // Per place: its mediator and how many walk-ins or calls on an open weekday.
  const sites = [
    { place: placeIds[0]!, mediator: mediatorIds[1]!, perDay: 3.2 },
    { place: placeIds[1]!, mediator: mediatorIds[0]!, perDay: 1.2 },
    { place: placeIds[2]!, mediator: mediatorIds[2]!, perDay: 0.8 },
    { place: placeIds[3]!, mediator: mediatorIds[3]!, perDay: 0.6 },
  ];
  const rows: (typeof activities.$inferInsert)[] = [];
  for (let offset = -365; offset < 0; offset++) {
    const day = addDays(today, offset);
    const weekday = isoWeekday(day);
    if (weekday > 5) continue;
    for (const site of sites) {
      const expected = site.perDay * seasonWeight(day);
      const count = Math.floor(expected + random());
      for (let i = 0; i < count; i++) {
        const themes = pick(random, INDIVIDUAL_THEMES);
        const byPhone = random() < 0.15;
        rows.push({
          territoryId,
          placeId: byPhone ? null : site.place,
          mediatorId: site.mediator,
          kind: "individuel",
          day,
          durationMinutes: pick(random, [15, 30, 30, 45, 45, 60]),
          locationKind: byPhone ? "À distance" : "Lieu d'activité",
          thematiques: [...themes],
          sousThematiques: themes.includes("Aide aux démarches administratives") ? [pick(random, ["Argent - Impôts", "Social - Santé", "Transports - Mobilité", "Papiers - Élections - Citoyenneté", "Travail - Formation"])] : [],
          materiel: byPhone ? ["Pas de matériel"] : [pick(random, ["Ordinateur", "Téléphone", "Téléphone", "Tablette"])],
          autonomie: pick(random, ["Avec guidage", "Autonome avec guidage en cas de besoin", "Autonome"]),
          orientation: random() < 0.1 ? pick(random, ["Administration (mairie, préfecture…)", "Aide sociale (maison des solidarités, centre social…)", "Insertion professionnelle (France Travail, mission locale…)"]) : null,
          communeInsee: random() < 0.85 ? pick(random, COMMUNES) : null,
          firstVisit: random() < 0.4,
          demo: true,
        });
      }
    }
    // A workshop at the médiathèque every other Wednesday, one at France Services on the first Tuesday of a month.
    const workshopHere = (weekday === 3 && Math.floor((offset + 365) / 7) % 2 === 0 && { place: placeIds[1]!, mediator: mediatorIds[0]! }) || (weekday === 2 && Number(day.slice(8, 10)) <= 7 && { place: placeIds[0]!, mediator: mediatorIds[1]! });
    if (workshopHere && seasonWeight(day) >= 1) {
      const workshop = pick(random, WORKSHOPS);
      const total = 4 + Math.floor(random() * 9);
      const women = Math.floor(total * (0.45 + random() * 0.3));
      const participants = checkParticipants({ total: String(total), genreFeminin: String(women), genreMasculin: String(total - women), dejaAccompagne: String(Math.floor(total / 3)) }, {});
      rows.push({
        territoryId,
        placeId: workshopHere.place,
        mediatorId: workshopHere.mediator,
        kind: "collectif",
        day,
        durationMinutes: 120,
        locationKind: "Lieu d'activité",
        thematiques: workshop.themes,
        materiel: ["Ordinateur", "Tablette"],
        niveau: workshop.level,
        participants,
        demo: true,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 500) await tx.insert(activities).values(rows.slice(i, i + 500));
}

/** Unit prices (cents, incl. tax) in the range of 2025 public purchasing, and one co-funding programme. */
const DEMO_PRICES: UnitPriceCatalogue = {
  ecran_interactif: 390_000,
  videoprojecteur_interactif: 210_000,
  videoprojecteur: 80_000,
  ordinateur_portable_enseignant: 85_000,
  ordinateur_direction: 95_000,
  ordinateur_eleve: 60_000,
  tablette: 42_000,
  visualiseur: 15_000,
  imprimante_reseau: 45_000,
  point_acces_wifi: 35_000,
  valise_rechargement: 160_000,
  autre: 20_000,
};

function demoCofunding(year: number): CofundingRule[] {
  return [
    {
      programme: "Programme d'équipement des écoles (démonstration : taux et plafond fictifs)",
      rate: 0.5,
      capCents: 700_000,
      eligibleCategories: ["ecran_interactif", "videoprojecteur_interactif", "ordinateur_portable_enseignant", "visualiseur", "tablette"],
      years: [year, year + 1, year + 2],
    },
  ];
}

/** The territory's plan settings, unless it has its own already. */
export async function seedDemoPlanSettings(tx: Tx, { territoryId, year }: { territoryId: number; year: number }): Promise<void> {
  await tx.insert(schoolSettings).values({ territoryId, unitPrices: DEMO_PRICES, cofunding: demoCofunding(year) }).onConflictDoNothing();
}

const TEACHERS = ["Claire Dubois", "Julien Martin", "Amélie Petit", "Nicolas Robert", "Sandrine Richard", "Olivier Durand", "Émilie Leroy", "Sébastien Morel", "Aurélie Simon", "Fabrice Laurent", "Hélène Michel", "Mathieu Garcia"];

/** Teacher training sessions over the past year and the coming months, with registrations (and attendance when past). */
export async function seedDemoTraining(tx: Tx, { territoryId, today }: { territoryId: number; today: LocalDate }): Promise<void> {
  const [existing] = await tx.select({ id: trainingSessions.id }).from(trainingSessions).where(eq(trainingSessions.territoryId, territoryId)).limit(1);
  if (existing) return;
  const schoolIds = (await tx.select({ id: schools.id }).from(schools).where(eq(schools.territoryId, territoryId)).orderBy(schools.id)).map((s) => s.id);
  if (schoolIds.length === 0) return;
  const random = generator(79_191);
  const specs = [
    { offset: -300, title: "Prendre en main l'écran numérique interactif (démo)", categories: ["ecran_interactif"] },
    { offset: -230, title: "Tablettes en classe : usages en cycle 2 (démo)", categories: ["tablette"] },
    { offset: -160, title: "Le visualiseur au quotidien (démo)", categories: ["visualiseur"] },
    { offset: -90, title: "Éducation aux médias et à l'information (démo)", categories: [] },
    { offset: -30, title: "Prendre en main l'écran numérique interactif (démo)", categories: ["ecran_interactif"] },
    { offset: 21, title: "Intelligence artificielle : ce qu'elle change en classe (démo)", categories: [] },
    { offset: 49, title: "Tablettes en classe : usages en cycle 3 (démo)", categories: ["tablette"] },
  ];
  for (const spec of specs) {
    let day = addDays(today, spec.offset);
    while (isoWeekday(day) !== 3) day = addDays(day, 1);
    const [session] = await tx
      .insert(trainingSessions)
      .values({
        territoryId,
        title: spec.title,
        categories: spec.categories,
        startsAt: new Date(parisToInstant(day, "09:00")),
        endsAt: new Date(parisToInstant(day, "12:00")),
        place: "Salle du conseil, Maison de l'intercommunalité, Parthenay (démo)",
        trainer: "Conseillère pédagogique numérique de la circonscription (démo)",
        capacity: 16,
        demo: true,
      })
      .returning({ id: trainingSessions.id });
    const past = spec.offset < 0;
    const count = past ? 8 + Math.floor(random() * 7) : 3 + Math.floor(random() * 5);
    const registrations = Array.from({ length: count }, (_, i) => {
      const teacher = TEACHERS[(i + spec.offset + 400) % TEACHERS.length]!;
      return {
        territoryId,
        sessionId: session!.id,
        schoolId: schoolIds[(i * 3 + spec.offset + 700) % schoolIds.length]!,
        teacherName: `${teacher} (démo)`,
        teacherEmail: `${teacher.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/ /g, ".")}@ecole.demo.maillage.test`,
        attended: past ? random() < 0.85 : null,
      };
    });
    await tx.insert(trainingRegistrations).values(registrations).onConflictDoNothing();
  }
}
