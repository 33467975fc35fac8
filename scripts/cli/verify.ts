import { checkpointNow } from "../../lib/integrity/checkpoints";
import { verifyRangeSchema } from "../../lib/integrity/range";
import { summaryOf } from "../../lib/integrity/verifications";
import { type VerifyResult, verifyTenantChain } from "../../lib/integrity/verify";
import { CliError, type Command, requireString } from "./command";
import { tenantBySlug } from "./tenants";

// `attest verify --tenant <slug> [--from-seq N --to-seq M | --from ISO --to ISO] [--json]`:
// checks the tenant's stored events against the hash chain and the signed checkpoints and
// prints each finding naming the event. Exit 0 clean, 1 tampering found, 2 could not check.
// `attest checkpoint --tenant <slug>` signs the tenant's current head now.

const EXIT_TAMPERED = 1;
const EXIT_ERROR = 2;

/** Anything but a tampering verdict exits 2, so scripts can tell "changed" from "could not check". */
async function orExit2<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CliError) throw new CliError(error.message, EXIT_ERROR);
    throw new CliError(error instanceof Error ? error.message : String(error), EXIT_ERROR);
  }
}

function printResult(result: VerifyResult, print: (line: string) => void) {
  for (const finding of result.findings) {
    const event = finding.eventId ? ` event ${finding.eventId}` : "";
    print(`${finding.kind.toUpperCase()} seq ${finding.seq}${event}: ${finding.detail}`);
  }
  if (result.truncated) print("(more findings were left out: the list is capped)");
  print(`${result.status === "ok" ? "OK" : "FAILED"}: ${summaryOf(result)}`);
}

export const verifyCommand: Command = {
  path: ["verify"],
  usage: "verify --tenant <slug> [--from-seq N --to-seq M | --from ISO --to ISO] [--json]",
  summary: "Check a tenant's events against its hash chain and signed checkpoints; exit 1 naming each changed event",
  options: {
    tenant: { type: "string" },
    "from-seq": { type: "string" },
    "to-seq": { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    json: { type: "boolean" },
  },
  async run(invocation) {
    const { values, print } = invocation;
    const result = await orExit2(async () => {
      const tenant = await tenantBySlug(requireString(invocation, "tenant"));
      const parsed = verifyRangeSchema.safeParse({
        fromSeq: values["from-seq"],
        toSeq: values["to-seq"],
        from: values.from,
        to: values.to,
      });
      if (!parsed.success) throw new CliError(parsed.error.issues.map((i) => i.message).join("; "));
      return verifyTenantChain(tenant.id, parsed.data, { requestedBy: "cli" });
    });
    if (values.json) print(JSON.stringify(result, null, 2));
    else printResult(result, print);
    if (result.status !== "ok") throw new CliError("tampering found (see above)", EXIT_TAMPERED);
  },
};

export const checkpointCommand: Command = {
  path: ["checkpoint"],
  usage: "checkpoint --tenant <slug>",
  summary: "Sign the tenant's current chain head now (the worker does this every 10 s)",
  options: { tenant: { type: "string" } },
  async run(invocation) {
    const checkpoint = await orExit2(async () => {
      const tenant = await tenantBySlug(requireString(invocation, "tenant"));
      return checkpointNow(tenant.id);
    });
    if (!checkpoint) {
      invocation.print("nothing to sign: the tenant has no chained events");
      return;
    }
    invocation.print(
      `checkpoint seq ${checkpoint.seq} head ${checkpoint.chainHead} signed ${checkpoint.signedAt} by key ${checkpoint.keyId}`,
    );
  },
};
