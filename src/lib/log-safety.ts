// What an error may write to the log: its kind, code and message, never the values a statement was run with.
// drizzle's DrizzleQueryError puts the parameters into its message (and so into its stack), and PostgreSQL's
// `detail` repeats values ("Key (email)=(…) already exists"): both would write people's names, phones and e-mails.

type Logged = { [key: string]: unknown; type: string; message: string; stack: string; code?: string; cause?: Logged };

const PARAMS_TAIL = /\nparams: [\s\S]*$/;

type DatabaseError = Error & { code: string; severity?: string; routine?: string; constraint?: string; table?: string; column?: string };

// PostgreSQL's own errors (node-postgres and PGlite): a SQLSTATE code and a severity.
function isDatabaseError(error: Error): error is DatabaseError {
  const e = error as Partial<DatabaseError>;
  return typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === "string";
}

function messageOf(error: Error): string {
  // PostgreSQL quotes the offending value in some messages ("invalid input syntax for type integer: \"…\""):
  // only names of the schema are kept (constraint, table, column) with the code and the routine.
  if (isDatabaseError(error)) {
    const where = [error.constraint && `constraint ${error.constraint}`, error.table && `table ${error.table}`, error.column && `column ${error.column}`, error.routine && `routine ${error.routine}`].filter(Boolean);
    return `PostgreSQL error ${error.code}${where.length > 0 ? ` (${where.join(", ")})` : ""}`;
  }
  return error.message.replace(PARAMS_TAIL, "");
}

/** pino's `err` serializer: type, code, message and stack without any query parameter or PostgreSQL detail. */
export function serializeError(value: Error, depth = 0): Logged {
  if (!(value instanceof Error)) return { type: typeof value, message: String(value), stack: "" };
  const error = value as Error & { code?: unknown; cause?: unknown };
  const message = messageOf(error);
  // The stack's first lines repeat the message: rebuilt from the frames only.
  const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  const logged: Logged = { type: error.name, message, stack: [`${error.name}: ${message}`, ...frames].join("\n") };
  if (typeof error.code === "string") logged.code = error.code;
  if (error.cause instanceof Error && depth < 3) logged.cause = serializeError(error.cause, depth + 1);
  return logged;
}

/** The same as one text (a failed job's record): the safe stack, then each cause's. */
export function errorText(value: unknown): string {
  if (!(value instanceof Error)) return String(value);
  const parts: string[] = [];
  for (let logged: Logged | undefined = serializeError(value); logged; logged = logged.cause) parts.push(logged.stack || `${logged.type}: ${logged.message}`);
  return parts.join("\ncaused by: ");
}
