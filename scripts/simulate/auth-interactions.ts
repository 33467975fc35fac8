import type { IncomingMessage, ServerResponse } from "node:http";
import { type AuthState, clientEvent } from "./auth-server";
import { now, person, spanFromHeaders, traced } from "./context";
import { readJson, sendJson } from "./http";

// The authorization server's own login and consent screens, as JSON endpoints a scripted
// browser drives: GET /interaction/:uid shows the prompt, POST …/login signs the user in,
// POST …/confirm records the human's decision (grant or deny). oidc-provider then resumes the
// authorization request and redirects back to the client.

const SOURCE = { service: "sim-authorization-server" };

export async function handleInteraction(state: AuthState, req: IncomingMessage, res: ServerResponse) {
  const { provider, options, clients } = state;
  const details = await provider.interactionDetails(req, res);
  const clientId = String(details.params.client_id);
  const info = clients.get(clientId);
  const agent = { type: "agent" as const, id: info?.agentId ?? clientId, name: info?.agentName };
  const client = clientEvent(clientId, info, info?.agentName);
  const span = spanFromHeaders(req.headers);
  const consentId = `cns-${details.uid}`;
  const scopes = String(details.params.scope ?? "")
    .split(" ")
    .filter((s) => s && s !== "openid");
  const resource = String(details.params.resource ?? options.resource);
  const action = req.url?.split("/")[3];
  const session = details.session ? { session: { id: details.session.uid } } : {};

  if (req.method === "GET" && !action) {
    if (details.prompt.name === "consent") {
      options.send({
        type: "consent.requested",
        time: now(),
        actor: agent,
        onBehalfOf: person(String(details.session?.accountId)),
        ...session,
        client,
        ...traced(span),
        target: { type: "consent", id: consentId },
        resource,
        scopes,
        consent: { id: consentId, scopes },
        source: SOURCE,
      });
    }
    return sendJson(res, 200, { uid: details.uid, prompt: details.prompt.name, client: clientId, scopes, resource });
  }
  if (req.method !== "POST") return sendJson(res, 405, { error: "method not allowed" });
  const body = await readJson(req);

  if (action === "login" && details.prompt.name === "login") {
    const user = String(body.login);
    options.send({
      type: "auth.login",
      time: now(),
      actor: person(user),
      client,
      ...traced(span),
      target: { type: "client", id: clientId, name: info?.agentName },
      source: SOURCE,
      attributes: { method: "password", tenant: options.tenant },
    });
    return provider.interactionFinished(req, res, { login: { accountId: user } }, { mergeWithLastSubmission: false });
  }

  if (action === "confirm" && details.prompt.name === "consent") {
    const user = String(details.session?.accountId);
    const base = {
      time: now(),
      actor: person(user),
      ...session,
      client,
      ...traced(span),
      target: { type: "consent" as const, id: consentId },
      resource,
      scopes,
      source: SOURCE,
    };
    if (body.decision !== "grant") {
      options.send({ ...base, type: "consent.denied", consent: { id: consentId, scopes } });
      return provider.interactionFinished(
        req,
        res,
        { error: "access_denied", error_description: "the user denied consent" },
        { mergeWithLastSubmission: false },
      );
    }
    const grant = new provider.Grant({ accountId: user, clientId });
    // Resource scopes are also listed as provider scopes, so oidc-provider wants them on both.
    grant.addOIDCScope(["openid", ...scopes].join(" "));
    grant.addResourceScope(resource, scopes.join(" "));
    const grantId = await grant.save();
    state.grants.push({ consentId, grantId, userId: user, clientId, revoked: false });
    options.send({ ...base, type: "consent.granted", consent: { id: consentId, scopes } });
    return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }
  return sendJson(res, 400, { error: `unexpected ${action} for prompt ${details.prompt.name}` });
}

/**
 * The human revokes every consent they gave this client. The grants are destroyed at the AS,
 * but JWT access tokens already issued stay valid at a resource server that does not
 * introspect: exactly the use Attest must flag.
 */
export async function revokeConsents(
  state: AuthState,
  userId: string,
  clientId: string,
  headers: Record<string, string>,
) {
  const span = spanFromHeaders(new Headers(headers));
  const info = state.clients.get(clientId);
  const live = state.grants.filter((g) => g.userId === userId && g.clientId === clientId && !g.revoked);
  for (const grant of live) {
    grant.revoked = true;
    await (await state.provider.Grant.find(grant.grantId))?.destroy();
    state.options.send({
      type: "consent.revoked",
      time: now(),
      actor: person(userId),
      client: clientEvent(clientId, info, info?.agentName),
      ...traced(span),
      target: { type: "consent", id: grant.consentId },
      consent: { id: grant.consentId },
      source: SOURCE,
    });
  }
  return live.length;
}
