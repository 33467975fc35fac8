import { describe, expect, it } from "vitest";
import { event, tenantWithKey } from "@/lib/testing/fixtures";
import { HOUR_MS } from "./common";
import { currentSeq, detectorRule, evaluate, ingest, keysOf } from "./testing";

// The statistical detectors against hourly counts built by the real collector: a burst far
// above an agent's own baseline fires, a busy hour that matches its baseline does not; an
// hour an agent never works in fires, its usual hours and a young agent do not.

const HOUR = Date.parse("2026-11-20T12:00:00.000Z");

/** `perHour` events of the agent in each of the `hours` hours before `end`, and `now` in the hour of `end`. */
function history(agentId: string, perHour: number, hours: number, end = HOUR) {
  const events: Record<string, unknown>[] = [];
  for (let h = 1; h <= hours; h++)
    for (let i = 0; i < perHour; i++)
      events.push(
        event({ time: new Date(end - h * HOUR_MS + i * 1_000).toISOString(), actor: { type: "agent", id: agentId } }),
      );
  return events;
}
const burst = (agentId: string, count: number, start = HOUR) =>
  Array.from({ length: count }, (_, i) =>
    event({
      id: `${agentId}-burst-${i}`,
      time: new Date(start + i * 1_000).toISOString(),
      actor: { type: "agent", id: agentId },
    }),
  );

describe("rate_anomaly", () => {
  const rule = detectorRule("rate_anomaly", { params: { baselineHours: 24 } });

  it("fires for an hour far above the agent's baseline, not for one that matches it or a small one", async () => {
    const { tenant, key } = await tenantWithKey("det-rate");
    await ingest(key, [...history("steady", 2, 24), ...history("busy", 25, 24)]);
    const before = await currentSeq(tenant.id);
    await ingest(key, [...burst("steady", 30), ...burst("busy", 26), ...burst("quiet", 10)]);

    const found = await evaluate(rule, tenant.id, { after: before });
    expect(keysOf(found)).toEqual(["agent:steady | 2026-11-20T12:00:00.000Z"]);
    expect(found[0]?.explanation).toMatchObject({ count: 30, mean: 2, sd: 0, z: 28, baselineHours: 24, zScore: 3 });
    expect(found[0]?.summary).toBe(
      "30 events by steady in the hour from 2026-11-20T12:00:00.000Z, z 28 over its 24 h baseline (mean 2, sd 0)",
    );
    expect(found[0]?.evidenceIds).toHaveLength(30);
    expect(found[0]?.windowEnd.getTime()).toBe(HOUR + HOUR_MS);

    // A batch holding only the event that tipped the hour still fires, with the whole burst as evidence.
    const tipping = await evaluate(rule, tenant.id, { after: before + 29n });
    expect(keysOf(tipping)).toEqual(["agent:steady | 2026-11-20T12:00:00.000Z"]);
    expect(tipping[0]?.evidenceIds).toEqual(found[0]?.evidenceIds);

    // quiet: 10 events over an empty baseline is z 10, but below minCount (20); lowered, it fires.
    const sensitive = detectorRule("rate_anomaly", { params: { baselineHours: 24, minCount: 5 } });
    expect(keysOf(await evaluate(sensitive, tenant.id, { after: before }))).toEqual([
      "agent:quiet | 2026-11-20T12:00:00.000Z",
      "agent:steady | 2026-11-20T12:00:00.000Z",
    ]);
  });

  it("counts quiet hours as zeros, so a spread of activity raises the sd", async () => {
    const { tenant, key } = await tenantWithKey("det-rate-sd");
    // 24 events in each of 6 of the last 24 hours: mean 6, sd √108 ≈ 10.39; 40 now is z ≈ 3.27.
    const spread = history("spiky", 24, 24).filter((_, i) => Math.floor(i / 24) % 4 === 0);
    await ingest(key, spread);
    const before = await currentSeq(tenant.id);
    await ingest(key, burst("spiky", 40));
    const [found] = await evaluate(rule, tenant.id, { after: before });
    expect(found?.explanation).toMatchObject({ count: 40, mean: 6, sd: 10.392, z: 3.272 });
    // A stricter threshold holds it back.
    const strict = detectorRule("rate_anomaly", { params: { baselineHours: 24, zScore: 3.5 } });
    expect(await evaluate(strict, tenant.id, { after: before })).toEqual([]);
  });
});

describe("off_hours", () => {
  const rule = detectorRule("off_hours", { params: { baselineHours: 72 } });
  /** `perHour` events at each of 09:00–16:00 UTC on the three days before 2026-11-20. */
  const officeHours = (agentId: string, perHour: number) =>
    ["17", "18", "19"].flatMap((day) =>
      [9, 10, 11, 12, 13, 14, 15, 16].flatMap((hour) =>
        Array.from({ length: perHour }, (_, i) =>
          event({
            time: `2026-11-${day}T${String(hour).padStart(2, "0")}:${String(i).padStart(2, "0")}:00.000Z`,
            actor: { type: "agent", id: agentId },
          }),
        ),
      ),
    );
  const at = (id: string, agentId: string, time: string) =>
    event({ id, time: `2026-11-20T${time}:00.000Z`, actor: { type: "agent", id: agentId } });

  it("fires for an hour of day the agent never works in, not for its usual hours or a young agent", async () => {
    const { tenant, key } = await tenantWithKey("det-off");
    await ingest(key, [...officeHours("office", 5), ...officeHours("young", 2)]);
    const before = await currentSeq(tenant.id);
    await ingest(key, [
      at("night-1", "office", "03:10"),
      at("night-2", "office", "03:40"),
      at("day-1", "office", "10:15"),
      at("young-night", "young", "03:10"),
    ]);

    const found = await evaluate(rule, tenant.id, { after: before });
    expect(keysOf(found)).toEqual(["agent:office | 2026-11-20T03"]);
    expect(found[0]?.explanation).toMatchObject({ hourOfDay: 3, share: 0, baselineEvents: 120, eventsInHour: 2 });
    expect(found[0]?.evidenceIds).toEqual(["night-1", "night-2"]);
    expect(found[0]?.summary).toBe(
      "office active at 03:00 UTC on 2026-11-20, an hour that held 0% of its 120 events over the last 72 h (under 1%)",
    );

    // The scope narrows it to other agents: nothing left to judge.
    expect(
      await evaluate(detectorRule("off_hours", { scope: { agents: ["young"] } }), tenant.id, { after: before }),
    ).toEqual([]);
  });

  it("judges the share against maxShare: a rare but present hour fires only under a lower bar", async () => {
    const { tenant, key } = await tenantWithKey("det-off-share");
    // 120 office-hour events and 2 at 20:00 two days ago: 20:00 holds 2/122 ≈ 1.6%.
    await ingest(key, [
      ...officeHours("office", 5),
      event({ time: "2026-11-18T20:05:00.000Z", actor: { type: "agent", id: "office" } }),
      event({ time: "2026-11-18T20:06:00.000Z", actor: { type: "agent", id: "office" } }),
    ]);
    const before = await currentSeq(tenant.id);
    await ingest(key, [at("evening", "office", "20:30")]);
    // 96 h back from 20:00 reaches the first office day (72 h would start after it, at 17 Nov 20:00).
    const usual = detectorRule("off_hours", { params: { baselineHours: 96 } });
    expect(await evaluate(usual, tenant.id, { after: before })).toEqual([]);
    const strict = detectorRule("off_hours", { params: { baselineHours: 96, maxShare: 0.02 } });
    const [found] = await evaluate(strict, tenant.id, { after: before });
    expect(found?.explanation).toMatchObject({
      hourOfDay: 20,
      share: 0.0164,
      eventsAtHourOfDay: 2,
      baselineEvents: 122,
    });
  });
});
