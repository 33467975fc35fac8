import { redirect } from "next/navigation";
import { requirePageAuth } from "@/lib/auth/session";

// Checked here too, so a non-admin sees the 403 page at /settings rather than a redirect.
export default async function SettingsPage() {
  await requirePageAuth("settings:manage", "/settings");
  redirect("/settings/members");
}
