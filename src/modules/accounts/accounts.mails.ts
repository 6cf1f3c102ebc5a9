// The texts of account e-mails, in plain French.
import { SIGN_IN_LINK_MINUTES } from "./link-durations.js";
import type { MailContent } from "../mail/mail.commands.js";

type Mail = MailContent;

/** The sign-in link e-mail. */
export function signInMail({ to, link }: { to: string; link: string }): Mail {
  return {
    kind: "sign-in",
    to,
    subject: "Votre lien de connexion à Maillage",
    text: [
      "Bonjour,",
      "",
      "Pour vous connecter à Maillage, ouvrez ce lien :",
      link,
      "",
      `Il est valable ${SIGN_IN_LINK_MINUTES} minutes et ne sert qu'une fois.`,
      "Si vous n'avez pas demandé à vous connecter, ignorez ce message : personne ne peut se connecter sans ce lien.",
    ].join("\n"),
  };
}

/** The invitation e-mail sent when someone is added to a territory. */
export function invitationMail({ to, link, territoryName, roles, days }: { to: string; link: string; territoryName: string; roles: string[]; days: number }): Mail {
  return {
    kind: "invitation",
    to,
    subject: `Invitation à rejoindre ${territoryName} sur Maillage`,
    text: [
      "Bonjour,",
      "",
      `Vous êtes invité ou invitée à rejoindre l'espace de ${territoryName} sur Maillage (rôle : ${roles.join(", ")}).`,
      "",
      "Pour accepter et vous connecter, ouvrez ce lien :",
      link,
      "",
      `Il est valable ${days} jours et ne sert qu'une fois. Ensuite, vous pourrez demander un lien de connexion à tout moment sur la page de connexion.`,
    ].join("\n"),
  };
}
