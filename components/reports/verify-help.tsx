import { Card } from "@/components/ui/card";
import { linkClass, muted } from "@/components/ui/styles";

// How someone who does not trust this server checks an export: the public key from here (or,
// better, kept from an earlier visit), and the offline CLI.
export function VerifyHelp() {
  return (
    <Card title="How to verify an export" className="self-start">
      <div className={`space-y-2 text-sm ${muted}`}>
        <p>
          Every export carries <code>manifest.json</code>: the SHA-256 of each file, the event range, the signed
          checkpoints of the hash chain that cover it, and an Ed25519 signature. Download the files and the manifest
          into one folder, and the{" "}
          <a className={linkClass} href="/api/v1/integrity/public-key?format=pem" download="attest-public-key.pem">
            public key (PEM)
          </a>
          , then run, without network or database:
        </p>
        <pre className="overflow-x-auto rounded bg-slate-100 p-2 text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-100">
          npm run attest -- verify-export ./export-folder --public-key attest-public-key.pem
        </pre>
        <p>It exits 0 when everything holds and names each changed, missing or unsigned file otherwise.</p>
      </div>
    </Card>
  );
}
