import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConsentTimeline } from "@/components/consents/consent-timeline";
import { FlaggedUses } from "@/components/consents/flagged-uses";
import { SUBJECT_LABELS } from "@/components/consents/format";
import { InForceTable } from "@/components/consents/in-force-table";
import { SubjectList, SubjectSearch } from "@/components/consents/subject-list";
import { RangePicker } from "@/components/overview/range-picker";
import { PageHeader } from "@/components/ui/page-header";
import { linkClass } from "@/components/ui/styles";
import { requirePageAuth } from "@/lib/auth/session";
import { explorerHref, toSearchParams } from "@/lib/filters/event-filters";
import { parseTimeRange } from "@/lib/filters/time-range";
import { consentHistory, parseConsentSubject } from "@/lib/queries/consent-history";
import { consentSubjects } from "@/lib/queries/consent-subjects";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Consents" };

export default async function ConsentsPage({ searchParams }: Props) {
  const params = toSearchParams(await searchParams);
  const auth = await requirePageAuth("data:read", `/consents${params.size ? `?${params}` : ""}`);
  // Consents last for months, so the page looks further back than the explorer by default.
  if (!params.get("range")) params.set("range", "30d");
  const range = parseTimeRange(params);
  const subject = parseConsentSubject(params);

  if (!subject) {
    const q = params.get("q")?.trim().slice(0, 256) || undefined;
    const subjects = await consentSubjects(auth.tenant.id, range, q);
    return (
      <>
        <PageHeader
          title="Consents"
          description="Who asked whom for what, who granted, refused or revoked it, and which uses broke a consent. Pick a user, an agent or an OAuth client."
        />
        <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
          <SubjectSearch q={q} range={range} />
          <RangePicker path="/consents" range={range} keep={q ? { q } : {}} />
        </div>
        <SubjectList subjects={subjects} range={range} />
      </>
    );
  }

  const history = await consentHistory(auth.tenant.id, subject, range);
  // Scoped to the signed-in tenant: another tenant's subject is not found, never forbidden.
  if (!history) notFound();
  const label = SUBJECT_LABELS[subject.kind];
  const showUser = subject.kind !== "user";
  const related =
    subject.kind === "user"
      ? { href: explorerHref({ range, onBehalfOf: subject.id }), text: "Events on behalf of this user" }
      : subject.kind === "agent"
        ? { href: `/agents/${encodeURIComponent(subject.id)}`, text: "Agent page" }
        : { href: explorerHref({ range, client: subject.id }), text: "Events of this client" };

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/consents" className={linkClass}>
          ← All consents
        </Link>
      </p>
      <PageHeader
        title={`Consent history: ${history.subject.name ?? subject.id}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {label} <code className="font-mono text-xs">{subject.id}</code>
            <Link href={related.href} className={linkClass}>
              {related.text}
            </Link>
          </span>
        }
      />
      <div className="mb-4">
        <RangePicker path="/consents" range={range} keep={{ [subject.kind]: subject.id }} />
      </div>
      <div className="space-y-4">
        <InForceTable records={history.inForce} showUser={showUser} />
        <div className="grid gap-4 xl:grid-cols-5">
          <div className="min-w-0 xl:col-span-3">
            <ConsentTimeline entries={history.timeline} capped={history.timelineCapped} showUser={showUser} />
          </div>
          <div className="min-w-0 xl:col-span-2">
            <FlaggedUses
              uses={history.flagged}
              checked={history.usesChecked}
              capped={history.usesCapped}
              showUser={showUser}
            />
          </div>
        </div>
      </div>
    </>
  );
}
