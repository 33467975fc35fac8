import { withAuth } from "next-auth/middleware";

// Next 16's proxy (formerly middleware): sends signed-out visitors of dashboard pages to
// sign-in. It is a convenience, not the guard: every page and route checks the session and
// role on the server again.
export default withAuth({ pages: { signIn: "/sign-in" } });

export const config = {
  matcher: [
    "/overview/:path*",
    "/events/:path*",
    "/agents/:path*",
    "/alerts/:path*",
    "/traces/:path*",
    "/delegations/:path*",
    "/consents/:path*",
    "/approvals/:path*",
    "/policies/:path*",
    "/sessions/:path*",
    "/reports/:path*",
    "/settings/:path*",
    "/integrity/:path*",
  ],
};
