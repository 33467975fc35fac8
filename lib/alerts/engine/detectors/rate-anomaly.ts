import { DETECTOR_DEFAULTS, type DetectorRule } from "../../rules/schema";
import type { Candidate, EvalContext } from "../types";
import { agentHoursOf, baselineHoursOf, hourEvidence, hoursBefore, loadBaselines } from "./baseline";
import { candidate, HOUR_MS, round } from "./common";

// An agent's hour far busier than its own history: a z-score over hourly counts, simple
// enough to explain in the alert. The baseline is the `baselineHours` hours before the hour
// in question (quiet hours count as zero); z = (count − mean) / max(sd, 1), the floor keeping
// a perfectly regular agent from alerting on one extra event. It fires when z ≥ zScore and
// the hour holds at least minCount events, once per agent and hour.

export async function rateAnomaly(rule: DetectorRule, context: EvalContext): Promise<Candidate[]> {
  const baselineHours = baselineHoursOf(rule);
  const zScore = rule.params?.zScore ?? DETECTOR_DEFAULTS.zScore;
  const minCount = rule.params?.minCount ?? DETECTOR_DEFAULTS.minCount;
  const agentHours = agentHoursOf(rule, context);
  const baselines = await loadBaselines(context, baselineHours);
  const found: Candidate[] = [];
  for (const { agentId, hour } of agentHours) {
    const baseline = baselines.get(agentId);
    if (!baseline) continue;
    const count = baseline.countAt(hour.getTime());
    if (count < minCount) continue;
    const history = hoursBefore(baseline, hour, baselineHours);
    const mean = history.reduce((a, b) => a + b, 0) / history.length;
    const sd = Math.sqrt(history.reduce((a, b) => a + (b - mean) ** 2, 0) / history.length);
    const z = (count - mean) / Math.max(sd, 1);
    if (z < zScore) continue;
    found.push(
      candidate(rule, {
        groupKey: `agent:${agentId}`,
        windowKey: hour.toISOString(),
        windowStart: hour,
        windowEnd: new Date(hour.getTime() + HOUR_MS),
        summary: `${count} events by ${agentId} in the hour from ${hour.toISOString()}, z ${round(z, 1)} over its ${baselineHours} h baseline (mean ${round(mean)}, sd ${round(sd)})`,
        explanation: {
          model: "z-score of hourly event counts",
          agent: agentId,
          hour: hour.toISOString(),
          count,
          mean: round(mean, 3),
          sd: round(sd, 3),
          z: round(z, 3),
          zScore,
          minCount,
          baselineHours,
          baselineEvents: history.reduce((a, b) => a + b, 0),
        },
        evidenceIds: await hourEvidence(context, agentId, hour),
      }),
    );
  }
  return found;
}
