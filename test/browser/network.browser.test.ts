// The network between territories in Chromium, as its users go through it: a coordinator shares a sheet; another
// territory finds it by a French query with other word forms; a motion goes through every phase with two
// territories contributing, amending and voting; the adopted DOCX is read back; a partner's answer shows on the
// public follow-up page. axe-core on every page.
import mammoth from "mammoth";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { a11yLedger, checkA11y, startBrowserWorld, type BrowserWorld } from "../support/browser.js";
import { makeFacilitator, makeMemberTerritory, makePartner, type NetworkMember } from "../support/network.js";

describe("the network between territories in Chromium", () => {
  let world: BrowserWorld | undefined;
  let gatine: NetworkMember;
  let bocage: NetworkMember;
  let facilitatorId = 0;
  let partnerId = 0;

  beforeAll(async () => {
    world = await startBrowserWorld({
      worker: false,
      beforeStart: async (database) => {
        gatine = await makeMemberTerritory({ database }, { name: "CC de Gâtine (essai)" });
        bocage = await makeMemberTerritory({ database }, { name: "CA du Bocage (essai)" });
        facilitatorId = await makeFacilitator({ database });
        partnerId = await makePartner({ database }, "Ministère de l'Éducation nationale", facilitatorId);
      },
    });
  }, 120_000);
  afterAll(() => world?.close());

  const open = (userId: number) => world!.pages.open({ signedInAs: userId });
  const url = (path: string) => `${world!.running.url}${path}`;
  async function go(page: Page, path: string): Promise<void> {
    await page.goto(url(path));
    await checkA11y(page);
  }
  async function submit(page: Page, name: string): Promise<void> {
    await page.getByRole("button", { name, exact: true }).first().click();
    await page.waitForLoadState("load");
    await checkA11y(page);
  }

  it("shares a sheet that another territory finds with other word forms, highlighted", async () => {
    const coordinator = await open(gatine.coordinatorId);
    await go(coordinator, `/t/${gatine.code}/reseau`);
    await coordinator.getByRole("link", { name: "Écrire une fiche d'expérience" }).click();
    await checkA11y(coordinator);
    await submit(coordinator, "Enregistrer la fiche");
    expect(await coordinator.locator(".govuk-error-summary").innerText()).toContain("Saisissez le titre");
    await coordinator.getByLabel("Titre").fill("Des écoles numériques en milieu rural");
    await coordinator.getByLabel("Résumé").fill("Équiper les écoles des petites communes et former les enseignants.");
    await coordinator.getByLabel("Éducation").check();
    await coordinator.getByLabel("Contact").fill("Camille, 05 49 00 00 00");
    await coordinator.getByLabel("Partagée avec le réseau").check();
    await submit(coordinator, "Enregistrer la fiche");
    expect(await coordinator.locator(".govuk-notification-banner").innerText()).toContain("La fiche est enregistrée.");

    const elected = await open(bocage.electedId);
    await go(elected, `/t/${bocage.code}/reseau`);
    await elected.getByLabel("Rechercher une expérience").fill("ecole numerique rurale");
    await submit(elected, "Rechercher");
    expect(await elected.locator("main h2[aria-live]").innerText()).toBe("1 fiche trouvée pour « ecole numerique rurale »");
    expect(await elected.locator(".maillage-results mark").allInnerTexts()).toContain("écoles");
    await elected.getByRole("link", { name: "Des écoles numériques en milieu rural" }).click();
    await checkA11y(elected);
    expect(await elected.locator("main").innerText()).toContain("Camille, 05 49 00 00 00");
  }, 120_000);

  it("takes a motion through every phase with two territories, then a partner's answer reaches the public follow-up", async () => {
    const facilitator = await open(facilitatorId);
    await go(facilitator, "/reseau/animation");
    await facilitator.getByText("Ouvrir une motion").click();
    await facilitator.getByLabel("Titre", { exact: true }).fill("Motion des territoires 2027");
    await facilitator.getByLabel("Année", { exact: true }).fill("2027");
    await submit(facilitator, "Ouvrir la motion aux contributions");
    const motionPath = new URL(facilitator.url()).pathname;
    const motionId = motionPath.split("/").pop()!;
    const phase = async (name: string) => {
      await go(facilitator, motionPath);
      await facilitator.getByLabel("Passer à la phase").selectOption({ label: name });
      await submit(facilitator, "Changer de phase et prévenir les territoires");
    };

    const electedA = await open(gatine.electedId);
    const electedB = await open(bocage.electedId);
    for (const [page, member, text] of [[electedA, gatine, "Former les enseignants au numérique"], [electedB, bocage, "Équiper les écoles rurales"]] as const) {
      await go(page, `/t/${member.code}/reseau/motions/${motionId}`);
      await page.getByLabel("Thème").selectOption({ label: "Éducation" });
      await page.getByLabel("Votre contribution").fill(text);
      await submit(page, "Envoyer la contribution");
      expect(await page.locator(".govuk-notification-banner").innerText()).toContain("Votre contribution est enregistrée.");
    }

    await phase("Rédaction");
    await facilitator.getByText("Ajouter une section au texte").click();
    await facilitator.getByLabel("Nature").selectOption({ label: "Proposition" });
    await facilitator.getByLabel("Texte", { exact: true }).fill("Former les enseignants au numérique");
    const ids = await facilitator.locator("table td:first-child").allInnerTexts();
    await facilitator.getByLabel("Contributions synthétisées").fill(ids.join(", "));
    await submit(facilitator, "Ajouter la section");
    expect(await facilitator.locator("main").innerText()).toContain("Synthèse de 2 contributions.");

    await phase("Amendements");
    for (const [page, member, text] of [[electedA, gatine, "Former tous les enseignants au numérique"], [electedB, bocage, "Former les enseignants au numérique éducatif"]] as const) {
      await go(page, `/t/${member.code}/reseau/motions/${motionId}`);
      await page.getByText("Amender la proposition 1").click();
      await page.getByLabel("Texte proposé").fill(text);
      await page.getByLabel("Justification").fill(`Justification de ${member.name}`);
      await submit(page, "Déposer l'amendement");
    }
    await go(facilitator, motionPath);
    expect(await facilitator.locator("ins").allInnerTexts()).toEqual(expect.arrayContaining(["tous ", " éducatif"]));
    const decisions = facilitator.locator("form.maillage-decision");
    await decisions.first().getByLabel("Accepter", { exact: true }).check();
    await decisions.first().getByRole("button", { name: "Décider" }).click();
    await checkA11y(facilitator);
    await facilitator.locator("form.maillage-decision").first().getByLabel("Rejeter", { exact: true }).check();
    await facilitator.locator("form.maillage-decision").first().getByLabel("Raison (obligatoire pour rejeter ou fusionner)").fill("Déjà couvert par l'amendement accepté");
    await facilitator.locator("form.maillage-decision").first().getByRole("button", { name: "Décider" }).click();
    await checkA11y(facilitator);

    await phase("Vote");
    for (const member of [gatine, bocage]) {
      const delegate = await open(member.delegateIds[0]!);
      await go(delegate, `/t/${member.code}/reseau/motions/${motionId}`);
      await delegate.locator("form.maillage-vote").first().getByLabel("Pour", { exact: true }).check();
      await delegate.locator("form.maillage-vote").first().getByRole("button", { name: "Voter" }).click();
      await checkA11y(delegate);
      await delegate.locator("form.maillage-vote").nth(1).getByLabel("Pour", { exact: true }).check();
      await delegate.locator("form.maillage-vote").nth(1).getByRole("button", { name: "Voter" }).click();
      await checkA11y(delegate);
      expect(await delegate.locator(".govuk-notification-banner").innerText()).toContain("Le vote de votre territoire est enregistré");
    }
    await go(facilitator, motionPath);
    await submit(facilitator, "Adopter et figer le texte");
    expect(await facilitator.locator(".govuk-notification-banner").innerText()).toContain("Le texte est adopté");
    await facilitator.getByRole("link", { name: "Version 1" }).click();
    await checkA11y(facilitator);
    const download = facilitator.waitForEvent("download");
    await facilitator.getByRole("link", { name: "Télécharger le texte (DOCX)" }).click();
    const docx = await (await download).path();
    const text = (await mammoth.extractRawText({ path: docx })).value;
    expect(text).toContain("Motion des territoires 2027");
    expect(text).toContain("Former tous les enseignants au numérique");
    expect(text).toContain("CA du Bocage (essai), CC de Gâtine (essai)");

    await go(facilitator, motionPath);
    await facilitator.getByLabel("Remise à").fill("Cabinet du Premier ministre");
    await facilitator.getByLabel("Date de la remise").fill("2027-10-10");
    await submit(facilitator, "Enregistrer la remise de la version 1");

    const partner = await open(partnerId);
    await go(partner, "/reseau/partenaire");
    await partner.getByLabel("Date de la réponse").fill("2027-11-15");
    await partner.getByLabel("Statut").selectOption({ label: "Engagement" });
    await partner.getByLabel("Résumé de la réponse").fill("Un plan de formation sera lancé en 2028.");
    await submit(partner, "Enregistrer la réponse");
    expect(await partner.locator(".govuk-notification-banner").innerText()).toContain("Votre réponse est publiée");

    const visitor = await world!.pages.open({ javaScriptEnabled: false });
    await go(visitor, "/reseau/suivi");
    const followUp = await visitor.locator("main").innerText();
    expect(followUp).toContain("Un plan de formation sera lancé en 2028.");
    expect(followUp).toContain("Ministère de l'Éducation nationale");
    expect(followUp).toContain("remis à Cabinet du Premier ministre le 10/10/2027");
    // Some forty pages with axe-core on each: a minute or two when another test file shares the two cores.
  }, 240_000);

  it("checked every page it rendered with axe-core", () => {
    expect(a11yLedger.unchecked()).toEqual([]);
  });
});
