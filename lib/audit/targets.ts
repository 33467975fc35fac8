import type { AuditDetails } from "./after-action";

// Targets of x-attest.* events. Only what identifies the object: never a secret, and for a
// webhook only the URL's host, since a webhook URL (Slack's, for one) often is the secret.

export function destinationAuditTarget(destination: {
  id: string;
  name: string;
  url: string;
  format: string;
}): Pick<AuditDetails, "target" | "attributes"> {
  let host = "";
  try {
    host = new URL(destination.url).host;
  } catch {
    // Stored URLs were validated on create; an unparsable one simply has no host here.
  }
  return {
    target: { type: "x-webhook", id: destination.id, name: destination.name },
    attributes: { format: destination.format, ...(host ? { host } : {}) },
  };
}
