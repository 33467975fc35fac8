import { DataTable, td } from "@/components/ui/table";
import type { SignedCheckpoint } from "@/lib/integrity/statement";
import { formatTime } from "./format";

export function CheckpointTable({ checkpoints }: { checkpoints: SignedCheckpoint[] }) {
  return (
    <DataTable caption="Signed checkpoints" columns={["Signed", { label: "Seq", numeric: true }, "Chain head", "Key"]}>
      {checkpoints.map((cp) => (
        <tr key={cp.seq}>
          <td className={`${td} whitespace-nowrap`}>{formatTime(cp.signedAt)}</td>
          <td className={`${td} text-right font-mono tabular-nums`}>{cp.seq}</td>
          <td className={`${td} font-mono text-xs`} title={cp.chainHead}>
            {cp.chainHead.slice(0, 16)}…
          </td>
          <td className={`${td} font-mono text-xs`}>{cp.keyId}</td>
        </tr>
      ))}
    </DataTable>
  );
}
