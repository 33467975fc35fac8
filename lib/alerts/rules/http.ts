import { ApiError } from "../../api/errors";
import type { RequestActor } from "../../api/route";
import { MAX_DOCUMENT_BYTES, parseRuleSet, ruleSetToYaml } from "./document";
import type { RuleSet } from "./schema";
import { type ApplyResult, applyRuleSet, type CurrentRuleSet, RuleVersionConflict } from "./store";

// The HTTP side of rules as code, shared by GET/PUT /api/v1/alert-rules: content types, the
// ETag/If-Match version handshake, and errors in the one error shape.

const YAML_TYPES = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"];

export const etagOf = (version: number) => `"${version}"`;

function expectedVersion(request: Request): number | undefined {
  const header = request.headers.get("if-match");
  if (!header) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) throw new ApiError(400, "invalid_if_match", 'If-Match must be the ETag of a rule set version, e.g. "3".');
  return Number(match[1]);
}

/** The exported rule set: YAML by default, JSON with ?format=json; the ETag is its version. */
export function exportResponse(current: CurrentRuleSet, format: string | null): Response {
  const headers = { ETag: etagOf(current.version), "Cache-Control": "no-store" };
  if (format === "json") return Response.json({ version: current.version, ruleSet: current.ruleSet }, { headers });
  return new Response(ruleSetToYaml(current.ruleSet), {
    headers: { ...headers, "Content-Type": "application/yaml; charset=utf-8" },
  });
}

async function readRuleSet(request: Request): Promise<RuleSet> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type !== "application/json" && !YAML_TYPES.includes(type))
    throw new ApiError(415, "unsupported_media_type", "Send the rule set as application/yaml or application/json.");
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_DOCUMENT_BYTES) throw new ApiError(413, "too_large", "A rule set is at most 1 MB.");
  const result = parseRuleSet(await request.text());
  if (result.ok) return result.ruleSet;
  const problems = result.errors.map(
    (e) => `${e.path || "document"}${e.line ? ` (line ${e.line})` : ""}: ${e.message}`,
  );
  throw new ApiError(400, "invalid_rules", `The rule set is not valid; nothing was applied. ${problems.join("; ")}`);
}

/** PUT: validate, then dry-run or apply as the actor's new version. */
export async function applyFromRequest(request: Request, actor: RequestActor): Promise<Response> {
  const ruleSet = await readRuleSet(request);
  const dryRun = ["1", "true"].includes(new URL(request.url).searchParams.get("dryRun") ?? "");
  let result: ApplyResult;
  try {
    result = await applyRuleSet(actor.tenantId, ruleSet, {
      actor: actor.label,
      source: actor.via === "token" ? "api" : "ui",
      dryRun,
      expectedVersion: expectedVersion(request),
    });
  } catch (error) {
    if (error instanceof RuleVersionConflict)
      throw new ApiError(
        412,
        "version_conflict",
        `The rule set changed: it is at version ${error.actual}, not ${error.expected}. Export it again and reapply.`,
      );
    throw error;
  }
  return Response.json(
    { dryRun, ...result },
    { headers: { ETag: etagOf(result.version), "Cache-Control": "no-store" } },
  );
}
