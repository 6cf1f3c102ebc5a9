// A real SMTP server for tests (the smtp-server package on 127.0.0.1), keeping every message it accepts.
import { SMTPServer, type SMTPServerAddress } from "smtp-server";

export type ReceivedMail = {
  /** Envelope recipients, as given in RCPT TO. */
  to: string[];
  from: string;
  raw: string;
  headers: Record<string, string>;
  subject: string;
  /** The text/plain part, decoded. */
  text: string;
  /** The text/calendar part (an invitation), decoded; "" when there is none. */
  calendar: string;
};

export type TestSmtpServer = {
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** Makes the server refuse recipients (5xx) until set back to undefined. */
  rejectRecipients: string | undefined;
  /** Resolves when `count` messages have arrived in total. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
};

function decodeQuotedPrintable(body: string): Buffer {
  const bytes: number[] = [];
  const text = body.replace(/=\r?\n/g, "");
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i]!, "utf8"));
    }
  }
  return Buffer.from(bytes);
}

/** Decodes RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=) in a header value. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_, _charset: string, encoding: string, data: string) =>
      encoding.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : decodeQuotedPrintable(data.replace(/_/g, " ")).toString("utf8"),
    );
}

type Part = { headers: Record<string, string>; body: string };

function splitPart(raw: string): Part {
  const end = raw.search(/\r?\n\r?\n/);
  const head = end === -1 ? raw : raw.slice(0, end);
  const body = end === -1 ? "" : raw.slice(end).replace(/^\r?\n\r?\n/, "");
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function decodeBody(part: Part): string {
  const encoding = (part.headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  if (encoding === "base64") return Buffer.from(part.body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") return decodeQuotedPrintable(part.body).toString("utf8");
  return part.body;
}

/** Finds the first part of a type (text/plain, text/calendar …) in a message, walking multipart bodies; decoded. */
function partOf(part: Part, wanted: RegExp): string {
  const type = part.headers["content-type"] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    for (const chunk of part.body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith("--")) break;
      const found = partOf(splitPart(chunk.replace(/^\r?\n/, "")), wanted);
      if (found) return found;
    }
    return "";
  }
  return wanted.test(type) ? decodeBody(part).replace(/\r\n/g, "\n").trimEnd() : "";
}

/** Parses a raw RFC 5322 message enough for assertions: headers, decoded subject, text part. */
export function parseMail(raw: string, envelope: { from: string; to: string[] }): ReceivedMail {
  const message = splitPart(raw);
  return {
    ...envelope,
    raw,
    headers: message.headers,
    subject: decodeHeader(message.headers.subject ?? ""),
    text: partOf(message, /^text\/plain/i),
    calendar: partOf(message, /^text\/calendar/i),
  };
}

/** Starts an SMTP server on a free port of 127.0.0.1 that accepts any sender, with or without AUTH. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  const state: { rejectRecipients: string | undefined } = { rejectRecipients: undefined };
  const server = new SMTPServer({
    authOptional: true,
    logger: false,
    onRcptTo(_address: SMTPServerAddress, _session, callback) {
      if (state.rejectRecipients === undefined) return callback();
      const error = new Error(state.rejectRecipients) as Error & { responseCode: number };
      error.responseCode = 550;
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        messages.push(parseMail(Buffer.concat(chunks).toString("utf8"), { from, to: session.envelope.rcptTo.map((r) => r.address) }));
        for (const wake of waiters.splice(0)) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    get rejectRecipients() {
      return state.rejectRecipients;
    },
    set rejectRecipients(value) {
      state.rejectRecipients = value;
    },
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${count} messages, got ${messages.length}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
