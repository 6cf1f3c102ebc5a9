// SMS through a provider adapter. One real adapter: an HTTP JSON endpoint (most French SMS gateways offer one,
// or a small relay in front of them). Without SMS_PROVIDER_URL, no SMS is sent.
export interface SmsProvider {
  send(message: { to: string; text: string }): Promise<{ providerId: string | null }>;
}

/** Posts `{ to, text, sender }` as JSON with a bearer token; any non-2xx answer is a failure (retried). */
export function httpSmsProvider({ url, token, sender }: { url: string; token?: string | undefined; sender: string }): SmsProvider {
  return {
    async send({ to, text }) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ to, text, sender }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`SMS provider answered ${response.status}`);
      const body = (await response.json().catch(() => ({}))) as { id?: unknown };
      return { providerId: typeof body.id === "string" ? body.id : null };
    },
  };
}

/** The provider the environment configures, or undefined (SMS disabled). */
export function smsProviderFromEnv(env: NodeJS.ProcessEnv = process.env): SmsProvider | undefined {
  return env.SMS_PROVIDER_URL ? httpSmsProvider({ url: env.SMS_PROVIDER_URL, token: env.SMS_PROVIDER_TOKEN, sender: env.SMS_SENDER ?? "Maillage" }) : undefined;
}
