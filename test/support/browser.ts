// Browser tests: Chromium through playwright-core, the real app listening on a free port, axe-core on every page.
import fs from "node:fs";
import net from "node:net";
import { createRequire } from "node:module";
import type { FastifyInstance } from "fastify";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { buildApp } from "../../src/app.js";
import type { AppDeps } from "../../src/app-deps.js";
import type { Config } from "../../src/config.js";
import type { Database } from "../../src/db/client.js";
import { fixedClock, type Clock } from "../../src/lib/clock.js";
import { createSession } from "../../src/modules/accounts/sessions.js";
import { startWorker } from "../../src/worker.js";
import { linkSecret } from "../../src/lib/signed-links.js";
import { testConfig, testEpoch } from "./app.js";
import { createTestDatabase } from "./database.js";
import { startSmtpServer, type TestSmtpServer } from "./smtp.js";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags for headless Chromium as root and offline: no sandbox, no GPU, none of the calls home. */
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The axe-core rule sets every page must pass: WCAG 2.1 A and AA, plus axe's best practices. */
export const axeRuleSets = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Launches headless Chromium (the Debian package; npm cannot download browsers here). */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) throw new Error(`Chromium is missing at ${chromiumPath}: apt-get install chromium`);
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

/**
 * How to start the app: config over the test defaults, a clock (by default a fixed clock at the test epoch, so
 * that what a page shows never depends on when the suite runs), the worker on or off, rate limits.
 */
export type RunningAppOptions = { config?: Partial<Config>; clock?: Clock; worker?: boolean; rateLimits?: AppDeps["rateLimits"] };

export type RunningApp = {
  app: FastifyInstance;
  url: string;
  config: Config;
  clock: Clock;
  /** Runs due background jobs now (mail sending…); the worker also polls on its own when started. */
  runJobs(): Promise<number>;
  close(): Promise<void>;
};

/**
 * Starts the real app on 127.0.0.1 with PUBLIC_URL equal to its address (links in e-mails work), and,
 * unless `worker: false`, the job worker in this process.
 */
export async function startRunningApp(database: Database, options: RunningAppOptions = {}): Promise<RunningApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const clock = options.clock ?? fixedClock(testEpoch);
  const config = testConfig({ ...options.config, port, host: "127.0.0.1", publicUrl: url });
  const app = await buildApp({ config, database, clock, linkSecret: await linkSecret(database.db), rateLimits: options.rateLimits ?? { signIn: 1000, publicForm: 1000 } });
  await app.listen({ port, host: "127.0.0.1" });
  const worker = options.worker === false ? undefined : startWorker(database.db, config, clock, { intervalMs: 200 });
  return {
    app,
    url,
    config,
    clock,
    runJobs: () => worker?.runUntilIdle() ?? Promise.resolve(0),
    async close() {
      await app.close();
      await worker?.stop();
    },
  };
}

/** Every document the browser rendered, and whether axe checked it (one entry per page load, not per URL). */
export class A11yLedger {
  private readonly documents: { label: string; checked: boolean }[] = [];
  private readonly current = new WeakMap<Page, number>();

  /** Records every HTML document a page of this context renders (redirects are not documents). */
  track(context: BrowserContext): void {
    const watch = (page: Page) =>
      page.on("response", (response) => {
        const request = response.request();
        if (!request.isNavigationRequest() || request.frame() !== page.mainFrame()) return;
        if (response.status() >= 300 && response.status() < 400) return;
        if (!(response.headers()["content-type"] ?? "").includes("text/html")) return;
        this.documents.push({ label: `${request.method()} ${new URL(response.url()).pathname} (${response.status()})`, checked: false });
        this.current.set(page, this.documents.length - 1);
      });
    context.pages().forEach(watch);
    context.on("page", watch);
  }

  /** Marks the document a page shows now as checked; returns its label. */
  markChecked(page: Page): string {
    const index = this.current.get(page);
    if (index === undefined) return `GET ${page.url()} (not tracked)`;
    this.documents[index]!.checked = true;
    return this.documents[index]!.label;
  }

  /** Labels of the checked documents, in order. */
  checked(): string[] {
    return this.documents.filter((d) => d.checked).map((d) => d.label);
  }

  /** Rendered documents that were never checked (empty at the end of a suite). */
  unchecked(): string[] {
    return this.documents.filter((d) => !d.checked).map((d) => d.label);
  }
}

/** The ledger shared by the browser tests of one file. */
export const a11yLedger = new A11yLedger();

/** Contexts created with JavaScript off: axe checks their pages in a scripted twin. */
const scriptless = new WeakSet<BrowserContext>();

/** A browser context for tests: French, CSP bypassed so that axe can be injected; tracked by the ledger. */
export async function newTestContext(browser: Browser, options: { javaScriptEnabled?: boolean; ledger?: A11yLedger } = {}): Promise<BrowserContext> {
  const javaScriptEnabled = options.javaScriptEnabled ?? true;
  const context = await browser.newContext({ bypassCSP: true, locale: "fr-FR", javaScriptEnabled });
  if (!javaScriptEnabled) scriptless.add(context);
  (options.ledger ?? a11yLedger).track(context);
  return context;
}

/** Signs a context in as a person by creating a session directly (the sign-in flow has its own browser test). */
export async function signInContext(context: BrowserContext, running: RunningApp, database: Database, userId: number): Promise<void> {
  const sessionId = await createSession(database.db, { userId, now: running.clock(), days: 1 });
  await context.addCookies([{ name: "maillage_session", value: sessionId, url: running.url, httpOnly: true, sameSite: "Lax" }]);
}

type AxeViolation = { id: string; impact: string | null; help: string; helpUrl: string; nodes: { target: unknown[]; failureSummary?: string }[] };

/** Runs axe-core in a page (scripts must be able to run in it). */
async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (runOnly) => {
    const axe = (window as unknown as { axe: { run(ctx: Document, options: object): Promise<unknown> } }).axe;
    // Colour contrast axe "could not decide" (text over an image or a gradient, overlapping boxes…) counts as a
    // failure too: white text on a white page was once only "incomplete" (issue 10).
    window.scrollTo(0, 0);
    const result = (await axe.run(document, { runOnly })) as { violations: AxeViolation[]; incomplete: AxeViolation[] };
    // axe cannot find the background of text drawn in an SVG chart: such text is decided here, its fill against the
    // white the charts are drawn on (WCAG ratio ≥ 4.5); any other undecided node fails.
    const luminance = (rgb: number[]) => {
      const [r, g, b] = rgb.map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4)) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const rgb = (colour: string) => colour.match(/\d+(\.\d+)?/g)?.map(Number) ?? [];
    const ratio = (a: number[], b: number[]) => {
      const [l1, l2] = [luminance(a.slice(0, 3)), luminance(b.slice(0, 3))].sort((x, y) => y - x) as [number, number];
      return (l1 + 0.05) / (l2 + 0.05);
    };
    // Text of an SVG chart (on the page's white) or of a map control (on its own opaque background over the tiles).
    const decidedHere = (target: unknown[]) => {
      const element = typeof target[0] === "string" ? document.querySelector(target[0]) : null;
      if (!element) return false;
      if (element.closest("svg")) {
        const fill = rgb(getComputedStyle(element).fill);
        return fill.length >= 3 && ratio(fill, [255, 255, 255]) >= 4.5;
      }
      const control = element.closest(".leaflet-control");
      if (!control) return false;
      const background = rgb(getComputedStyle(control).backgroundColor);
      const opaque = background.length === 3 || (background.length === 4 && background[3] === 1);
      return opaque && ratio(rgb(getComputedStyle(element).color), background) >= 4.5;
    };
    // Cells scrolled out of sight in a table's scroll region are "obscured" for axe: the same cells' colours
    // are those of the visible ones (the region has one background), so these alone are left undecided.
    const scrolledOut = (node: { target: unknown[]; failureSummary?: string }) => {
      const element = typeof node.target[0] === "string" ? document.querySelector(node.target[0]) : null;
      return Boolean(element?.closest(".maillage-table-scroll")) && /obscured|overlaps/.test(node.failureSummary ?? "");
    };
    // A lone digit or dash, a symbol: axe does not know whether it is text at all; its colours are those of its
    // neighbours, which are decided.
    const notText = (node: { failureSummary?: string }) => /too short to determine|only non-text characters/.test(node.failureSummary ?? "");
    const undecided = result.incomplete
      .filter((v) => v.id === "color-contrast")
      .map((v) => ({ ...v, help: `${v.help} (undecided by axe: check it)`, nodes: v.nodes.filter((n) => !decidedHere(n.target) && !scrolledOut(n) && !notText(n)) }))
      .filter((v) => v.nodes.length > 0);
    return [...result.violations, ...undecided].map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, ...(n.failureSummary ? { failureSummary: n.failureSummary } : {}) })),
    }));
  }, axeRuleSets);
}

/**
 * Re-renders a page whose JavaScript is off in a scripted twin (axe needs scripts): the same URL serves the
 * same HTML, stylesheets load from the app, the app's own scripts are blocked so the no-JS rendering is kept.
 */
async function runAxeOnNoScriptPage(page: Page): Promise<AxeViolation[]> {
  const html = await page.content();
  const url = page.url();
  const context = page.context();
  const browser = context.browser();
  if (!browser) throw new Error("no browser behind this page");
  const twin = await browser.newContext({ bypassCSP: true, locale: "fr-FR" });
  try {
    await twin.addCookies(await context.cookies());
    const twinPage = await twin.newPage();
    await twinPage.route("**/*", (route) => {
      const request = route.request();
      if (request.isNavigationRequest() && request.url() === url) return route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html });
      if (request.resourceType() === "script") return route.abort();
      return route.continue();
    });
    await twinPage.goto(url);
    return await runAxe(twinPage);
  } finally {
    await twin.close();
  }
}

/** Formats violations as one readable block: rule, impact, help, and the elements concerned. */
export function formatViolations(where: string, violations: AxeViolation[]): string {
  const lines = violations.map((v) => {
    const targets = v.nodes
      .map((n) => {
        const summary = n.failureSummary ? `\n        ${n.failureSummary.replace(/\s*\n\s*/g, " / ")}` : "";
        return `      - ${n.target.map(String).join(" ")}${summary}`;
      })
      .join("\n");
    return `  • ${v.id} (${v.impact ?? "?"}): ${v.help}\n    ${v.helpUrl}\n${targets}`;
  });
  return `axe-core found ${violations.length} violation(s) on ${where}:\n${lines.join("\n")}`;
}

/** Checks the page shown now with axe-core (WCAG 2.1 A/AA and best practices); throws on any violation. */
export async function checkA11y(page: Page, ledger: A11yLedger = a11yLedger): Promise<void> {
  await page.waitForLoadState("load");
  const violations = scriptless.has(page.context()) ? await runAxeOnNoScriptPage(page) : await runAxe(page);
  const document = ledger.markChecked(page);
  if (violations.length > 0) throw new Error(formatViolations(document, violations));
}

/** Opens pages in fresh contexts (signed in or not, JavaScript on or off) and closes them all at the end. */
export class PageOpener {
  private readonly contexts: BrowserContext[] = [];

  constructor(
    private readonly browser: Browser,
    private readonly running: RunningApp,
    private readonly database: Database,
  ) {}

  async open(options: { javaScriptEnabled?: boolean; signedInAs?: number } = {}): Promise<Page> {
    const context = await newTestContext(this.browser, { javaScriptEnabled: options.javaScriptEnabled ?? true });
    this.contexts.push(context);
    if (options.signedInAs) await signInContext(context, this.running, this.database, options.signedInAs);
    return context.newPage();
  }

  async close(): Promise<void> {
    await Promise.all(this.contexts.map((c) => c.close()));
  }
}

/** What a browser test file drives: its database, Chromium, the running app, pages, and an SMTP server if asked. */
export type BrowserWorld<Smtp extends TestSmtpServer | undefined = undefined> = {
  database: Database;
  browser: Browser;
  running: RunningApp;
  pages: PageOpener;
  smtp: Smtp;
  /** Closes the pages, Chromium, the app, the SMTP server and the database, in that order. */
  close(): Promise<void>;
};

export type BrowserWorldOptions = RunningAppOptions & {
  /** Starts a real SMTP server and sends the app's mail to it. */
  smtp?: boolean;
  /** Fills the database before the app starts. */
  beforeStart?: (database: Database) => Promise<void>;
};

type WorldParts = { pages?: PageOpener; browser?: Browser; running?: RunningApp; smtp?: TestSmtpServer; database?: Database };

/** Pages before their browser; the app (and its worker) before the SMTP server and database it still uses. */
async function closeInOrder(parts: WorldParts): Promise<void> {
  await parts.pages?.close();
  await parts.browser?.close();
  await parts.running?.close();
  await parts.smtp?.close();
  await parts.database?.close();
}

/**
 * Starts what a browser test file needs: an in-memory PGlite database, Chromium and, if asked, an SMTP server, all
 * at once; then `beforeStart` on the database, then the app. If a step fails, what was started is closed.
 */
export function startBrowserWorld(options: BrowserWorldOptions & { smtp: true }): Promise<BrowserWorld<TestSmtpServer>>;
export function startBrowserWorld(options?: BrowserWorldOptions & { smtp?: false }): Promise<BrowserWorld>;
export async function startBrowserWorld(options: BrowserWorldOptions = {}): Promise<BrowserWorld<TestSmtpServer | undefined>> {
  const { smtp: withSmtp, beforeStart, ...appOptions } = options;
  const parts: WorldParts = {};
  const starting = [
    createTestDatabase("pglite").then((database) => (parts.database = database)),
    withSmtp ? startSmtpServer().then((smtp) => (parts.smtp = smtp)) : undefined,
    launchChromium().then((browser) => (parts.browser = browser)),
  ] as const;
  try {
    const [database, smtp, browser] = await Promise.all(starting);
    await beforeStart?.(database);
    const running = (parts.running = await startRunningApp(database, { ...appOptions, config: { ...appOptions.config, ...(smtp && { smtpUrl: smtp.url }) } }));
    const pages = (parts.pages = new PageOpener(browser, running, database));
    return { database, browser, running, pages, smtp, close: () => closeInOrder(parts) };
  } catch (error) {
    // Whatever was still starting when another part failed is closed too.
    await Promise.allSettled(starting);
    await closeInOrder(parts);
    throw error;
  }
}

/**
 * Uploads a CSV through a web import form (after `prepare`, e.g. choosing what the file holds), runs the jobs until
 * the import's page says "Terminé", checking every page with axe-core.
 */
export async function importThroughWeb(page: Page, running: RunningApp, formUrl: string, file: { name: string; content: string }, prepare?: (page: Page) => Promise<void>): Promise<void> {
  await page.goto(formUrl);
  await checkA11y(page);
  await prepare?.(page);
  await page.locator("input[type=file]").setInputFiles({ name: file.name, mimeType: "text/csv", buffer: Buffer.from(file.content, "utf8") });
  await page.getByRole("button", { name: "Importer le fichier" }).click();
  await checkA11y(page);
  for (let i = 0; i < 20 && !(await page.locator("main").innerText()).includes("Terminé"); i++) {
    await running.runJobs();
    await page.goto(`${page.url().split("?")[0]}?actualiser=non`);
    await checkA11y(page);
  }
  if (!(await page.locator("main").innerText()).includes("Terminé")) throw new Error(`the import from ${formUrl} did not finish`);
}
