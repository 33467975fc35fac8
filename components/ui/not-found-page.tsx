import Link from "next/link";
import type { ReactNode } from "react";
import { EmptyState } from "./empty-state";
import { linkClass } from "./styles";

// The body of a dashboard not-found page (an unknown id, or one from another tenant, which
// must look exactly the same): a heading, what may have happened, and the way back.
export function NotFoundPage(props: {
  heading: string;
  title: string;
  back: { href: string; label: string };
  children: ReactNode;
  after?: ReactNode;
}) {
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-xl font-semibold tracking-tight text-slate-900 dark:text-slate-50">{props.heading}</h1>
      <EmptyState title={props.title}>
        {props.children}{" "}
        <Link className={linkClass} href={props.back.href}>
          {props.back.label}
        </Link>
      </EmptyState>
      {props.after}
    </div>
  );
}
