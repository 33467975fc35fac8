import { log } from "../log";
import { membershipsOf } from "../users";
import { type ClientInfo, userActor } from "./actors";
import { recordAfterAction, withClient } from "./after-action";
import { recordSelfAudit } from "./record";

// Sign-ins belong to a person, not to one tenant: a person may be a member of several, and any
// of them can be opened once signed in. So each sign-in event goes into every tenant the person
// is a member of, and each of those tenants' admins and auditors see it.
//
// - signed in: fails closed. If the event cannot be stored in every tenant, the sign-in is
//   refused (the caller turns the thrown error into a failed sign-in); nobody gets in unrecorded.
// - failed (wrong password, disabled account, locked out): recorded after the fact; the attempt
//   is refused either way, so a storage failure is logged at error level and nothing more.
// - an email that belongs to no account cannot be tied to a tenant: it is logged (pino, warn,
//   with the address but never the password) and goes into no tenant's trail.

export type SignInMethod = "password" | "oidc";
export type SignInFailure = "wrong_password" | "locked_out" | "disabled" | "not_allowed";
type Person = { id: string; email: string; name: string | null };

export async function recordSignedIn(user: Person, method: SignInMethod, client: ClientInfo): Promise<void> {
  const memberships = await membershipsOf(user.id);
  for (const membership of memberships) {
    await recordSelfAudit(
      membership.tenant.id,
      withClient(
        {
          type: "x-attest.auth.signed_in",
          target: { type: "user", id: user.email, ...(user.name ? { name: user.name } : {}) },
          attributes: { method, role: membership.role },
        },
        userActor(user),
        client,
      ),
    );
  }
}

export async function recordSignInFailed(
  user: Person | null,
  attempted: { email: string; method: SignInMethod; reason: SignInFailure; lockedForSeconds?: number },
  client: ClientInfo,
): Promise<void> {
  const memberships = user ? await membershipsOf(user.id) : [];
  if (!user || memberships.length === 0) {
    log.warn(
      { email: attempted.email, method: attempted.method, reason: attempted.reason, ...client },
      user ? "failed sign-in for an account with no tenant" : "failed sign-in for an unknown email",
    );
    return;
  }
  for (const membership of memberships) {
    await recordAfterAction(
      membership.tenant.id,
      withClient(
        {
          type: "x-attest.auth.sign_in_failed",
          outcome: "failure",
          reason: attempted.reason,
          target: { type: "user", id: user.email, ...(user.name ? { name: user.name } : {}) },
          attributes: {
            method: attempted.method,
            authenticated: false,
            ...(attempted.lockedForSeconds ? { lockedForSeconds: attempted.lockedForSeconds } : {}),
          },
        },
        // Who really tried is unknown: the actor is the account claimed (attributes.authenticated
        // is false), so filtering by actor still finds the attempts against it.
        { type: "user", id: attempted.email, name: null },
        client,
      ),
    );
  }
}

export async function recordSignedOut(user: Person, client: ClientInfo): Promise<void> {
  for (const membership of await membershipsOf(user.id)) {
    await recordAfterAction(
      membership.tenant.id,
      withClient(
        { type: "x-attest.auth.signed_out", target: { type: "user", id: user.email } },
        userActor(user),
        client,
      ),
    );
  }
}
