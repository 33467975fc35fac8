import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EventDetailView } from "@/components/events/event-detail";
import { Card } from "@/components/ui/card";
import { linkClass } from "@/components/ui/styles";
import { eventVisibility } from "@/lib/audit/visibility";
import { requirePageAuth } from "@/lib/auth/session";
import { eventById } from "@/lib/queries/event-by-id";
import { eventIdFromParam } from "@/lib/queries/event-id";

type Props = { params: Promise<{ eventId: string }> };

export const metadata: Metadata = { title: "Event" };

// One event on its own page. An id of another tenant is a 404, like an unknown one, so its
// existence is never confirmed: the query itself is scoped to the signed-in tenant. A
// self-audit event is a 404 too for a role without audit:read.
export default async function EventPage({ params }: Props) {
  const eventId = eventIdFromParam((await params).eventId);
  const auth = await requirePageAuth("data:read", `/events/${encodeURIComponent(eventId)}`);
  const event = await eventById(auth.tenant.id, eventId, eventVisibility(auth.role));
  if (!event) notFound();
  return (
    <div className="max-w-4xl space-y-4">
      <Link className={`${linkClass} text-sm`} href={`/events?event=${encodeURIComponent(event.eventId)}`}>
        ← Events
      </Link>
      <Card>
        <EventDetailView event={event} headingLevel={1} />
      </Card>
    </div>
  );
}
