import Link from "next/link";
import type { ApprovalStatus } from "@/lib/flags/approval";
import { APPROVAL_STATUSES } from "@/lib/queries/approvals";

// The table's status filter, as links that keep the range: shareable and usable without script.
export function StatusFilter({
  current,
  href,
}: {
  current: ApprovalStatus | null;
  href: (status: ApprovalStatus | null) => string;
}) {
  const options: (ApprovalStatus | null)[] = [null, ...APPROVAL_STATUSES];
  return (
    <nav aria-label="Filter approvals by status">
      <ul className="flex flex-wrap gap-1.5">
        {options.map((status) => {
          const active = status === current;
          return (
            <li key={status ?? "all"}>
              <Link
                href={href(status)}
                aria-current={active ? "page" : undefined}
                className={`block rounded-full border px-3 py-1 text-xs font-medium ${
                  active
                    ? "border-slate-900 bg-slate-900 text-white dark:border-slate-100 dark:bg-slate-100 dark:text-slate-900"
                    : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300 dark:hover:bg-slate-800"
                }`}
              >
                {status ?? "all"}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
