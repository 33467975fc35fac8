// How registry values read to a person.
export const KIND_LABELS: Record<string, string> = {
  ai_agent: "AI client",
  human_app: "Human app",
  service: "Service",
};

export const REGISTRATION_LABELS: Record<string, string> = {
  pre_registered: "Pre-registered",
  dynamic: "DCR (dynamic)",
  metadata_document: "CIMD (metadata document)",
};

export const SORT_LABELS: Record<string, string> = {
  last_seen: "Last seen",
  first_seen: "First seen",
  events: "Events",
  name: "Name",
};

export const kindLabel = (kind: string | null) => (kind ? (KIND_LABELS[kind] ?? kind) : "Unknown");
export const registrationLabel = (registration: string | null) =>
  registration ? (REGISTRATION_LABELS[registration] ?? registration) : "Unknown";

export function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
