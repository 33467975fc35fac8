import { z } from "zod";
import { ruleTestReport, TEST_RANGES, type TestRange } from "@/lib/alerts/rules/rule-test-report";
import { ruleSchema } from "@/lib/alerts/rules/schema";
import { apiRoute, jsonBody } from "@/lib/api/route";

// POST /api/v1/alert-rules/test { rule, range: "24h" | "7d" }: how many times the rule, saved
// or not, would have fired over that range, and on which events. Nothing is stored. It needs
// rules:manage (admins and analysts), like the editor that offers it: a test replays up to
// 200,000 events, so it is not offered to every reader.
const body = z.strictObject({
  rule: ruleSchema,
  range: z.enum(Object.keys(TEST_RANGES) as [TestRange, ...TestRange[]]),
});

export const POST = apiRoute({ auth: "session", permission: "rules:manage" }, async ({ request, auth }) => {
  const { rule, range } = await jsonBody(request, body);
  return Response.json(await ruleTestReport(auth.tenant.id, rule, range), { headers: { "Cache-Control": "no-store" } });
});
