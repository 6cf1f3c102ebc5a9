// The demonstration network: six member territories of different kinds from the official geography, experience
// sheets, a past motion adopted and delivered with answers, this year's motion in its amendment phase. All of it
// is labelled as demonstration (titles, `demo` flags, the partner's institution). Written with the owner's
// connection, in one transaction; running the seed again changes nothing.
import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { consultationAnswers, consultationQuestions, consultations, experienceSheets, motionAmendments, motionAnswers, motionContributions, motionDeliveries, motionSections, motionVotes, motions, networkDelegates, users } from "../../db/schema/index.js";
import { cliActor } from "../audit/audit.commands.js";
import { ensureUser } from "../accounts/sign-in.commands.js";
import { createGroup } from "../network/groups-themes.js";
import { addPartner, joinNetwork } from "../network/network.commands.js";
import { adoptMotion } from "../network/motions.commands.js";
import { createConsultation } from "../network/consultations.js";
import { computeFigures } from "../network/sheet-figures.js";
import { findCommune, findDepartement, findEpci } from "../territories/geography.js";
import { createTerritory } from "../territories/territories.commands.js";

/** The other member territories: a city, an agglomeration, a metropolis, two rural intercommunalities, a département. */
const MEMBERS = [
  () => findCommune("79191"),
  () => findEpci("200041317"),
  () => findEpci("243300316"),
  () => findEpci("200069755"),
  () => findEpci("200041994"),
  () => findDepartement("23"),
];

type DemoSheet = { territory: number; title: string; summary: string; body: string; themes: string[]; year: number; budget: number | null; partners: string; results: string; lessons: string; visibility: "brouillon" | "reseau" | "public" };

const SHEETS: DemoSheet[] = [
  { territory: 0, title: "Des écoles numériques en milieu rural (démonstration)", summary: "Équiper les écoles élémentaires des 38 communes et former leurs enseignants, après la fusion de trois communautés de communes.", body: "Un inventaire par école, un socle commun d'équipement et un plan sur quatre ans pour harmoniser les écoles des anciennes communautés de communes.", themes: ["education"], year: 2025, budget: 420000, partners: "Académie de Poitiers, Département des Deux-Sèvres", results: "24 écoles au socle numérique de base, 60 enseignants formés.", lessons: "Associer plus tôt les directeurs et directrices d'école au choix des équipements.", visibility: "public" },
  { territory: 0, title: "Permanences de médiation numérique dans les mairies (démonstration)", summary: "Des conseillers numériques tiennent des permanences sur rendez-vous dans les mairies des communes rurales.", body: "Rendez-vous pris par téléphone ou en ligne, rappel par SMS, compte rendu d'accompagnement.", themes: ["mediation", "services-publics"], year: 2025, budget: 95000, partners: "France services, CAF", results: "1 500 accompagnements en un an.", lessons: "Prévoir des créneaux le samedi matin.", visibility: "reseau" },
  { territory: 1, title: "Un guichet numérique unique à l'hôtel de ville (démonstration)", summary: "Les démarches en ligne accompagnées au même guichet que l'état civil.", body: "Deux agents formés, des postes en libre accès et un écrivain public numérique.", themes: ["services-publics", "mediation"], year: 2024, budget: 60000, partners: "CCAS", results: "Attente divisée par deux.", lessons: "Former aussi les agents d'accueil.", visibility: "public" },
  { territory: 2, title: "Conseillers numériques itinérants en bus (démonstration)", summary: "Un bus équipé va chaque semaine dans les communes sans lieu de médiation.", body: "Le bus stationne sur la place du marché ; rendez-vous ou passage libre.", themes: ["mediation", "solidarites"], year: 2024, budget: 180000, partners: "Conseil départemental, La Poste", results: "35 communes desservies.", lessons: "Annoncer les passages par les bulletins municipaux.", visibility: "public" },
  { territory: 3, title: "Tiers-lieu numérique et fablab métropolitain (démonstration)", summary: "Un tiers-lieu ouvert aux habitants, aux écoles et aux entreprises.", body: "Ateliers de fabrication numérique, initiation au code pour les collégiens.", themes: ["innovation", "education"], year: 2023, budget: 750000, partners: "Région, université", results: "8 000 visiteurs par an.", lessons: "Penser l'accessibilité en transports dès l'ouverture.", visibility: "reseau" },
  { territory: 4, title: "Ateliers numériques pour les parents d'élèves (démonstration)", summary: "Utiliser l'espace numérique de travail et suivre la scolarité en ligne.", body: "Ateliers le soir dans les écoles, avec garde des enfants.", themes: ["education", "cohesion-sociale"], year: 2025, budget: 12000, partners: "Associations de parents d'élèves", results: "300 parents accompagnés.", lessons: "Proposer les ateliers en plusieurs langues.", visibility: "public" },
  { territory: 5, title: "Fibre et 4G : cartographier les zones blanches du département (démonstration)", summary: "Recenser commune par commune les locaux sans bon débit pour prioriser les déploiements.", body: "Croisement des données ouvertes de l'ARCEP et des signalements des mairies.", themes: ["connectivite"], year: 2024, budget: 40000, partners: "Syndicat mixte numérique", results: "Priorités de déploiement votées pour 2025-2027.", lessons: "Mettre les cartes à jour chaque trimestre.", visibility: "reseau" },
  { territory: 5, title: "Pass numériques pour les personnes âgées (démonstration)", summary: "Des chèques d'accompagnement distribués par les services sociaux.", body: "Carnets de 10 pass, utilisables dans les lieux labellisés.", themes: ["solidarites", "mediation"], year: 2023, budget: 100000, partners: "Caisses de retraite", results: "2 000 carnets distribués.", lessons: "Suivre l'usage réel des pass.", visibility: "brouillon" },
];

const PAST_PROPOSALS = [
  "Garantir à chaque école élémentaire le socle numérique de base d'ici 2028, avec un financement pluriannuel de l'État.",
  "Pérenniser le financement des conseillers numériques au-delà de trois ans.",
  "Associer les élus locaux à la stratégie nationale du numérique éducatif 2022-2027.",
];

/** Seeds the network around the demo territory (its admin is the facilitator and its delegate). */
export async function seedDemoNetwork(db: Executor, { territoryId, code, now, adminEmail, electedEmail, partnerEmail }: { territoryId: number; code: string; now: Date; adminEmail: string; electedEmail: string; partnerEmail: string }): Promise<void> {
  const actor = cliActor(now);
  const [existing] = await db.select({ id: motions.id }).from(motions).where(eq(motions.demo, true));
  const members: { id: number; code: string }[] = [{ id: territoryId, code }];
  for (const find of MEMBERS) {
    const geo = find();
    if (!geo) throw new Error("a demo network territory is missing from the official geography");
    const created = await createTerritory(db, { geo, actor, demo: true });
    members.push({ id: created.id, code: created.code });
  }
  for (const m of members) await joinNetwork(db, { territory: m, actor });
  if (existing) return;
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, adminEmail));
  const [elected] = await db.select({ id: users.id }).from(users).where(eq(users.email, electedEmail));
  await db.update(users).set({ isFacilitator: true }).where(eq(users.id, admin!.id));
  for (const userId of [admin!.id, elected!.id]) await db.insert(networkDelegates).values({ territoryId, userId, createdAt: now }).onConflictDoNothing();
  const partnerId = await ensureUser(db, { email: partnerEmail, displayName: "Dominique Partenaire (démo)", demo: true });
  await addPartner(db, { userId: partnerId, institution: "Ministère de l'Éducation nationale (démonstration)", actor });
  // A working group of half the members, animated by the demo administrator.
  await createGroup(db, {
    name: "Numérique éducatif (démonstration)",
    description: "Équiper les écoles de façon homogène et former les enseignants : ce que chaque territoire a essayé.",
    territoryIds: members.slice(0, 3).map((m) => m.id),
    facilitatorIds: [admin!.id],
    actor,
  });

  // The demo territory's sheets show its own figures (accompaniments, schools' equipment), as of the seed.
  const ownFigures = await computeFigures(db, { territoryId, keys: ["personnes_accompagnees", "ateliers", "harmonisation_ecoles"], now });
  for (const s of SHEETS) {
    await db.insert(experienceSheets).values({
      figures: s.territory === 0 ? ownFigures : [],
      territoryId: members[s.territory]!.id, title: s.title, summary: s.summary, body: s.body, themes: s.themes, year: s.year, budgetEuros: s.budget,
      partners: s.partners, results: s.results, lessons: s.lessons, contact: "contact@demo.maillage.invalid (démonstration)", visibility: s.visibility, demo: true,
      createdAt: now, updatedAt: now, sharedAt: s.visibility === "brouillon" ? null : now,
    });
  }

  const year = Number(now.toISOString().slice(0, 4));
  // Last year's motion: contributions, three proposals voted by five territories, adopted, delivered, answered.
  const [past] = await db.insert(motions).values({ title: `Motion des territoires pour le numérique ${year - 1} (démonstration)`, year: year - 1, phase: "vote", demo: true, createdAt: now }).returning({ id: motions.id });
  const contributionIds: number[] = [];
  for (const [i, m] of members.entries()) {
    const [c] = await db.insert(motionContributions).values({ motionId: past!.id, territoryId: m.id, theme: i % 2 === 0 ? "Éducation" : "Médiation numérique", body: `Contribution de démonstration n° ${i + 1}.`, createdAt: now }).returning({ id: motionContributions.id });
    contributionIds.push(c!.id);
  }
  await db.insert(motionSections).values({ motionId: past!.id, kind: "preambule", position: 1, body: "Les territoires réunis au sein du réseau portent auprès de l'État les propositions suivantes (texte de démonstration)." });
  await db.insert(motionSections).values({ motionId: past!.id, kind: "question", position: 2, title: "L'école et le numérique", body: "Comment garantir l'égalité des écoles devant le numérique ?" });
  const pastIds: number[] = [];
  for (const [i, body] of PAST_PROPOSALS.entries()) {
    const [s] = await db.insert(motionSections).values({ motionId: past!.id, kind: "proposition", position: 3 + i, body, contributionIds: contributionIds.slice(i * 2, i * 2 + 3) }).returning({ id: motionSections.id });
    pastIds.push(s!.id);
  }
  for (const [i, m] of members.slice(0, 5).entries()) {
    await db.insert(motionVotes).values({ motionId: past!.id, sectionId: null, territoryId: m.id, choice: i === 4 ? "abstention" : "pour", castAt: now });
    for (const sectionId of pastIds) await db.insert(motionVotes).values({ motionId: past!.id, sectionId, territoryId: m.id, choice: i === 3 ? "contre" : "pour", castAt: now });
  }
  const { versionId } = await adoptMotion(db, { motionId: past!.id, actor });
  await db.insert(motionDeliveries).values({ motionId: past!.id, versionId, recipient: "Cabinet du Premier ministre (démonstration)", deliveredOn: `${year - 1}-10-10`, createdAt: now });
  await db.insert(motionAnswers).values({ motionId: past!.id, sectionId: pastIds[0]!, answeredOn: `${year - 1}-12-05`, institution: "Ministère de l'Éducation nationale (démonstration)", summary: "Un appel à projets prolongé finance les équipements des écoles rurales.", status: "engagement", authorUserId: partnerId, createdAt: now });
  await db.insert(motionAnswers).values({ motionId: past!.id, sectionId: pastIds[1]!, answeredOn: `${year - 1}-11-20`, institution: "Agence nationale de la cohésion des territoires (démonstration)", summary: "Le financement est prolongé de deux ans.", status: "mis_en_oeuvre", createdAt: now });
  await db.update(motions).set({ phase: "suivi" }).where(eq(motions.id, past!.id));

  // This year's motion, in its amendment phase.
  const deadline = new Date(now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
  const [current] = await db.insert(motions).values({ title: `Motion des territoires pour le numérique ${year} (démonstration)`, year, phase: "amendements", deadlines: { amendements: deadline }, demo: true, createdAt: now }).returning({ id: motions.id });
  const currentContributions: number[] = [];
  for (const [i, m] of members.entries()) {
    const [c] = await db.insert(motionContributions).values({ motionId: current!.id, territoryId: m.id, theme: i % 2 === 0 ? "Éducation" : "Connectivité et infrastructures", body: `Contribution de démonstration n° ${i + 1} pour ${year}.`, createdAt: now }).returning({ id: motionContributions.id });
    currentContributions.push(c!.id);
  }
  await db.insert(motionSections).values({ motionId: current!.id, kind: "preambule", position: 1, body: "Texte en cours d'amendement (démonstration)." });
  const [proposal] = await db.insert(motionSections).values({ motionId: current!.id, kind: "proposition", position: 2, body: "Former les enseignants au numérique", contributionIds: currentContributions.slice(0, 3) }).returning({ id: motionSections.id });
  await db.insert(motionSections).values({ motionId: current!.id, kind: "proposition", position: 3, body: "Raccorder toutes les écoles à la fibre optique d'ici 2030.", contributionIds: currentContributions.slice(3) });
  // The ministry's questions on its strategy, open for a month.
  const consultationId = await createConsultation(db, {
    title: "Stratégie du numérique éducatif 2022-2027 : questions aux élus (démonstration)",
    body: "Le ministère interroge les élus et élues du réseau sur la stratégie du numérique pour l'éducation.",
    askedBy: "Ministère de l'Éducation nationale (démonstration)",
    closesOn: deadline,
    questions: ["Quels équipements manquent le plus dans vos écoles ?", "Quelles formations attendez-vous pour les enseignants ?"],
    actor,
    demo: true,
  });
  await db.update(consultations).set({ published: true }).where(eq(consultations.id, consultationId));
  const [firstQuestion] = await db.select({ id: consultationQuestions.id }).from(consultationQuestions).where(eq(consultationQuestions.consultationId, consultationId)).orderBy(consultationQuestions.position);
  for (const [i, m] of members.slice(1, 4).entries()) {
    await db.insert(consultationAnswers).values({ questionId: firstQuestion!.id, territoryId: m.id, body: ["Des écrans interactifs dans les classes élémentaires (démonstration).", "Des tablettes pour les élèves en difficulté (démonstration).", "Une connexion fibre dans chaque école (démonstration)."][i]!, updatedAt: now });
  }
  await db.insert(motionAmendments).values({ motionId: current!.id, sectionId: proposal!.id, territoryId: members[1]!.id, kind: "remplacer", original: "Former les enseignants au numérique", proposed: "Former tous les enseignants au numérique éducatif, pendant le temps de service", justification: "Une formation hors temps de service n'est pas suivie (démonstration).", state: "depose", createdAt: now });
}
