import { muted } from "@/components/ui/styles";

const SNIPPET = `import { createHmac, timingSafeEqual } from "node:crypto";

// rawBody: the exact bytes received, before JSON.parse. secret: shown once in Attest.
function verifyAttestSignature(secret, header, rawBody, toleranceSeconds = 300) {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2)));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac("sha256", secret).update(\`\${t}.\${rawBody}\`).digest();
  const given = Buffer.from(parts.v1 ?? "", "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}`;

// How a receiver checks that a request came from Attest and was not altered or replayed.
export function VerifySignatureHelp() {
  return (
    <div className="space-y-2 text-sm">
      <p className={muted}>
        Every request carries <code className="font-mono">Attest-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</code>
        , the HMAC-SHA256 of <code className="font-mono">&lt;t&gt;.&lt;raw body&gt;</code> with the destination's
        signing secret, and <code className="font-mono">Attest-Delivery</code>, the same on every retry of one delivery
        (drop duplicates by it). Failed deliveries (network error or non-2xx) are retried 6 times with growing waits
        from 5 s; each attempt appears in the delivery log.
      </p>
      <section
        aria-label="Signature verification in Node.js"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be keyboard-scrollable
        tabIndex={0}
        className="overflow-x-auto rounded-md border border-slate-200 bg-slate-50 p-3 dark:border-slate-800 dark:bg-slate-950"
      >
        <pre className="font-mono text-xs text-slate-800 dark:text-slate-200">{SNIPPET}</pre>
      </section>
    </div>
  );
}
