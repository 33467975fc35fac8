import { ApiError, notFound } from "../../api/errors";
import { etagOf } from "./http";
import { type OneRuleResult, RuleExists, RuleNotFound } from "./one-rule";
import { RuleVersionConflict } from "./store";

// The HTTP side of the one-rule routes (/api/v1/alert-rules/rules/…): the If-Match version
// handshake shared with PUT /api/v1/alert-rules, and the domain errors in the one error shape.

/** If-Match: "<version>", the version the editor was opened on; absent means "whatever is in force". */
export function ifMatchVersion(request: Request): number | undefined {
  const header = request.headers.get("if-match");
  if (!header) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) throw new ApiError(400, "invalid_if_match", 'If-Match must be the ETag of a rule set version, e.g. "3".');
  return Number(match[1]);
}

/** Runs a one-rule change and answers with the new version (or the error it met). */
export async function oneRuleResponse(change: () => Promise<OneRuleResult>, status = 200): Promise<Response> {
  try {
    const result = await change();
    return Response.json(result, {
      status: result.changed ? status : 200,
      headers: { ETag: etagOf(result.version), "Cache-Control": "no-store" },
    });
  } catch (error) {
    if (error instanceof RuleVersionConflict)
      throw new ApiError(
        412,
        "version_conflict",
        `The rules changed while you were editing: they are at version ${error.actual}, not ${error.expected}. Reload to see the change; nothing was saved.`,
      );
    if (error instanceof RuleExists) throw new ApiError(409, "rule_exists", error.message);
    if (error instanceof RuleNotFound) throw notFound(error.message);
    throw error;
  }
}
