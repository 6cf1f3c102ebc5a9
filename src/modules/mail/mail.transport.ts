// Mail transports: SMTP through nodemailer, or none (mail is kept in the database for the operator to read).
//
// SMTP_URL forms (nodemailer connection URLs; query parameters are nodemailer options):
//   smtps://user:password@smtp.example.fr:465            TLS from the first byte
//   smtp://user:password@smtp.example.fr:587             STARTTLS when the server offers it, certificate checked
//   smtp://user:password@smtp.example.fr:587?requireTLS=true   refuse to send without STARTTLS
//   smtp://localhost:25 (or 127.0.0.1, [::1])            a relay on this machine: plain SMTP, no STARTTLS
//   smtp://relay.internal:25?ignoreTLS=true              plain SMTP to a trusted relay on a private network
//   …?tls.rejectUnauthorized=false                       accept a self-signed certificate (avoid)
// Characters such as @ or : in the user or password must be percent-encoded.
import nodemailer from "nodemailer";

export type OutgoingMail = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  attachments?: { filename: string; contentType: string; content: string }[];
};

export interface MailTransport {
  /** "smtp" delivers; "store" only keeps the message in the database (offline demo). */
  readonly kind: "smtp" | "store";
  send(mail: OutgoingMail): Promise<{ messageId: string | null }>;
  close(): void;
}

const loopbackHosts = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/**
 * Connection options for an SMTP URL. Defaults that the URL's own parameters override: short timeouts (a
 * silent server must not hold the job worker for minutes), and no STARTTLS towards this very machine, whose
 * local relay often offers STARTTLS with a self-signed certificate while the traffic never leaves the host.
 */
export function smtpOptions(url: string): { url: string; connectionTimeout: number; greetingTimeout: number; socketTimeout: number; ignoreTLS?: boolean } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("SMTP_URL n'est pas une adresse valide (exemple : smtps://utilisateur:mot-de-passe@smtp.exemple.fr:465).");
  }
  if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:") {
    throw new Error(`SMTP_URL doit commencer par smtp:// ou smtps:// (reçu : ${parsed.protocol}//…).`);
  }
  const local = parsed.protocol === "smtp:" && loopbackHosts.has(parsed.hostname);
  return { url, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000, ...(local ? { ignoreTLS: true } : {}) };
}

/** Delivers through the SMTP server of SMTP_URL (see the forms above). */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpOptions(url));
  return {
    kind: "smtp",
    async send(mail) {
      const info = await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? undefined,
        attachments: (mail.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
      });
      return { messageId: info.messageId ?? null };
    },
    close: () => transporter.close(),
  };
}

/**
 * Keeps messages in the database only; `maillage mail list` and the operators' page show them. With `print`,
 * each message is also written out whole as it is stored: the server does so on its log outside production,
 * where a sign-in link could otherwise be read only with the server stopped (PGlite: one process at a time).
 */
export function storeTransport(print?: (text: string) => void): MailTransport {
  return {
    kind: "store",
    async send(mail) {
      print?.(storedMailText(mail));
      return { messageId: null };
    },
    close() {},
  };
}

/** A stored message as the server's log shows it: who, what, then the text, indented. */
function storedMailText(mail: OutgoingMail): string {
  const attachments = mail.attachments?.length ? `\n  (pièces jointes : ${mail.attachments.map((a) => a.filename).join(", ")})` : "";
  const body = mail.text.split("\n").map((line) => (line ? `  ${line}` : "")).join("\n");
  return `Courriel enregistré, non envoyé (pas de SMTP_URL) — à : ${mail.to} — objet : ${mail.subject}\n${body}${attachments}\n\n`;
}

/** The store-only transport that prints nothing (the CLI and the tests). */
export const storeOnlyTransport = storeTransport();

/** The transport the configuration asks for. */
export function transportFor(smtpUrl: string | undefined): MailTransport {
  return smtpUrl ? smtpTransport(smtpUrl) : storeOnlyTransport;
}
