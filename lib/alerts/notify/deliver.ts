import type { DeliveryAttempt } from "./deliveries";
import type { Destination } from "./destinations";
import { type AlertForNotification, type NotificationEvent, notificationBody, testAlert } from "./payload";
import { signingSecret } from "./secret";
import { SIGNATURE_HEADER, signatureHeader } from "./signature";

// One signed POST to a destination. Never throws: the outcome (HTTP status, or the network
// error) is returned for the delivery log, and the caller decides whether to retry.

export const DELIVERY_TIMEOUT_MS = 10_000;

export async function postSigned(
  destination: Destination,
  body: string,
  headers: { deliveryId: string; event: NotificationEvent },
): Promise<DeliveryAttempt> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(destination.url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Attest-Webhooks/1",
        [SIGNATURE_HEADER]: signatureHeader(signingSecret(destination), body),
        "Attest-Delivery": headers.deliveryId,
        "Attest-Event": headers.event,
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    // The body is not needed; reading it frees the connection.
    await response.arrayBuffer().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return {
      status: ok ? "delivered" : "failed",
      responseStatus: response.status,
      error: ok ? null : `HTTP ${response.status}`,
      durationMs: elapsed(),
    };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    const reason =
      e.name === "TimeoutError"
        ? `timed out after ${DELIVERY_TIMEOUT_MS / 1000} s`
        : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { status: "failed", responseStatus: null, error: reason, durationMs: elapsed() };
  }
}

export function deliverAlert(
  destination: Destination,
  alert: AlertForNotification,
  tenantSlug: string,
  deliveryId: string,
): Promise<DeliveryAttempt> {
  const body = notificationBody(destination.format, "alert.fired", alert, tenantSlug);
  return postSigned(destination, body, { deliveryId, event: "alert.fired" });
}

/** "Send test": a made-up alert, sent now, not queued and not retried. */
export function sendTestNotification(destination: Destination, tenantSlug: string): Promise<DeliveryAttempt> {
  const body = notificationBody(destination.format, "alert.test", testAlert(), tenantSlug);
  return postSigned(destination, body, { deliveryId: `test-${crypto.randomUUID()}`, event: "alert.test" });
}
