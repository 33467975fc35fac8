import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { pool } from "@/lib/db";
import { event, postEvents, tenantWithKey } from "@/lib/testing/fixtures";
import { parseRuleSet } from "../rules/document";
import { applyRuleSet } from "../rules/store";
import { startAlertWorker } from "../worker";
import { listDeliveries } from "./deliveries";
import { createDestination } from "./destinations";
import { verifySignature } from "./signature";

// End to end: events in through the collector, the alert worker raises an alert whose rule
// names two destinations; the live one gets a signed POST, the dead one only fills the log.

process.env.ATTEST_SECRET_KEY ??= "test-master-key-0123456789-abcdefghijklmnop";

describe("alert → webhook", () => {
  it("posts a signed alert.fired for a rule's notify target; a dead destination does not hold the alert up", async () => {
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    const { tenant, key } = await tenantWithKey("e2w");
    const live = await createDestination(tenant.id, {
      name: "soc",
      url: `http://127.0.0.1:${port}/hook`,
      format: "json",
      createdBy: "t",
    });
    await createDestination(tenant.id, {
      name: "dead",
      url: "http://127.0.0.1:1/closed",
      format: "json",
      createdBy: "t",
    });
    const parsed = parseRuleSet(`version: 1
rules:
  - id: two-logins
    name: Two failed logins
    severity: low
    kind: threshold
    match: { types: [auth.login], outcomes: [failure] }
    groupBy: user
    count: 2
    window: 10m
    notify: [soc, dead]
`);
    if (!parsed.ok) throw new Error("bad rules");
    await applyRuleSet(tenant.id, parsed.ruleSet, { actor: "user:test", source: "ui" });
    const worker = startAlertWorker({ intervalMs: 100, onlyTenants: [tenant.id] });
    try {
      const now = Date.now();
      const login = (i: number) =>
        event({
          type: "auth.login",
          outcome: "failure",
          reason: "bad password",
          time: new Date(now - i * 1000).toISOString(),
          actor: { type: "user", id: "u-1" },
        });
      expect((await postEvents(key, [login(2), login(1)])).status).toBe(200);
      const deadline = Date.now() + 20_000;
      while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(received).toHaveLength(1);
      const [request] = received;
      expect(verifySignature(live.secret, String(request?.headers["attest-signature"]), request?.body ?? "")).toBe(
        true,
      );
      expect(JSON.parse(request?.body ?? "{}")).toMatchObject({ type: "alert.fired", alert: { ruleId: "two-logins" } });
      const { rows } = await pool().query("SELECT count(*)::int AS n FROM alerts WHERE tenant_id = $1", [tenant.id]);
      expect(rows[0].n).toBe(1);
      while ((await listDeliveries(tenant.id)).length < 2 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      const log = await listDeliveries(tenant.id);
      expect(log.find((d) => d.destinationName === "soc")).toMatchObject({ status: "delivered", attempt: 1 });
      expect(log.find((d) => d.destinationName === "dead")).toMatchObject({
        status: "failed",
        attempt: 1,
        responseStatus: null,
      });
    } finally {
      await worker.stop();
      await new Promise((r) => server.close(r));
    }
  });
});
