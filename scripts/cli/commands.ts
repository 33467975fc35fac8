import type { Command } from "./command";
import { keysCreate, keysList, keysRevoke } from "./keys";
import { rulesValidate } from "./rules";
import { tenantsCreate, tenantsList } from "./tenants";
import { tokensCreate, tokensList, tokensRevoke } from "./tokens";
import { usersCreate, usersResetPassword } from "./users";
import { checkpointCommand, verifyCommand } from "./verify";
import { verifyExportCommand } from "./verify-export";

// Every subcommand of `attest`, in help order. Add new ones (users create, rules validate,
// verify, verify-export…) as their own files and list them here.
export const COMMANDS: Command[] = [
  tenantsCreate,
  tenantsList,
  keysCreate,
  keysList,
  keysRevoke,
  tokensCreate,
  tokensList,
  tokensRevoke,
  usersCreate,
  usersResetPassword,
  rulesValidate,
  verifyCommand,
  checkpointCommand,
  verifyExportCommand,
];
