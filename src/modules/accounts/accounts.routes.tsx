// Sign-in by e-mail link, sign-out, and the members page of a territory.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { AppDeps } from "../../app-deps.js";
import { territoryRoles, type TerritoryRole } from "../../db/schema/index.js";
import { fields, list, parseForm, text } from "../../lib/validation.js";
import { endSession, startSession } from "../../plugins/session.js";
import { ForbiddenError, NotFoundError } from "../../plugins/tenant.js";
import { addNavEntry } from "../../ui/navigation.js";
import { can } from "./accounts.policy.js";
import { changeMemberRoles, inviteMember, removeMember } from "./members.commands.js";
import { listMembers } from "./members.queries.js";
import { oidcSettings, oidcSignOutUrl } from "./oidc.client.js";
import { consumeLoginToken, isLoginTokenUsable, requestSignInLink } from "./sign-in.commands.js";
import { MembersPage } from "./views/members-page.js";
import { ConfirmLinkPage, InvalidLinkPage, LinkSentPage, SignInPage } from "./views/sign-in-pages.js";
import { actorForAudit } from "../audit/audit.routes.js";
import { defaultRateLimits } from "../../app-deps.js";

/** Only same-site relative paths are accepted as a place to return to after sign-in. */
export function safeReturnPath(value: unknown): string | undefined {
  const path = text(value);
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : undefined;
}

const signInSchema = z.object({ email: fields.email() });

const inviteSchema = z.object({
  email: fields.email("l'adresse électronique de la personne"),
  displayName: z.string().trim().max(120, "120 caractères au maximum").default(""),
  roles: z.array(z.enum(territoryRoles)).min(1, "Choisissez au moins un rôle"),
});

/** Registers sign-in, sign-out and membership routes. */
export function registerAccountRoutes(app: FastifyInstance, deps: AppDeps): void {
  const limits = deps.rateLimits ?? defaultRateLimits;
  const db = deps.database.db;

  app.get("/connexion", async (request, reply) => {
    const back = safeReturnPath((request.query as { retour?: string }).retour);
    return reply.page(<SignInPage ctx={reply.viewContext()} oidcLabel={deps.config.oidc?.label} back={back} />);
  });

  app.post("/connexion", { config: { rateLimit: { max: limits.signIn, timeWindow: 60_000 } } }, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const form = parseForm(signInSchema, body);
    if (!form.ok) {
      return reply.page(<SignInPage ctx={reply.viewContext()} email={text(body.email)} errors={form.errors} oidcLabel={deps.config.oidc?.label} />, 400);
    }
    await db.transaction((tx) => requestSignInLink(tx, { email: form.data.email, now: deps.clock(), publicUrl: deps.config.publicUrl }));
    return reply.page(<LinkSentPage ctx={reply.viewContext()} email={form.data.email} />);
  });

  app.get("/connexion/lien", { config: { rateLimit: { max: limits.publicForm, timeWindow: 60_000 } } }, async (request, reply) => {
    const token = text((request.query as { jeton?: string }).jeton);
    const usable = token !== "" && (await isLoginTokenUsable(db, { token, now: deps.clock() }));
    if (!usable) return reply.page(<InvalidLinkPage ctx={reply.viewContext()} />, 410);
    return reply.page(<ConfirmLinkPage ctx={reply.viewContext()} token={token} />);
  });

  app.post("/connexion/lien", { config: { rateLimit: { max: limits.publicForm, timeWindow: 60_000 } } }, async (request, reply) => {
    const token = text((request.body as { jeton?: string }).jeton);
    const used = token ? await consumeLoginToken(db, { token, now: deps.clock() }) : null;
    if (!used) return reply.page(<InvalidLinkPage ctx={reply.viewContext()} />, 410);
    await startSession(deps, request, reply, used.userId);
    const target = used.territoryId ? await db.query.territories.findFirst({ where: (t, { eq }) => eq(t.id, used.territoryId!) }) : undefined;
    return reply.redirect(target ? `/t/${target.code}` : "/", 303);
  });

  // Signed in through OpenID Connect: the provider's session ends too (RP-initiated logout), then back home.
  const oidc = oidcSettings(deps.config);
  app.post("/deconnexion", async (request, reply) => {
    const { oidcIdToken } = await endSession(deps, request, reply);
    const atProvider = oidc && oidcIdToken ? await oidcSignOutUrl(oidc, { idToken: oidcIdToken, postLogoutRedirectUri: `${deps.config.publicUrl}/` }) : undefined;
    return reply.redirect(atProvider?.href ?? "/", 303);
  });

  addNavEntry({ path: "/membres", text: "Membres", order: 90, visible: (a, t) => can(a, "members.view", t) });

  app.get("/t/:code/membres", async (request, reply) => {
    const territory = request.territory!;
    if (!can(request.actor, "members.view", territory.id)) throw new NotFoundError();
    const members = await request.tenant((tx) => listMembers(tx, { territoryId: territory.id }));
    const notice = text((request.query as { fait?: string }).fait);
    return reply.page(<MembersPage ctx={reply.viewContext()} members={members} canManage={can(request.actor, "members.manage", territory.id)} notice={notice} />);
  });

  app.post("/t/:code/membres", async (request, reply) => {
    const territory = request.territory!;
    if (!can(request.actor, "members.manage", territory.id)) throw new ForbiddenError();
    const body = request.body as Record<string, unknown>;
    const values = { email: text(body.email), displayName: text(body.displayName), roles: list(body.roles) };
    const form = parseForm(inviteSchema, values);
    if (!form.ok) {
      const members = await request.tenant((tx) => listMembers(tx, { territoryId: territory.id }));
      return reply.page(<MembersPage ctx={reply.viewContext()} members={members} canManage values={values} errors={form.errors} />, 400);
    }
    await request.tenant((tx) =>
      inviteMember(tx, { territoryId: territory.id, ...form.data, actor: actorForAudit(request), now: deps.clock(), publicUrl: deps.config.publicUrl }),
    );
    return reply.redirect(`/t/${territory.code}/membres?fait=invitation`, 303);
  });

  app.post("/t/:code/membres/:userId", async (request, reply) => {
    const territory = request.territory!;
    if (!can(request.actor, "members.manage", territory.id)) throw new ForbiddenError();
    const userId = Number((request.params as { userId: string }).userId);
    const body = request.body as Record<string, unknown>;
    const actor = actorForAudit(request);
    if (!Number.isInteger(userId)) throw new NotFoundError();
    if (text(body.action) === "retirer") {
      if (userId === request.actor!.userId) throw new ForbiddenError();
      const removed = await request.tenant((tx) => removeMember(tx, { territoryId: territory.id, userId, actor }));
      if (!removed) throw new NotFoundError();
      return reply.redirect(`/t/${territory.code}/membres?fait=retrait`, 303);
    }
    const roles = list(body.roles).filter((r): r is TerritoryRole => (territoryRoles as readonly string[]).includes(r));
    if (roles.length === 0) return reply.redirect(`/t/${territory.code}/membres?fait=aucun-role`, 303);
    const changed = await request.tenant((tx) => changeMemberRoles(tx, { territoryId: territory.id, userId, roles, actor }));
    if (!changed) throw new NotFoundError();
    return reply.redirect(`/t/${territory.code}/membres?fait=roles`, 303);
  });
}
