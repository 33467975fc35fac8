import { readFile, stat } from "node:fs/promises";
import { verifyExport } from "../../lib/exports/manifest";
import { CliError, type Command, EXIT } from "./command";

// `attest verify-export <file|folder> [--public-key <pem>] [--json]`: checks a downloaded export
// offline, with no database and no server: the manifest's Ed25519 signature, each file's size
// and SHA-256, each signed checkpoint, and that checkpoint heads cover the event range. Exit 0
// when everything holds, 1 naming each problem, 2 for a bad invocation.

export const verifyExportCommand: Command = {
  path: ["verify-export"],
  usage: "verify-export <file|folder> [--public-key <pem file>] [--json]",
  summary: "Check a report export offline (signature, every file's SHA-256, checkpoints); exit 1 naming each problem",
  positionals: ["file|folder"],
  options: { "public-key": { type: "string" }, json: { type: "boolean" } },
  offline: true,
  async run({ values, positionals, print }) {
    const target = positionals[0] as string;
    if (!(await stat(target).catch(() => null)))
      throw new CliError(`cannot read ${target}: no such file or folder`, EXIT.usage);
    const keyFile = values["public-key"];
    let publicKeyPem: string | undefined;
    if (typeof keyFile === "string") {
      publicKeyPem = await readFile(keyFile, "utf8").catch(() => {
        throw new CliError(`cannot read the public key file ${keyFile}`, EXIT.usage);
      });
    }
    const result = await verifyExport(target, publicKeyPem ? { publicKeyPem } : {});
    const m = result.manifest;
    if (values.json) {
      print(
        JSON.stringify(
          {
            ok: result.ok,
            problems: result.problems,
            warnings: result.warnings,
            folder: result.folder,
            exportId: m?.exportId ?? null,
            keyId: m?.signer.keyId ?? null,
            pinnedKey: Boolean(publicKeyPem),
            filesChecked: result.filesChecked,
            checkpointsChecked: result.checkpointsChecked,
          },
          null,
          2,
        ),
      );
      if (!result.ok) throw new CliError(`${result.problems.length} problem(s)`, EXIT.failure);
      return;
    }
    for (const warning of result.warnings) print(`warning: ${warning}`);
    if (!result.ok) {
      throw new CliError(
        `${result.problems.map((p) => `FAILED: ${p}`).join("\n")}\n${result.problems.length} problem(s): do not rely on this export.`,
        EXIT.failure,
      );
    }
    const range = m?.eventRange.count ? `events seq ${m.eventRange.firstSeq}–${m.eventRange.lastSeq}` : "no events";
    print(
      `OK: export ${m?.exportId} (${m?.framework}, tenant ${m?.tenant.slug}, ${range}): manifest signature, ${result.filesChecked} file(s) and ${result.checkpointsChecked} checkpoint(s) verified with key ${m?.signer.keyId}${publicKeyPem ? " (pinned)" : " (embedded, not pinned)"}`,
    );
  },
};
