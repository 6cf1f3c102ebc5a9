// Rendering: reply.page(vnode) sends an HTML document; reply.viewContext() gives pages what they need.
import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { Negotiator } from "@fastify/accept-negotiator";
import type { FastifyInstance } from "fastify";
import type { VNode } from "preact";
import type { AppDeps } from "../app-deps.js";
import type { PageContext } from "../ui/context.js";
import { territoryNav } from "../ui/navigation.js";
import { renderDocument } from "../ui/render.js";

declare module "fastify" {
  interface FastifyReply {
    page(page: VNode, status?: number): FastifyReply;
    /** Sends an HTML document already rendered (see reply.page); a Buffer is sent as is (UTF-8). */
    html(document: string | Buffer, status?: number): FastifyReply;
    /** Sends an HTML document kept gzip-compressed: as is to browsers that accept gzip (all do), else decompressed. */
    gzippedHtml(document: Buffer): FastifyReply;
    viewContext(): PageContext;
  }
}

/** A short hash of every built asset, appended to asset URLs so they can be cached for a year. */
function assetVersion(assetsDir: string): string {
  try {
    const hash = createHash("sha256");
    for (const file of fs.readdirSync(assetsDir).sort()) {
      const full = path.join(assetsDir, file);
      if (fs.statSync(full).isFile()) hash.update(fs.readFileSync(full));
    }
    return hash.digest("hex").slice(0, 10);
  } catch {
    return "dev";
  }
}

/** Adds page rendering helpers to replies. */
export function registerRendering(app: FastifyInstance, deps: AppDeps): void {
  const version = assetVersion(deps.config.assetsDir);
  app.decorateReply("html", function (document: string | Buffer, status = 200) {
    return this.code(status).type("text/html; charset=utf-8").header("cache-control", "no-store").send(document);
  });
  const encodings = new Negotiator({ supportedValues: ["gzip", "identity"] });
  app.decorateReply("gzippedHtml", function (document: Buffer) {
    this.header("vary", "accept-encoding");
    const accepted = encodings.negotiate(String(this.request.headers["accept-encoding"] ?? ""));
    if (accepted === "gzip") return this.header("content-encoding", "gzip").html(document);
    return this.html(gunzipSync(document));
  });
  app.decorateReply("page", function (page: VNode, status = 200) {
    return this.html(renderDocument(page), status);
  });
  app.decorateReply("viewContext", function (): PageContext {
    const request = this.request;
    const actor = request.actor;
    const territory = request.territory;
    const urlPath = request.url.split("?")[0] ?? "/";
    const reply = this;
    let csrfToken: string | undefined;
    return {
      path: urlPath,
      // Lazy: only pages that render a form create the token (and its cookie).
      get csrfToken() {
        return (csrfToken ??= reply.generateCsrf());
      },
      actor,
      territory: territory ? { id: territory.id, code: territory.code, name: territory.name, demo: territory.demo } : null,
      nav: territory ? territoryNav(actor, territory, urlPath) : [],
      assetVersion: version,
      demo: deps.config.demo,
      devMode: !deps.config.production,
    };
  });
}
