// Mail transports: SMTP through nodemailer, or none (mail is kept in the database for the operator to read).
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

/** Delivers through the SMTP server of SMTP_URL (smtp:// or smtps://, credentials in the URL). */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
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

/** Keeps messages in the database only; `maillage mail list` and the operators' page show them. */
export const storeOnlyTransport: MailTransport = {
  kind: "store",
  async send() {
    return { messageId: null };
  },
  close() {},
};

/** The transport the configuration asks for. */
export function transportFor(smtpUrl: string | undefined): MailTransport {
  return smtpUrl ? smtpTransport(smtpUrl) : storeOnlyTransport;
}
