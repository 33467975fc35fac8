import { describe, expect, it } from "vitest";
import { event, postEvents, tenantWithKey } from "@/lib/testing/fixtures";
import { consentFlags } from "./consent";
import { loadConsentContext } from "./consent-load";
import type { FlagEvent, FlagMap } from "./types";

// Consent findings with their context loaded from real Postgres (the pure rules: consent.test.ts).

const USER = { type: "user" as const, id: "u-1", name: "Una" };

describe("consent flags with loaded context (real Postgres)", () => {
  it("loads the user's consent events and the root agent's clients, and flags the delegated use", async () => {
    const { tenant, key } = await tenantWithKey("consent");
    const planner = { type: "agent", id: "ops-planner", name: "Ops Planner" };
    const plannerClient = { id: "cl-planner", kind: "ai_agent", registration: "pre_registered" };
    const posted = await postEvents(key, [
      event({
        id: "c-req",
        type: "consent.requested",
        time: "2026-11-20T09:00:00Z",
        actor: planner,
        onBehalfOf: USER,
        client: plannerClient,
        target: { type: "consent", id: "cns_p" },
        consent: { id: "cns_p", scopes: ["tickets:write"] },
      }),
      event({
        id: "c-grant",
        type: "consent.granted",
        time: "2026-11-20T09:01:00Z",
        actor: USER,
        client: plannerClient,
        target: { type: "consent", id: "cns_p" },
        consent: { id: "cns_p", scopes: ["tickets:write"] },
      }),
      event({
        id: "c-revoke",
        type: "consent.revoked",
        time: "2026-11-20T10:00:00Z",
        actor: USER,
        client: plannerClient,
        target: { type: "consent", id: "cns_p" },
        consent: { id: "cns_p" },
      }),
      // Another user's consent to the same planner stays out of this user's context.
      event({
        id: "c-other",
        type: "consent.granted",
        time: "2026-11-20T09:01:00Z",
        actor: { type: "user", id: "u-2" },
        client: plannerClient,
        target: { type: "consent", id: "cns_other" },
        consent: { id: "cns_other", scopes: ["tickets:write"] },
      }),
    ]);
    expect(posted.status).toBe(200);

    const context = await loadConsentContext(tenant.id, ["u-1"]);
    expect(context.events.map((e) => e.eventId)).toEqual(["c-req", "c-grant", "c-revoke"]);
    expect(context.clientsOfAgent.get("ops-planner")).toEqual(["cl-planner"]);

    const delegated = (id: string, time: string): FlagEvent => ({
      eventId: id,
      seq: "0",
      type: "token.exchanged",
      time: new Date(time),
      outcome: "success",
      actorType: "agent",
      actorId: "ticket-bot",
      agentId: "ticket-bot",
      onBehalfOfId: "u-1",
      clientId: "cl-ticket-bot",
      correlationId: null,
      data: {
        delegation: [
          { ...USER, scopes: ["tickets:write"] },
          { type: "agent", id: "ops-planner" },
          { type: "agent", id: "ticket-bot" },
        ],
        scopes: ["tickets:write"],
      },
    });
    const into: FlagMap = new Map();
    consentFlags(
      [delegated("before", "2026-11-20T09:30:00Z"), delegated("after", "2026-11-20T10:05:00Z")],
      context,
      into,
    );
    expect([...into.keys()]).toEqual(["after"]);
    expect(into.get("after")?.[0]).toMatchObject({ kind: "use_after_revocation", evidence: ["c-revoke"] });

    // Tenant-scoped: the same user id in another tenant has no consent history here.
    const { tenant: rival } = await tenantWithKey("rival");
    expect((await loadConsentContext(rival.id, ["u-1"])).events).toEqual([]);
  });
});
