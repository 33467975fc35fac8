import { redirect } from "next/navigation";
import { getAuthContext } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

// The home page shows nothing by itself: signed-in people go to their overview, everyone
// else to sign-in. No tenant's data is ever readable without signing in.
export default async function HomePage() {
  const auth = await getAuthContext();
  redirect(auth ? "/overview" : "/sign-in");
}
