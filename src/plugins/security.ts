// Security plumbing: headers with a strict CSP, cookies, CSRF on every state-changing request, rate limits, bodies.
import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import formbody from "@fastify/formbody";
import helmet from "@fastify/helmet";
import multipart from "@fastify/multipart";
import rateLimit, { type RateLimitPluginOptions } from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../config.js";
import { controlCharacterReason, firstControlCharacter } from "../lib/text-input.js";
import { InputRejectedError } from "./errors.js";

const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Registers headers, cookies, CSRF, rate limiting and body parsers on the root instance. */
export async function registerSecurity(app: FastifyInstance, config: Config, rateLimitStore: NonNullable<RateLimitPluginOptions["store"]>): Promise<void> {
  const https = config.publicUrl.startsWith("https://");
  const tileOrigin = config.mapTileUrl ? new URL(config.mapTileUrl.replace(/\{[a-z]\}/g, "a")).origin : undefined;
  // The sign-out form redirects to the OpenID Connect provider's end-session endpoint: form-action must allow it.
  const providerOrigin = config.oidc ? new URL(config.oidc.issuer).origin : undefined;
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:", ...(tileOrigin ? [tileOrigin] : [])],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", ...(tileOrigin ? [tileOrigin] : [])],
        formAction: ["'self'", ...(providerOrigin ? [providerOrigin] : [])],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: "same-origin" },
  });
  await app.register(cookie);
  await app.register(csrf, {
    sessionPlugin: "@fastify/cookie",
    cookieKey: "maillage_csrf",
    cookieOpts: { path: "/", sameSite: "lax", httpOnly: true, secure: https, signed: false },
    getToken: (req: FastifyRequest) => {
      const body = req.body as Record<string, unknown> | undefined;
      // From the form's field (multipart forms too, see multipartCsrfValid) or a header; never from the address,
      // where browsers' history and servers' logs would keep it.
      const fromBody = body && typeof body === "object" ? body._csrf : undefined;
      return (typeof fromBody === "string" ? fromBody : undefined) ?? (req.headers["x-csrf-token"] as string | undefined);
    },
  });
  await app.register(formbody, { bodyLimit: 1_048_576 });
  await app.register(multipart, { limits: { fileSize: 50 * 1_048_576, files: 1 } });
  // Counted in the database (shared by every instance), per client address and per IPv6 /64: one home or phone
  // gets a whole /64, so counting single addresses would let one client rotate through billions of them.
  await app.register(rateLimit, { global: false, store: rateLimitStore, ipv6Subnet: 64 });

  // No control character reaches a handler, whatever the form or API (NUL would fail the statement with a 500):
  // refused with the field's name, before anything is stored or logged. Imports check their cells the same way.
  app.addHook("preValidation", async (request) => {
    const hit = firstControlCharacter(request.body) ?? firstControlCharacter(request.query);
    if (hit) throw new InputRejectedError(`Le champ «\u00a0${hit.field}\u00a0» ${controlCharacterReason(hit.found)}. Ce que vous avez saisi n'a pas été enregistré : revenez à la page précédente pour le corriger.`);
  });

  app.addHook("preHandler", (request, reply, done) => {
    const csrfConfig = request.routeOptions.config?.csrf;
    if (!unsafeMethods.has(request.method) || csrfConfig === false) return done();
    // A multipart form carries its token as a field; the handler checks it once the parts are read.
    if (csrfConfig === "multipart-field" && request.isMultipart()) return done();
    app.csrfProtection(request, reply, done);
  });
}

/**
 * Checks the CSRF token a multipart form sent as its `_csrf` field (routes with `config: { csrf: "multipart-field" }`),
 * so that the token never travels in the form's address, where the browser's address bar and logs would keep it.
 * On a bad token the 403 is already sent: the handler returns the reply.
 */
export function multipartCsrfValid(request: FastifyRequest, reply: FastifyReply, token: string | undefined): boolean {
  if (!request.isMultipart()) return true;
  request.body = { _csrf: token ?? "" };
  let valid = false;
  request.server.csrfProtection(request, reply, () => {
    valid = true;
  });
  return valid;
}

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * false on the rare routes that receive cross-site posts (none so far); "multipart-field" where a multipart form
     * sends its token as a field, checked by the handler with `multipartCsrfValid` after reading the parts.
     */
    csrf?: boolean | "multipart-field";
  }
}
