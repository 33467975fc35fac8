-- CreateTable
CREATE TABLE "alerts" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "rule_id" TEXT NOT NULL,
    "rule_version" INTEGER NOT NULL,
    "rule_name" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "group_key" TEXT NOT NULL,
    "window_key" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "window_end" TIMESTAMPTZ(3) NOT NULL,
    "fired_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "summary" TEXT NOT NULL,
    "explanation" JSONB NOT NULL,
    "evidence_ids" TEXT[],
    "status" TEXT NOT NULL DEFAULT 'open',
    "assignee" TEXT,
    "status_changed_at" TIMESTAMPTZ(3),

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_cursors" (
    "tenant_id" UUID NOT NULL,
    "last_seq" BIGINT NOT NULL DEFAULT 0,
    "evaluated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_cursors_pkey" PRIMARY KEY ("tenant_id")
);

-- CreateTable
CREATE TABLE "alert_pending" (
    "tenant_id" UUID NOT NULL,
    "rule_id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alert_pending_pkey" PRIMARY KEY ("tenant_id","rule_id","event_id")
);

-- CreateIndex
CREATE INDEX "alerts_tenant_id_fired_at_idx" ON "alerts"("tenant_id", "fired_at" DESC);

-- CreateIndex
CREATE INDEX "alerts_tenant_id_status_fired_at_idx" ON "alerts"("tenant_id", "status", "fired_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "alerts_tenant_id_rule_id_group_key_window_key_key" ON "alerts"("tenant_id", "rule_id", "group_key", "window_key");

-- CreateIndex
CREATE INDEX "alert_pending_tenant_id_due_at_idx" ON "alert_pending"("tenant_id", "due_at");
