// No stack trace ever reaches a person: every error becomes a French page (or JSON for the API).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ErrorPage } from "../modules/pages/views/error-page.js";
import type { PageContext } from "../ui/context.js";
import { ForbiddenError, NotFoundError } from "./tenant.js";

/** Input refused before any handler runs (control characters): a 400 whose French message names the field. */
export class InputRejectedError extends Error {
  readonly statusCode = 400;
  constructor(readonly publicMessage: string) {
    super(publicMessage);
    this.name = "InputRejectedError";
  }
}

function statusOf(error: FastifyError): number {
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ForbiddenError) return 403;
  if (error.code === "FST_CSRF_INVALID_TOKEN" || error.code === "FST_CSRF_MISSING_SECRET") return 419;
  if (error.code === "FST_REQ_FILE_TOO_LARGE" || error.statusCode === 413) return 413;
  if (error.statusCode === 429) return 429;
  if (error.validation) return 400;
  const status = error.statusCode ?? 500;
  return status >= 400 && status < 600 ? status : 500;
}

function safeContext(reply: FastifyReply): PageContext {
  try {
    return reply.viewContext();
  } catch {
    return { path: "/", csrfToken: "", actor: null, territory: null, nav: [], assetVersion: "dev", demo: false, devMode: false };
  }
}

/** Sends an error status as a page or JSON, depending on what the client asked. */
export function sendError(request: FastifyRequest, reply: FastifyReply, status: number, reference?: string, detail?: string) {
  if (request.url.startsWith("/api/")) {
    return reply.code(status).type("application/json").send({ erreur: status === 404 ? "introuvable" : "erreur", statut: status, reference, ...(detail ? { message: detail } : {}) });
  }
  return reply.page(ErrorPage({ ctx: safeContext(reply), status, ...(reference ? { reference } : {}), ...(detail ? { detail } : {}) }), status);
}

/** Installs the error and not-found handlers. */
export function registerErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = statusOf(error);
    if (status >= 500) request.log.error({ err: error, reqId: request.id }, "request failed");
    else request.log.info({ code: error.code, status }, error.message);
    if (status === 429) reply.header("retry-after", "60");
    const detail = error instanceof InputRejectedError ? error.publicMessage : undefined;
    return sendError(request, reply, status, status >= 500 ? String(request.id) : undefined, detail);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, 404));
}
