-- CreateTable
CREATE TABLE "alert_notes" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "alert_id" UUID NOT NULL,
    "author" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_notes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "alert_notes_tenant_id_alert_id_created_at_idx" ON "alert_notes"("tenant_id", "alert_id", "created_at");
