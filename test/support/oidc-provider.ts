// A real OpenID provider (oidc-provider v9) on 127.0.0.1, shaped like ProConnect, and a browser-like driver for it.
import { generateKeyPairSync } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

type ProviderInstance = { callback(): http.RequestListener };
type ProviderConstructor = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

/** Claims the provider holds for a test person, keyed by the login typed in its sign-in form. */
export type TestAccountClaims = { email: string; email_verified?: boolean; given_name?: string; usual_name?: string };

export type TestOidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
};

/** The provider prints development notices (in-memory adapter, dev interactions, Node version): not test output. */
async function quietly<T>(work: () => Promise<T> | T): Promise<T> {
  const { info, warn } = console;
  const keep = (print: (...args: unknown[]) => void) => (...args: unknown[]) => {
    if (!String(args[0]).includes("oidc-provider")) print(...args);
  };
  console.info = keep(info);
  console.warn = keep(warn);
  try {
    return await work();
  } finally {
    console.info = info;
    console.warn = warn;
  }
}

/** Starts a provider with one confidential client (client_secret_basic, PKCE required) and the given accounts. */
export async function startOidcProvider({ redirectUri, accounts }: { redirectUri: string; accounts: Record<string, TestAccountClaims> }): Promise<TestOidcProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "maillage-test";
  const clientSecret = "secret-de-test-suffisamment-long-pour-hs256";
  const signingKey = { ...generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }), kid: "test-rs256", use: "sig", alg: "RS256" };

  const provider = await quietly(async () => {
    // Imported here because loading it warns about the Node.js version, as construction does about dev defaults.
    // @ts-expect-error oidc-provider ships no type declarations; the few members used are typed above.
    const Provider = (await import("oidc-provider")).default as ProviderConstructor;
    return new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [redirectUri],
          // Sign-out at the provider (RP-initiated logout) comes back to the app's home page.
          post_logout_redirect_uris: [`${new URL(redirectUri).origin}/`],
          token_endpoint_auth_method: "client_secret_basic",
          grant_types: ["authorization_code"],
          response_types: ["code"],
        },
      ],
      // ProConnect's scopes: one per claim group, usual_name being the family name in use.
      claims: { openid: ["sub"], email: ["email", "email_verified"], given_name: ["given_name"], usual_name: ["usual_name"] },
      findAccount: async (_ctx: unknown, id: string) => {
        const claims = accounts[id];
        return claims ? { accountId: id, claims: async () => ({ sub: id, ...claims }) } : undefined;
      },
      pkce: { required: () => true },
      features: { devInteractions: { enabled: true } },
      jwks: { keys: [signingKey] },
      cookies: { keys: ["cle-de-test-des-cookies"] },
      acrValues: ["eidas1"],
      ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
    });
  });
  server.on("request", provider.callback());

  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function formAction(html: string, base: string): URL {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form on the provider's page:\n${html.slice(0, 500)}`);
  return new URL(action.replace(/&amp;/g, "&").replace(/&#x2F;/gi, "/"), base);
}

function abortLink(html: string, base: string): URL {
  const href = /href="([^"]*\/abort[^"]*)"/.exec(html)?.[1];
  if (!href) throw new Error("no abort link on the provider's page");
  return new URL(href.replace(/&amp;/g, "&"), base);
}

/**
 * Goes through the provider like a browser (real HTTP, its cookies kept, redirects followed by hand): signs in
 * with `login`, consents, and returns the URL the provider sends back to the app. With `cancel`, leaves at the
 * sign-in form instead, as a person pressing "Cancel" would.
 */
export async function signInAtProvider(authorizationUrl: string, { login, redirectUri, cancel = false }: { login: string; redirectUri: string; cancel?: boolean }): Promise<URL> {
  const cookies = new Map<string, string>();
  const send = async (url: URL, form?: Record<string, string>) => {
    const response = await fetch(url, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: {
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join("; "),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ""] = header.split(";");
      const index = pair.indexOf("=");
      cookies.set(pair.slice(0, index).trim(), pair.slice(index + 1));
    }
    return response;
  };

  let url = new URL(authorizationUrl);
  let form: Record<string, string> | undefined;
  for (let step = 0; step < 12; step++) {
    const response = await send(url, form);
    form = undefined;
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url);
      if (url.href.startsWith(redirectUri)) return url;
      continue;
    }
    if (response.status !== 200) throw new Error(`provider answered ${response.status} at ${url.pathname}: ${await response.text()}`);
    const html = await response.text();
    if (html.includes('name="prompt" value="login"')) {
      if (cancel) {
        url = abortLink(html, url.href);
      } else {
        form = { prompt: "login", login, password: "mot-de-passe" };
        url = formAction(html, url.href);
      }
    } else if (html.includes('name="prompt" value="consent"')) {
      form = { prompt: "consent" };
      url = formAction(html, url.href);
    } else {
      throw new Error(`unexpected provider page at ${url.pathname}:\n${html.slice(0, 500)}`);
    }
  }
  throw new Error("the provider never sent the browser back to the app");
}
