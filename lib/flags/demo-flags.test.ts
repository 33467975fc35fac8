import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { pool } from "@/lib/db";
import { seedDemo } from "@/lib/demo/seed";
import { flagsForEvents } from "./load";
import { FLAG_EVENT_COLUMNS, type FlagRow, toFlagEvent } from "./rows";

// The seeded demo, stored through the collector, is flagged exactly where its scripted
// stories put a fault, and nowhere in its thousands of ordinary events.

describe("flags on the seeded demo", () => {
  it("finds each scripted fault once and nothing in the ordinary traffic", async () => {
    const tenantSlug = `flags-demo-${randomBytes(4).toString("hex")}`;
    const seeded = await seedDemo({ seed: 42, events: 3_000, tenantSlug, now: "2026-11-28T12:00:00.000Z" });
    const { rows } = await pool().query<FlagRow>(
      `SELECT ${FLAG_EVENT_COLUMNS} FROM events e WHERE e.tenant_id = $1 ORDER BY e.seq`,
      [seeded.tenant.id],
    );
    const events = rows.map(toFlagEvent);
    const flags = await flagsForEvents(seeded.tenant.id, events);
    const found = [...flags.values()].flat().map((flag) => {
      const event = events.find((e) => e.eventId === flag.eventId);
      const target = event?.data.target;
      return `${flag.kind} ${event?.type}${target?.type === "tool" || target?.type === "api" ? ` ${target.id}` : ""}`;
    });
    expect(found.sort()).toEqual(
      [
        // The escalating chain: the exchange that widened it and everything done with it; the
        // widened token also holds a scope the human never consented to.
        "delegation_escalation token.exchanged",
        "out_of_consent_scope token.exchanged",
        "delegation_escalation mcp.session.started",
        "delegation_escalation mcp.tool.called snowflake.run_query",
        "delegation_escalation downstream.called POST https://northwind.snowflakecomputing.example/api/v2/statements",
        "use_after_revocation mcp.tool.called zendesk.reply",
        "out_of_consent_scope mcp.tool.called crm.export_customers",
        "action_before_approval downstream.called POST https://api.stripe.com/v1/refunds",
        "high_value_without_approval downstream.called POST https://api.stripe.com/v1/refunds",
      ].sort(),
    );
  });
});
