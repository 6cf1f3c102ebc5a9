// Public finder: /lieux (search a place near you) and /lieux/:placeId (a place's page). No account, GET only.
import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import { withPublic } from "../../db/tenant.js";
import { NotFoundError } from "../../plugins/tenant.js";
import { routeId } from "../../plugins/route-id.js";
import { parisDateOf } from "../../lib/paris-time.js";
import { renderDocument } from "../../ui/render.js";
import { allCommunes, communeByInsee, communesByPostcode } from "./commune-index.js";
import { matchCommunes, nearCommunes } from "./domain/commune-match.js";
import { isSubmitted, parseFinderQuery, type RawQuery } from "./domain/finder-query.js";
import { createPlaceSlotsCache, createSearchCache } from "./finder.cache.js";
import { getPublishedPlaces, placeCountsByInsee } from "./finder.queries.js";
import { runSearch, SLOT_DAYS, type SearchOutcome } from "./finder.search.js";
import { createBusyKeeper } from "./busy-index.js";
import { createPlaceIndexKeeper } from "./place-index.js";
import { createScheduleKeeper } from "./schedule-index.js";
import { nextSlotsForPlaces, type MotifSlots } from "./finder.slots.js";
import { FinderPage, type FinderPageProps } from "./views/finder-page.js";
import { PlacePage } from "./views/place-page.js";

/** Free slots shown per motif on a place page, looked for over about three months. */
const SLOTS_PER_MOTIF = 6;
const PLACE_PAGE_DAYS = 92;
const SUGGEST_SCRIPT = "finder-suggest.js";

/** The finder page for a search's outcome: its errors, the communes to choose from, or its results. */
function outcomePage({ outcome, query, ...props }: Omit<FinderPageProps, "errors" | "choices" | "results"> & { outcome: SearchOutcome }) {
  if (outcome.kind === "errors") return <FinderPage {...props} query={query} errors={outcome.errors} map={undefined} />;
  if (outcome.kind === "choose") {
    const errors = {
      commune: outcome.misspelt
        ? `Nous ne trouvons pas de commune «\u00a0${query.ou}\u00a0». Vouliez-vous dire l'une de celles-ci\u00a0? Choisissez la vôtre`
        : `Plusieurs communes correspondent à «\u00a0${query.ou}\u00a0»\u00a0: choisissez la vôtre`,
    };
    return <FinderPage {...props} query={query} errors={errors} choices={outcome.choices} map={undefined} />;
  }
  return <FinderPage {...props} query={query} errors={{}} results={outcome.results} />;
}

/** Registers the finder routes. */
export function registerFinderRoutes(app: FastifyInstance, deps: AppDeps): void {
  // The suggestion script is an enhancement: the page links it only when the asset build ships it.
  const suggestScript = fs.existsSync(path.join(deps.config.assetsDir, SUGGEST_SCRIPT)) ? `/assets/${SUGGEST_SCRIPT}` : undefined;

  const cache = createSearchCache({ ttlMs: deps.config.finderCacheSeconds * 1000 });
  const slotsCache = createPlaceSlotsCache<MotifSlots[]>({ ttlMs: deps.config.finderCacheSeconds * 1000 });
  const checkEveryMs = deps.config.finderPlacesCheckMs;
  const today = () => parisDateOf(deps.clock().getTime());
  const data = {
    places: createPlaceIndexKeeper(deps.database, { checkEveryMs }),
    schedules: createScheduleKeeper(deps.database, { checkEveryMs, today }),
    busy: createBusyKeeper(deps.database, { checkEveryMs, today, days: SLOT_DAYS }),
  };
  app.addHook("onClose", async () => {
    cache.close();
    slotsCache.close();
    data.places.close();
    data.schedules.close();
    data.busy.close();
  });

  const map = deps.config.mapTileUrl ? { tileUrl: deps.config.mapTileUrl, attribution: deps.config.mapAttribution } : undefined;

  app.get("/lieux", async (request, reply) => {
    const raw = request.query as RawQuery;
    const query = parseFinderQuery(raw);
    const ctx = reply.viewContext();
    if (!isSubmitted(raw)) return reply.page(<FinderPage ctx={ctx} query={query} errors={{}} suggestScript={suggestScript} />);
    const now = deps.clock();
    const anonymous = !request.actor;
    const kept = anonymous ? cache.anonymousPage(query, now) : undefined;
    if (kept) return reply.gzippedHtml(kept);
    const outcome = await cache.resolve(query, now, () => runSearch(deps.database, data, query, now, slotsCache));
    const document = renderDocument(outcomePage({ ctx, query, outcome, suggestScript, map }));
    // The page is the same for every visitor without an account, unless it carries a form token (it should not).
    if (anonymous && !document.includes('name="_csrf"') && !reply.hasHeader("set-cookie")) {
      const compressed = cache.keepAnonymousPage(query, outcome, document);
      if (compressed) return reply.gzippedHtml(compressed);
    }
    return reply.html(document);
  });

  // Commune names for the optional suggestion script (same origin, JSON, cacheable: the geography is static).
  app.get("/lieux/suggestions", async (request, reply) => {
    const q = String((request.query as { q?: unknown }).q ?? "").slice(0, 60);
    const typed = q.trim().length < 2 ? [] : matchCommunes(allCommunes(), q, communesByPostcode).candidates;
    // Nothing starts like that: communes a few typing mistakes away ("Partenay" → Parthenay).
    const matched = typed.length > 0 || q.trim().length < 3 ? typed : nearCommunes(allCommunes(), q);
    // Within the same closeness, communes where this instance has places come first ("Par" → Parthenay before
    // Paris, "saint aub" → Saint-Aubin-le-Cloud among a hundred Saint-Aubin): one query over the first candidates.
    const considered = matched.slice(0, 300);
    const counts = considered.length > 8 ? await withPublic(deps.database, (tx) => placeCountsByInsee(tx, considered.map((c) => c.insee))) : new Map<string, number>();
    const candidates = considered.map((c, index) => ({ c, index, served: (counts.get(c.insee) ?? 0) > 0 })).sort((a, b) => Number(b.served) - Number(a.served) || a.index - b.index).map((x) => x.c);
    // The value is what "Où ?" receives: the current commune's name and postcode, which the search finds at once.
    const suggestions = [
      ...new Map(
        candidates.slice(0, 12).map((c) => {
          const current = communeByInsee(c.insee)?.name ?? c.name;
          const value = c.postcodes[0] ? `${current} ${c.postcodes[0]}` : current;
          return [value, { label: `${c.name} (${c.departement})`, value }] as const;
        }),
      ).values(),
    ].slice(0, 8);
    return reply.header("cache-control", "public, max-age=3600").send({ suggestions });
  });

  app.get("/lieux/:placeId", async (request, reply) => {
    const placeId = routeId(request, "placeId");
    const [place] = await withPublic(deps.database, (tx) => getPublishedPlaces(tx, [placeId]));
    if (!place) throw new NotFoundError();
    const now = deps.clock();
    const slots = await nextSlotsForPlaces(deps.database, data, { places: [place], now, days: PLACE_PAGE_DAYS, limit: SLOTS_PER_MOTIF });
    return reply.page(<PlacePage ctx={reply.viewContext()} place={place} motifSlots={slots.get(place.id) ?? []} now={now} />);
  });
}
