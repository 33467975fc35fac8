import { randomBytes } from "node:crypto";

// Test payloads modelled on the providers' documented samples, with ids made unique per call so
// every test has its own events.
//
// Auth0: the record fields follow the log object of the Management API's "Get a log event by
// id" sample response (https://auth0.com/docs/api/management/v2/logs/get-logs-by-id: date,
// type, description, connection, connection_id, client_id, client_name, ip, hostname, user_id,
// user_name, audience, scope, strategy, strategy_type, log_id, isMobile, details, user_agent,
// location_info), wrapped in the `{ log_id, data }` envelope that Log Streams custom webhooks
// deliver (https://auth0.com/docs/customize/log-streams/custom-log-streams); type codes and
// descriptions from https://auth0.com/docs/deploy-monitor/logs/log-event-type-codes.
//
// Okta: the delivery follows the event hook request sample of
// https://developer.okta.com/docs/concepts/event-hooks/ (eventType "com.okta.event_hook",
// eventTypeVersion, cloudEventsVersion, source, eventId, eventTime, contentType, data.events),
// and each event the LogEvent example of the System Log API
// (https://developer.okta.com/docs/reference/api/system-log/: uuid, published, eventType,
// version, severity, displayMessage, actor, client, authenticationContext, outcome, target,
// transaction, debugContext, legacyEventType).

const suffix = () => randomBytes(6).toString("hex");

export function auth0Log(type: string, overrides: Record<string, unknown> = {}) {
  const logId = `9002026112810${randomBytes(12).toString("hex")}`;
  return {
    log_id: logId,
    data: {
      date: "2026-11-20T09:58:29.532Z",
      type,
      description: "",
      connection: "Username-Password-Authentication",
      connection_id: "con_dQSwCrj8gBvR2n5Q",
      client_id: "AaiyAPdpYdesoKnqjj8HJqRn4T5titww",
      client_name: "My application Name",
      ip: "190.57.209.19",
      hostname: "example.eu.auth0.com",
      user_id: "auth0|56c75c4e42b6359e98374bc2",
      user_name: "jane@example.com",
      strategy: "auth0",
      strategy_type: "database",
      isMobile: false,
      details: { prompts: [], initiatedAt: 1763632709000, completedAt: 1763632709532, stats: { loginsCount: 7 } },
      user_agent: "Chrome 131.0.0 / Mac OS X 10.15.7",
      location_info: { country_code: "DE", city_name: "Berlin", time_zone: "Europe/Berlin" },
      log_id: logId,
      tenant_name: "example",
      ...overrides,
    },
  };
}

/** One of each kind the receiver maps, as Auth0 would stream them. */
export function auth0Batch() {
  return {
    login: auth0Log("s"),
    wrongPassword: auth0Log("fp", { description: "Wrong email or password." }),
    mfa: auth0Log("gd_auth_succeed", { description: "Second factor authentication succeeded" }),
    codeExchange: auth0Log("seacft", {
      description: "Authorization Code for Access Token",
      audience: "https://mcp.example.com",
      scope: "openid profile payments:read",
    }),
    refresh: auth0Log("sertft", { description: "Refresh Token for Access Token", scope: "openid offline_access" }),
    machineFailure: auth0Log("feccft", {
      description: "Unauthorized",
      user_id: "",
      user_name: "",
      client_id: "m2m-billing-worker",
      client_name: "Billing worker",
    }),
    logout: auth0Log("slo", { description: "User successfully logged out." }),
    signup: auth0Log("ss", { description: "Successful signup" }),
    // The documented sapi sample carries ip "190.257.209.19", which is not an address.
    managementApi: auth0Log("sapi", {
      description: "Create a client",
      ip: "190.257.209.19",
      details: { request: { method: "post", path: "/api/v2/clients", channel: "https://manage.auth0.com/" } },
    }),
  };
}

export function oktaEvent(eventType: string, overrides: Record<string, unknown> = {}) {
  return {
    uuid: `dc9fd3c0-598c-11ef-8478-${suffix()}`,
    published: "2026-11-20T10:01:12.345Z",
    eventType,
    version: "0",
    severity: "INFO",
    legacyEventType: "core.user_auth.login_success",
    displayMessage: "User login to Okta",
    actor: {
      id: "00uttidj01jqL21aM1d6",
      type: "User",
      alternateId: "john.doe@example.com",
      displayName: "John Doe",
      detailEntry: null,
    },
    client: {
      userAgent: {
        rawUserAgent:
          "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        os: "Mac OS X",
        browser: "CHROME",
      },
      zone: null,
      device: "Computer",
      id: null,
      ipAddress: "10.0.0.1",
      geographicalContext: { city: "San Francisco", state: "California", country: "United States" },
    },
    device: null,
    authenticationContext: {
      authenticationProvider: null,
      credentialProvider: null,
      credentialType: null,
      issuer: null,
      interface: null,
      authenticationStep: 0,
      externalSessionId: "102bZDNFfWaQSyEZQuDgWt-uQ",
    },
    outcome: { result: "SUCCESS", reason: null },
    securityContext: { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: null },
    debugContext: { debugData: { requestUri: "/idp/idx/authenticators/poll", url: "/idp/idx/authenticators/poll?" } },
    transaction: { type: "WEB", id: "V04Oy4ubUOc5UuG6s9DyNQAABtc", detail: {} },
    request: { ipChain: [{ ip: "10.0.0.1", version: "V4", source: null }] },
    target: [],
    ...overrides,
  };
}

const app = { id: "0oa1gkh63g214r0Hq0g4", type: "AppInstance", alternateId: "MCP Console", displayName: "MCP Console" };

/** One of each kind the receiver maps, as System Log events. */
export function oktaBatch() {
  return {
    login: oktaEvent("user.session.start"),
    failedLogin: oktaEvent("user.session.start", {
      outcome: { result: "FAILURE", reason: "INVALID_CREDENTIALS" },
      legacyEventType: "core.user_auth.login_failed",
    }),
    mfa: oktaEvent("user.authentication.auth_via_mfa", {
      displayMessage: "Authentication of user via MFA",
      authenticationContext: { externalSessionId: "102bZDNFfWaQSyEZQuDgWt-uQ", credentialType: "OTP" },
    }),
    accessToken: oktaEvent("app.oauth2.as.token.grant.access_token", {
      displayMessage: "OAuth2 access token is granted",
      target: [
        { id: "AT.6Zd3GvYvL2q4GBnGqQ9K", type: "access_token", alternateId: "MCP access token", displayName: null },
        { id: "aus1gkh63g214r0Hq0g4", type: "AuthorizationServer", alternateId: "default", displayName: "default" },
        app,
      ],
      debugContext: {
        debugData: {
          grantType: "authorization_code",
          grantedScopes: "openid profile payments:read",
          audience: "https://mcp.example.com",
        },
      },
    }),
    revoke: oktaEvent("app.oauth2.as.token.revoke", {
      displayMessage: "OAuth2 token revocation request",
      target: [{ id: "RT.Q2lQeTpxwGq4QbYpWn2", type: "refresh_token", alternateId: null, displayName: null }, app],
    }),
    rejected: oktaEvent("app.oauth2.as.authorize", {
      displayMessage: "OAuth2 authorization request",
      outcome: { result: "FAILURE", reason: "invalid_scope" },
      target: [app],
    }),
    consent: oktaEvent("app.oauth2.as.consent.grant", {
      displayMessage: "User granted consent to app",
      target: [app],
      debugContext: { debugData: { scopes: "payments:read payments:write" } },
    }),
    logout: oktaEvent("user.session.end", { displayMessage: "User logout from Okta" }),
    created: oktaEvent("user.lifecycle.create", { displayMessage: "Create okta user" }),
  };
}

export function oktaDelivery(events: unknown[]) {
  return {
    eventType: "com.okta.event_hook",
    eventTypeVersion: "1.0",
    cloudEventsVersion: "0.1",
    source: "https://example.okta.com/api/v1/eventHooks/whr42i6Dq0000000001",
    eventId: `b5a188b9-5ece-4636-b041-${suffix()}`,
    eventTime: "2026-11-20T10:01:13.000Z",
    contentType: "application/json",
    data: { events },
  };
}
