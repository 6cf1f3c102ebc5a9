// The page shell: skip link, header with the territory switcher, navigation per role, footer.
import type { ComponentChildren } from "preact";
import type { PageContext } from "./context.js";

export type LayoutProps = {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  /** Set when the page shows a form with errors: the title gets the "Erreur" prefix. */
  hasErrors?: boolean;
  wide?: boolean;
  /** Extra elements for <head> (e.g. a meta refresh while an import runs). */
  head?: ComponentChildren;
};

/** Wraps a page's content in the Maillage shell. */
export function Layout({ ctx, title, children, hasErrors, wide, head }: LayoutProps) {
  const v = ctx.assetVersion;
  const fullTitle = `${hasErrors ? "Erreur : " : ""}${title} – Maillage`;
  return (
    <html lang="fr" class="govuk-template">
      <head>
        <meta charset="utf-8" />
        <title>{fullTitle}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#17505f" />
        <link rel="icon" href={`/assets/favicon.svg?v=${v}`} type="image/svg+xml" />
        <link rel="stylesheet" href={`/assets/maillage.css?v=${v}`} />
        {head}
      </head>
      <body class="govuk-template__body">
        <a href="#contenu" class="govuk-skip-link" data-module="govuk-skip-link">
          Aller au contenu
        </a>
        <Header ctx={ctx} demo={ctx.demo || Boolean(ctx.territory?.demo)} />
        {ctx.nav.length > 0 ? <ServiceNavigation ctx={ctx} /> : null}
        <div class={wide ? "govuk-width-container maillage-wide" : "govuk-width-container"}>
          <main class="govuk-main-wrapper" id="contenu" role="main" tabIndex={-1}>
            {children}
          </main>
        </div>
        <Footer />
        <script type="module" src={`/assets/init.js?v=${v}`}></script>
      </body>
    </html>
  );
}

function Header({ ctx, demo }: { ctx: PageContext; demo: boolean }) {
  const actor = ctx.actor;
  return (
    <header class="maillage-header" role="banner">
      <div class="govuk-width-container maillage-header__container">
        <a href="/" class="maillage-header__brand">
          <svg class="maillage-header__logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <path d="M6 8h20M6 16h20M6 24h20M8 6v20M16 6v20M24 6v20" stroke="currentColor" stroke-width="2" />
            <circle cx="16" cy="16" r="4" fill="#e07a2f" />
          </svg>
          Maillage
        </a>
        <div class="maillage-header__account">
          {actor && actor.memberships.length > 1 ? <TerritorySwitcher ctx={ctx} /> : null}
          {actor ? (
            <>
              <span>{actor.displayName || actor.email}</span>
              <form method="post" action="/deconnexion" class="maillage-inline-form">
                <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                <button type="submit" class="maillage-link-button">
                  Se déconnecter
                </button>
              </form>
            </>
          ) : (
            <a href="/connexion">Se connecter</a>
          )}
        </div>
      </div>
      {demo ? (
        <div class="maillage-demo-banner" role="note">
          <div class="govuk-width-container">
            <strong>Démonstration</strong> : les données affichées sont fictives ou d'exemple, à ne pas utiliser.
          </div>
        </div>
      ) : null}
    </header>
  );
}

function TerritorySwitcher({ ctx }: { ctx: PageContext }) {
  const current = ctx.territory?.code ?? "";
  return (
    <form method="get" action="/territoire" class="maillage-switcher">
      <label for="territoire-actif">Territoire</label>
      <select id="territoire-actif" name="code" class="govuk-select" data-autosubmit>
        {ctx.actor!.memberships.map((m) => (
          <option value={m.code} selected={m.code === current}>
            {m.name}
          </option>
        ))}
      </select>
      <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-autosubmit-button>
        Changer
      </button>
    </form>
  );
}

function ServiceNavigation({ ctx }: { ctx: PageContext }) {
  return (
    <section aria-label="Menu du territoire" class="govuk-service-navigation" data-module="govuk-service-navigation">
      <div class="govuk-width-container">
        <div class="govuk-service-navigation__container">
          {ctx.territory ? (
            <span class="govuk-service-navigation__service-name">
              <a href={`/t/${ctx.territory.code}`} class="govuk-service-navigation__link">
                {ctx.territory.name}
              </a>
            </span>
          ) : null}
          <nav aria-label="Menu" class="govuk-service-navigation__wrapper">
            <button
              type="button"
              class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"
              aria-controls="navigation"
              hidden
            >
              Menu
            </button>
            <ul class="govuk-service-navigation__list" id="navigation">
              {ctx.nav.map((item) => (
                <li
                  class={`govuk-service-navigation__item${item.current ? " govuk-service-navigation__item--active" : ""}`}
                >
                  <a class="govuk-service-navigation__link" href={item.href} aria-current={item.current ? "page" : undefined}>
                    {item.current ? <strong class="govuk-service-navigation__active-fallback">{item.text}</strong> : item.text}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </div>
    </section>
  );
}

function Footer() {
  return (
    <footer class="govuk-footer" role="contentinfo">
      <div class="govuk-width-container">
        <div class="govuk-footer__meta">
          <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <h2 class="govuk-visually-hidden">Liens utiles</h2>
            <ul class="govuk-footer__inline-list">
              <li class="govuk-footer__inline-list-item">
                <a class="govuk-footer__link" href="/accessibilite">
                  Accessibilité : partiellement conforme
                </a>
              </li>
              <li class="govuk-footer__inline-list-item">
                <a class="govuk-footer__link" href="/donnees-personnelles">
                  Données personnelles
                </a>
              </li>
              <li class="govuk-footer__inline-list-item">
                <a class="govuk-footer__link" href="/lieux">
                  Trouver un lieu d'aide au numérique
                </a>
              </li>
            </ul>
            <p class="govuk-body-s govuk-!-margin-bottom-0">
              Maillage, logiciel libre pour les politiques numériques des territoires.
            </p>
          </div>
        </div>
      </div>
    </footer>
  );
}
