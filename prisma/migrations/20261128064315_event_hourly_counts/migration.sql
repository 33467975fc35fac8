-- CreateTable
CREATE TABLE "event_hourly_counts" (
    "tenant_id" UUID NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "type" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "policy_decision" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "tool" TEXT NOT NULL,
    "count" BIGINT NOT NULL,

    CONSTRAINT "event_hourly_counts_pkey" PRIMARY KEY ("tenant_id","hour","type","outcome","policy_decision","agent_id","tool")
);


-- Backfill from the events already stored (added by hand). Ingest keeps the counts current
-- from here on, in the same transaction as the events it counts.
INSERT INTO "event_hourly_counts" ("tenant_id", "hour", "type", "outcome", "policy_decision", "agent_id", "tool", "count")
SELECT "tenant_id", date_trunc('hour', "time", 'UTC'), "type", "outcome", COALESCE("policy_decision", ''),
       COALESCE("agent_id", ''), CASE WHEN "type" = 'mcp.tool.called' THEN COALESCE("target_id", '') ELSE '' END, count(*)
FROM "events"
GROUP BY 1, 2, 3, 4, 5, 6, 7;
