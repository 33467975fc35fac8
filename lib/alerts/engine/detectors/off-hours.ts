import { DETECTOR_DEFAULTS, type DetectorRule } from "../../rules/schema";
import type { Candidate, EvalContext } from "../types";
import { agentHoursOf, baselineHoursOf, hourEvidence, hoursBefore, loadBaselines } from "./baseline";
import { candidate, HOUR_MS, round } from "./common";

// Activity outside an agent's usual hours: the hour of day (UTC) of its event held less than
// maxShare of the agent's events over the baseline before it. With fewer than
// MIN_BASELINE_EVENTS baseline events there is no verdict: a young agent has no usual hours.
// One alert per agent and clock hour (date and hour).

export const MIN_BASELINE_EVENTS = 100;

export async function offHours(rule: DetectorRule, context: EvalContext): Promise<Candidate[]> {
  const baselineHours = baselineHoursOf(rule);
  const maxShare = rule.params?.maxShare ?? DETECTOR_DEFAULTS.maxShare;
  const agentHours = agentHoursOf(rule, context);
  const baselines = await loadBaselines(context, baselineHours);
  const found: Candidate[] = [];
  for (const { agentId, hour } of agentHours) {
    const baseline = baselines.get(agentId);
    if (!baseline) continue;
    const history = hoursBefore(baseline, hour, baselineHours);
    const total = history.reduce((a, b) => a + b, 0);
    if (total < MIN_BASELINE_EVENTS) continue;
    // history[i] is the hour `baselineHours - i` before `hour`: same hour of day every 24.
    const hourOfDay = hour.getUTCHours();
    const atHourOfDay = history.filter((_, i) => (baselineHours - i) % 24 === 0).reduce((a, b) => a + b, 0);
    const share = atHourOfDay / total;
    if (share >= maxShare) continue;
    const label = `${String(hourOfDay).padStart(2, "0")}:00 UTC`;
    found.push(
      candidate(rule, {
        groupKey: `agent:${agentId}`,
        windowKey: hour.toISOString().slice(0, 13),
        windowStart: hour,
        windowEnd: new Date(hour.getTime() + HOUR_MS),
        summary: `${agentId} active at ${label} on ${hour.toISOString().slice(0, 10)}, an hour that held ${round(share * 100)}% of its ${total} events over the last ${baselineHours} h (under ${round(maxShare * 100)}%)`,
        explanation: {
          agent: agentId,
          hourOfDay,
          share: round(share, 4),
          maxShare,
          eventsAtHourOfDay: atHourOfDay,
          baselineEvents: total,
          baselineHours,
          eventsInHour: baseline.countAt(hour.getTime()),
        },
        evidenceIds: await hourEvidence(context, agentId, hour),
      }),
    );
  }
  return found;
}
