import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { LoadingBlocks } from "@/components/overview/page-states";
import { SystemLegend } from "@/components/traces/system-legend";
import { TraceHeader } from "@/components/traces/trace-header";
import { WaterfallView } from "@/components/traces/waterfall-view";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageAuth } from "@/lib/auth/session";
import { type TraceEvents, traceEvents } from "@/lib/queries/trace";
import { buildTraceView, traceIdFromParam } from "@/lib/traces/view";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Trace ${traceIdFromParam((await params).id)}` };
}

// One request, every event of it on one time axis. The id is a correlation id or a W3C trace
// id; the lookup is scoped to the signed-in tenant, so another tenant's id is a 404 like an
// unknown one and its existence is never confirmed. The events are read before anything
// streams (no loading.tsx on this segment), so that 404 is a real HTTP 404; the findings, which
// need more queries, load under a Suspense boundary after it.
export default async function TracePage({ params }: Props) {
  const id = traceIdFromParam((await params).id);
  const auth = await requirePageAuth("data:read", `/traces/${encodeURIComponent(id)}`);
  const found = await traceEvents(auth.tenant.id, id);
  if (found.events.length === 0) notFound();
  return (
    <>
      <PageHeader
        title="Trace"
        description={
          <span className="font-mono text-xs break-all">
            {/^[0-9a-f]{32}$/.test(id) ? "trace " : "correlation "}
            {id}
          </span>
        }
      />
      <Suspense fallback={<LoadingBlocks label="Loading trace…" cards={0} charts={1} />}>
        <TraceBody tenantId={auth.tenant.id} id={id} found={found} />
      </Suspense>
    </>
  );
}

async function TraceBody({ tenantId, id, found }: { tenantId: string; id: string; found: TraceEvents }) {
  const view = await buildTraceView(tenantId, id, found);
  if (!view) return null;
  return (
    <>
      <TraceHeader view={view} />
      <SystemLegend entries={view.legend} />
      <WaterfallView waterfall={view.waterfall} flags={view.flags} />
    </>
  );
}
