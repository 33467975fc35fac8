// What a destination receives for an alert: Attest's JSON, or a Slack incoming-webhook body.
// Both are signed the same way; Slack ignores the extra headers.

export type DestinationFormat = "json" | "slack";
export const DESTINATION_FORMATS = ["json", "slack"] as const;

export type NotificationEvent = "alert.fired" | "alert.test";

export type AlertForNotification = {
  id: string;
  ruleId: string;
  ruleName: string;
  severity: string;
  summary: string;
  groupKey: string;
  windowStart: Date;
  windowEnd: Date;
  firedAt: Date;
  explanation: unknown;
  evidenceIds: string[];
};

export function jsonPayload(type: NotificationEvent, alert: AlertForNotification, tenantSlug: string) {
  return {
    type,
    alert: {
      id: alert.id,
      ruleId: alert.ruleId,
      ruleName: alert.ruleName,
      severity: alert.severity,
      summary: alert.summary,
      groupKey: alert.groupKey,
      windowStart: alert.windowStart.toISOString(),
      windowEnd: alert.windowEnd.toISOString(),
      firedAt: alert.firedAt.toISOString(),
      explanation: alert.explanation,
      evidenceIds: alert.evidenceIds,
      url: `/alerts/${alert.id}`,
    },
    tenant: { slug: tenantSlug },
  };
}

export function slackPayload(alert: AlertForNotification, tenantSlug: string) {
  const severity = alert.severity.toUpperCase();
  return {
    text: `${severity} ${alert.ruleName}: ${alert.summary}`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*${severity}* ${alert.ruleName}\n${alert.summary}` } },
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: `Attest · tenant ${tenantSlug} · ${alert.groupKey} · fired ${alert.firedAt.toISOString()} · /alerts/${alert.id}`,
          },
        ],
      },
    ],
  };
}

/** The raw body sent (and signed) for `format`. */
export function notificationBody(
  format: DestinationFormat,
  type: NotificationEvent,
  alert: AlertForNotification,
  tenantSlug: string,
): string {
  return JSON.stringify(format === "slack" ? slackPayload(alert, tenantSlug) : jsonPayload(type, alert, tenantSlug));
}

/** A made-up alert for "send test", so a receiver can be checked before any rule fires. */
export function testAlert(now = new Date()): AlertForNotification {
  return {
    id: "00000000-0000-0000-0000-000000000000",
    ruleId: "attest-test",
    ruleName: "Test notification",
    severity: "low",
    summary: "A test notification from Attest; no alert fired.",
    groupKey: "test",
    windowStart: now,
    windowEnd: now,
    firedAt: now,
    explanation: { test: true },
    evidenceIds: [],
  };
}
