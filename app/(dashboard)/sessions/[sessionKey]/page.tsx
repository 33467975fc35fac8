import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SessionHeader } from "@/components/sessions/session-header";
import { McpGroups, SessionTimeline } from "@/components/sessions/session-timeline";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { linkClass } from "@/components/ui/styles";
import { requirePageAuth } from "@/lib/auth/session";
import {
  groupByMcpSession,
  SESSION_EVENT_LIMIT,
  sessionEvents,
  sessionHref,
  sessionKeyFromParam,
  sessionSummary,
} from "@/lib/queries/session-events";

type Props = { params: Promise<{ sessionKey: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Session ${sessionKeyFromParam((await params).sessionKey) ?? ""}` };
}

export default async function SessionPage({ params }: Props) {
  const sessionKey = sessionKeyFromParam((await params).sessionKey);
  const auth = await requirePageAuth("data:read", sessionKey ? sessionHref(sessionKey) : "/sessions");
  // Scoped to the signed-in tenant: another tenant's session key is a 404, never a 403.
  const session = sessionKey ? await sessionSummary(auth.tenant.id, sessionKey) : null;
  if (!session) notFound();
  const { events, truncated } = await sessionEvents(auth.tenant.id, session.sessionKey);
  const groups = groupByMcpSession(events);

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/sessions" className={linkClass}>
          ← Sessions
        </Link>
      </p>
      <PageHeader
        title={`Session of ${session.userName ?? session.userId}`}
        description={<code className="break-all font-mono text-xs">{session.sessionKey}</code>}
      />
      <SessionHeader session={session} />
      <div className="mt-4">
        <Card title="By MCP session">
          <McpGroups groups={groups} />
        </Card>
      </div>
      <section aria-labelledby="timeline-heading" className="mt-6">
        <h2 id="timeline-heading" className="mb-1 text-base font-semibold text-slate-900 dark:text-slate-100">
          Everything done in this session
        </h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
          {truncated
            ? `The first ${SESSION_EVENT_LIMIT.toLocaleString("en-US")} of ${session.events.toLocaleString("en-US")} events, oldest first.`
            : `${events.length.toLocaleString("en-US")} ${events.length === 1 ? "event" : "events"}, oldest first.`}
        </p>
        <SessionTimeline events={events} groups={groups} />
      </section>
    </>
  );
}
