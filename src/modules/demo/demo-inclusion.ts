// Demonstration data of the inclusion module for the demo territory: places, mediators, plages, motifs,
// appointments and accompaniment records. Every row is flagged demo and every place says so in its text.
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { seedDemoRecords } from "./demo-year.js";
import { activities, appointments, mediatorPlaces, mediators, memberships, motifs, places, plages, users } from "../../db/schema/index.js";
import { addDays, parisDateOf, parisToInstant } from "../../lib/paris-time.js";
import type { LieuRecord } from "../places/import-export/lieu-record.js";
import { searchColumns } from "../places/places.commands.js";
import { DEMO_EMAIL_DOMAIN } from "./demo.seed.js";

type DemoPlace = { key: string; nom: string; commune: string; insee: string; cp: string; adresse: string; lat: number; lon: number; typologie: string; horaires: string; services: string[]; programmes?: string[]; specifique?: string[] };

const demoPlaces: DemoPlace[] = [
  { key: "fs-parthenay", nom: "France Services de Parthenay (démo)", commune: "Parthenay", insee: "79202", cp: "79200", adresse: "2 rue de la Citadelle", lat: 46.6486, lon: -0.2478, typologie: "RFS", horaires: "Mo-Fr 09:00-12:30,13:30-17:30; Sa 09:00-12:00", services: ["Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien", "Accès internet et matériel informatique"], programmes: ["France Services", "Conseillers numériques"], specifique: ["Surdité", "Illettrisme"] },
  { key: "mediatheque", nom: "Médiathèque de Parthenay-Gâtine (démo)", commune: "Parthenay", insee: "79202", cp: "79200", adresse: "1 rue Jean Macé", lat: 46.6502, lon: -0.2455, typologie: "BIB", horaires: "Tu,Th 14:00-18:00; We,Sa 10:00-12:30,14:00-18:00", services: ["Maîtrise des outils numériques du quotidien", "Loisirs et créations numériques", "Compréhension du monde numérique"], programmes: ["Conseillers numériques"] },
  { key: "mairie-secondigny", nom: "Mairie de Secondigny (démo)", commune: "Secondigny", insee: "79311", cp: "79130", adresse: "Place de l'Église", lat: 46.6106, lon: -0.4142, typologie: "MUNI", horaires: "Mo-Fr 09:00-12:00; We 14:00-17:00", services: ["Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"] },
  { key: "mairie-thenezay", nom: "Mairie de Thénezay (démo)", commune: "Thénezay", insee: "79326", cp: "79390", adresse: "1 place du Centre", lat: 46.7186, lon: -0.0283, typologie: "MUNI", horaires: "Mo,Th 09:00-12:00; Fr 14:00-17:00", services: ["Aide aux démarches administratives"] },
  { key: "epn-menigoute", nom: "Espace numérique de Ménigoute (démo)", commune: "Ménigoute", insee: "79176", cp: "79340", adresse: "5 rue du Château", lat: 46.4997, lon: -0.0567, typologie: "EPN", horaires: "We 09:00-12:00,14:00-18:00; Sa 09:00-12:00", services: ["Maîtrise des outils numériques du quotidien", "Utilisation sécurisée du numérique", "Parentalité et éducation avec le numérique"] },
];

function recordOf(p: DemoPlace, i: number): LieuRecord {
  return {
    id: `demo-parthenay-gatine-${p.key}`,
    pivot: `2000413330${String(10 + i).padStart(4, "0")}`,
    nom: p.nom,
    commune: p.commune,
    code_postal: p.cp,
    code_insee: p.insee,
    adresse: p.adresse,
    latitude: p.lat,
    longitude: p.lon,
    typologie: [p.typologie],
    telephone: `+3354994${String(1000 + i * 111).slice(0, 4)}`,
    horaires: p.horaires,
    presentation_resume: "Lieu de démonstration : les informations sont fictives.",
    source: "maillage-demo",
    date_maj: "2026-11-01",
    services: p.services,
    frais_a_charge: ["Gratuit"],
    modalites_acces: ["Se présenter", "Téléphoner", "Prendre un RDV en ligne"],
    modalites_accompagnement: ["Accompagnement individuel"],
    ...(p.programmes ? { dispositif_programmes_nationaux: p.programmes } : {}),
    ...(p.specifique ? { prise_en_charge_specifique: p.specifique } : {}),
  } as LieuRecord;
}

const firstNames = ["Josiane", "Marcel", "Yvette", "Karim", "Sophie", "Gérard", "Nadia", "Paulette", "Thierry", "Ginette"];
const lastNames = ["Bernard", "Moreau", "Girard", "Roux", "Fournier", "Bonnet", "Fontaine", "Chevalier"];

/** Creates the demo inclusion data once (skipped when the demo territory already has places). */
export async function seedDemoInclusion(tx: Tx, { territoryId, now }: { territoryId: number; now: Date }): Promise<void> {
  const [existing] = await tx.select({ n: sql<number>`count(*)::int` }).from(places).where(eq(places.territoryId, territoryId));
  if ((existing?.n ?? 0) > 0) return;
  const placeIds: number[] = [];
  for (const [i, p] of demoPlaces.entries()) {
    const record = recordOf(p, i);
    const [row] = await tx
      .insert(places)
      .values({ territoryId, ...searchColumns(record), demo: true })
      .returning({ id: places.id });
    placeIds.push(row!.id);
  }
  const [mediationUser] = await tx.select({ id: users.id }).from(users).innerJoin(memberships, eq(memberships.userId, users.id)).where(and(eq(users.email, `mediation@${DEMO_EMAIL_DOMAIN}`), eq(memberships.territoryId, territoryId)));
  const mediatorSpecs = [
    { name: "Sacha Médiateur (démo)", userId: mediationUser?.id ?? null, places: [0, 1] },
    { name: "Léa Conseillère numérique (démo)", userId: null, places: [0, 4] },
    { name: "Agent d'accueil de Secondigny (démo)", userId: null, places: [2] },
    { name: "Secrétaire de mairie de Thénezay (démo)", userId: null, places: [3] },
  ];
  const mediatorIds: number[] = [];
  for (const m of mediatorSpecs) {
    const [row] = await tx.insert(mediators).values({ territoryId, name: m.name, userId: m.userId, demo: true }).returning({ id: mediators.id });
    mediatorIds.push(row!.id);
    await tx.insert(mediatorPlaces).values(m.places.map((i) => ({ territoryId, mediatorId: row!.id, placeId: placeIds[i]! })));
  }
  const validFrom = addDays(parisDateOf(now.getTime()), -60);
  const plageSpecs = [
    { m: 0, p: 0, weekdays: [1, 2, 4], start: "09:00", end: "12:00" },
    { m: 0, p: 1, weekdays: [3], start: "14:00", end: "17:30" },
    { m: 1, p: 0, weekdays: [1, 2, 3, 4, 5], start: "14:00", end: "17:00" },
    { m: 1, p: 4, weekdays: [3, 6], start: "09:00", end: "12:00" },
    { m: 2, p: 2, weekdays: [2, 5], start: "09:00", end: "12:00" },
    { m: 3, p: 3, weekdays: [1, 4], start: "09:30", end: "11:30" },
  ];
  for (const s of plageSpecs) {
    await tx.insert(plages).values({ territoryId, mediatorId: mediatorIds[s.m]!, placeId: placeIds[s.p]!, weekdays: s.weekdays, startTime: s.start, endTime: s.end, validFrom });
  }
  const motifRows = await tx
    .insert(motifs)
    .values([
      { territoryId, name: "Faire une démarche en ligne (impôts, CAF, carte grise…)", service: "Aide aux démarches administratives", durationMinutes: 45, whatToBring: "Vos identifiants, vos papiers d'identité et les documents de la démarche." },
      { territoryId, name: "Apprendre à me servir de mon téléphone ou de mon ordinateur", service: "Maîtrise des outils numériques du quotidien", durationMinutes: 60, whatToBring: "Votre téléphone ou votre ordinateur portable, chargé." },
      { territoryId, name: "Suivi par un agent (réservé aux agents)", service: "Aide aux démarches administratives", durationMinutes: 30, bookableBy: "agents" },
    ])
    .returning({ id: motifs.id });
  // Past appointments with outcomes and records, upcoming ones to see in the agenda.
  const today = parisDateOf(now.getTime());
  let n = 0;
  for (let day = -28; day <= 14; day++) {
    const date = addDays(today, day);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (const hour of ["09:00", "10:00", "11:00"]) {
      if ((n++ * 7) % 3 === 0) continue;
      const m = n % 2;
      const startsAt = new Date(parisToInstant(date, hour));
      const past = day < 0;
      const status = past ? (n % 5 === 0 ? "absent" : "honore") : "a_venir";
      const motifIndex = n % 2;
      const [appointment] = await tx
        .insert(appointments)
        .values({
          territoryId,
          placeId: placeIds[0]!,
          mediatorId: mediatorIds[m]!,
          motifId: motifRows[motifIndex]!.id,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 45 * 60_000),
          status,
          firstName: firstNames[n % firstNames.length]!,
          lastName: `${lastNames[n % lastNames.length]!} (démo)`,
          phone: `06 00 00 ${String(10 + (n % 90)).padStart(2, "0")} ${String(10 + ((n * 7) % 90)).padStart(2, "0")}`,
          noEmail: true,
          communeInsee: ["79202", "79080", "79311", "79326", "79176"][n % 5]!,
          bookedBy: n % 3 === 0 ? "agent" : "citizen",
          demo: true,
          createdAt: new Date(startsAt.getTime() - 7 * 86_400_000),
        })
        .returning({ id: appointments.id });
      if (status === "honore") {
        await tx.insert(activities).values({
          territoryId,
          placeId: placeIds[0]!,
          mediatorId: mediatorIds[m]!,
          appointmentId: appointment!.id,
          kind: "individuel",
          day: date,
          durationMinutes: 45,
          locationKind: "Lieu d'activité",
          thematiques: motifIndex === 0 ? ["Aide aux démarches administratives"] : ["Prendre en main du matériel", "E-mail"],
          sousThematiques: motifIndex === 0 ? [["Argent - Impôts", "Social - Santé", "Transports - Mobilité", "Papiers - Élections - Citoyenneté"][n % 4]!] : [],
          materiel: [["Ordinateur", "Téléphone", "Tablette"][n % 3]!],
          autonomie: ["Avec guidage", "Autonome avec guidage en cas de besoin", "Autonome"][n % 3]!,
          communeInsee: ["79202", "79080", "79311", "79326", "79176"][n % 5]!,
          firstVisit: n % 4 === 0,
          demo: true,
        });
      }
    }
  }
  await seedDemoRecords(tx, { territoryId, placeIds, mediatorIds, today });
}
