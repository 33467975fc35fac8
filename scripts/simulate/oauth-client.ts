import { createHash, randomBytes } from "node:crypto";
import { TOKEN_EXCHANGE } from "./auth-exchange";
import { CookieJar } from "./http";

// The client side of OAuth as the agents run it: Dynamic Client Registration, the
// authorization-code flow with PKCE (S256) and a resource indicator, driven through a scripted
// browser in which the human signs in and grants or denies consent, and token exchange.

export const REDIRECT_URI = "http://127.0.0.1/callback";

export type Authorization = { code: string; verifier: string } | { error: string };

/** An authorization server's endpoints, as its metadata (RFC 8414 / OIDC discovery) names them. */
export type AsEndpoints = { issuer: string; authorization: string; token: string; registration?: string };

const base64url = (bytes: Buffer) => bytes.toString("base64url");

export async function registerDynamically(
  endpoints: AsEndpoints,
  agent: { id: string; name: string },
  grantTypes: string[],
  headers: Record<string, string>,
): Promise<string> {
  const interactive = grantTypes.includes("authorization_code");
  if (!endpoints.registration) throw new Error(`${endpoints.issuer} does not offer dynamic registration`);
  const response = await fetch(endpoints.registration, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({
      client_name: agent.name,
      software_id: agent.id,
      application_type: "native",
      token_endpoint_auth_method: "none",
      grant_types: grantTypes,
      response_types: interactive ? ["code"] : [],
      redirect_uris: interactive ? [REDIRECT_URI] : [],
    }),
  });
  const body = (await response.json()) as { client_id?: string };
  if (!response.ok || !body.client_id)
    throw new Error(`registration failed: ${response.status} ${JSON.stringify(body)}`);
  return body.client_id;
}

type AuthorizeOptions = {
  endpoints: AsEndpoints;
  clientId: string;
  resource: string;
  scopes: string[];
  user: string;
  /** What the scripted human answers on the consent screen. */
  decision: "grant" | "deny";
  headers: Record<string, string>;
};

/** Authorization request → login → consent → redirect back with a code (or an error). */
export async function authorize(options: AuthorizeOptions): Promise<Authorization> {
  const verifier = base64url(randomBytes(32));
  const challenge = base64url(createHash("sha256").update(verifier).digest());
  const query = new URLSearchParams({
    response_type: "code",
    client_id: options.clientId,
    redirect_uri: REDIRECT_URI,
    scope: ["openid", ...options.scopes].join(" "),
    resource: options.resource,
    code_challenge: challenge,
    code_challenge_method: "S256",
    state: base64url(randomBytes(8)),
  });
  const jar = new CookieJar();
  const go = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...options.headers, ...(init.headers as Record<string, string>), cookie: jar.header() },
    });
    jar.store(response);
    return response;
  };
  let response = await go(`${options.endpoints.authorization}?${query}`);
  for (let step = 0; step < 12; step++) {
    const location = response.headers.get("location");
    if (!location) throw new Error(`authorization stopped at ${response.status}: ${await response.text()}`);
    const url = new URL(location, options.endpoints.authorization);
    if (url.href.startsWith(REDIRECT_URI)) {
      const code = url.searchParams.get("code");
      return code ? { code, verifier } : { error: url.searchParams.get("error") ?? "unknown_error" };
    }
    if (!url.pathname.startsWith("/interaction/")) {
      response = await go(url.href);
      continue;
    }
    const screen = (await (await go(url.href)).json()) as { prompt: string };
    const [action, body] =
      screen.prompt === "login" ? ["login", { login: options.user }] : ["confirm", { decision: options.decision }];
    response = await go(`${url.href}/${action}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  }
  throw new Error("authorization did not finish");
}

export type TokenResponse = { access_token: string; scope?: string; expires_in?: number };

async function tokenRequest(endpoints: AsEndpoints, form: Record<string, string>, headers: Record<string, string>) {
  const response = await fetch(endpoints.token, {
    method: "POST",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
  const body = (await response.json()) as TokenResponse & { error?: string; error_description?: string };
  if (!response.ok) throw new Error(`token request failed: ${body.error}: ${body.error_description}`);
  return body;
}

export function redeemCode(
  endpoints: AsEndpoints,
  clientId: string,
  resource: string,
  grant: { code: string; verifier: string },
  headers: Record<string, string>,
) {
  return tokenRequest(
    endpoints,
    {
      grant_type: "authorization_code",
      client_id: clientId,
      code: grant.code,
      code_verifier: grant.verifier,
      redirect_uri: REDIRECT_URI,
      resource,
    },
    headers,
  );
}

export function exchangeToken(
  endpoints: AsEndpoints,
  clientId: string,
  subjectToken: string,
  resource: string,
  scopes: string[],
  headers: Record<string, string>,
) {
  return tokenRequest(
    endpoints,
    {
      grant_type: TOKEN_EXCHANGE,
      client_id: clientId,
      subject_token: subjectToken,
      subject_token_type: "urn:ietf:params:oauth:token-type:access_token",
      resource,
      scope: scopes.join(" "),
    },
    headers,
  );
}
