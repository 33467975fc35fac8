import Link from "next/link";
import { linkClass } from "@/components/ui/styles";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-semibold text-slate-500">403</p>
      <h1 className="mt-2 text-xl font-semibold">You don&apos;t have access to this page</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        Your role in this tenant does not allow it. Ask an admin if you need access.
      </p>
      <Link href="/overview" className={`mt-6 inline-block text-sm ${linkClass}`}>
        Back to the overview
      </Link>
    </main>
  );
}
