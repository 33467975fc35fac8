import { auditCliAction } from "../../lib/audit/after-action";
import { generatePassword } from "../../lib/auth/passwords";
import { ROLES } from "../../lib/auth/roles";
import { prisma } from "../../lib/db";
import {
  createUser,
  emailSchema,
  findUserByEmail,
  membershipsOf,
  roleSchema,
  setMembership,
  setPassword,
} from "../../lib/users";
import { CliError, type Command, EXIT, requireString } from "./command";
import { tenantBySlug } from "./tenants";

export const usersCreate: Command = {
  path: ["users", "create"],
  usage: `users create --tenant <slug> --email <email> --role <${ROLES.join("|")}> [--name <name>] [--oidc-only]`,
  summary:
    "Create a dashboard user (or add an existing one to a tenant); prints a generated password, alone on the last line",
  options: {
    tenant: { type: "string" },
    email: { type: "string" },
    role: { type: "string" },
    name: { type: "string" },
    "oidc-only": { type: "boolean" },
  },
  async run(invocation) {
    const tenant = await tenantBySlug(requireString(invocation, "tenant"));
    const email = emailSchema.safeParse(requireString(invocation, "email"));
    if (!email.success) throw new CliError(`invalid --email: ${email.error.issues[0]?.message}`, EXIT.usage);
    const role = roleSchema.safeParse(requireString(invocation, "role"));
    if (!role.success) throw new CliError(`invalid --role: use one of ${ROLES.join(", ")}`, EXIT.usage);
    const { print } = invocation;
    const existing = await findUserByEmail(email.data);
    const oidcOnly = invocation.values["oidc-only"] === true;
    const password = existing || oidcOnly ? undefined : generatePassword();
    const name = typeof invocation.values.name === "string" ? invocation.values.name : undefined;
    const user = existing ?? (await createUser({ email: email.data, name, password }));
    const previous = existing
      ? await prisma.membership.findUnique({ where: { tenantId_userId: { tenantId: tenant.id, userId: user.id } } })
      : null;
    await setMembership(tenant.id, user.id, role.data);
    if (previous?.role !== role.data) {
      await auditCliAction(tenant.id, {
        type: previous ? "x-attest.member.role_changed" : "x-attest.member.added",
        target: { type: "user", id: user.email, ...(user.name ? { name: user.name } : {}) },
        attributes: {
          role: role.data,
          userId: user.id,
          ...(previous ? { previousRole: previous.role } : { newAccount: !existing }),
        },
      });
    }
    print(
      `${existing ? "Added existing user" : "Created user"} ${user.email} to tenant ${tenant.slug} as ${role.data}`,
    );
    if (password) {
      print("The generated password follows on the last line. It is stored hashed and cannot be shown again:");
      print(password);
    } else if (oidcOnly) {
      print("No password: this user signs in through single sign-on (ATTEST_OIDC_*).");
    }
  },
};

export const usersResetPassword: Command = {
  path: ["users", "reset-password"],
  usage: "users reset-password --email <email>",
  summary: "Set a new generated password for a user; prints it alone on the last line",
  options: { email: { type: "string" } },
  async run(invocation) {
    const user = await findUserByEmail(requireString(invocation, "email"));
    if (!user) throw new CliError("no user with that email");
    const password = generatePassword();
    await setPassword(user.id, password);
    // A password reset is an access change: every tenant the person can sign in to records it.
    for (const membership of await membershipsOf(user.id)) {
      await auditCliAction(membership.tenant.id, {
        type: "x-attest.user.password_reset",
        target: { type: "user", id: user.email, ...(user.name ? { name: user.name } : {}) },
        attributes: { userId: user.id },
      });
    }
    invocation.print(`New password for ${user.email} follows on the last line:`);
    invocation.print(password);
  },
};
