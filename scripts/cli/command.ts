import type { ParseArgsConfig } from "node:util";

// What every `attest` subcommand provides. A new subcommand is a new file exporting one or
// more of these, listed once in commands.ts.

export type Options = NonNullable<ParseArgsConfig["options"]>;

export type Invocation = {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  /** Lines for stdout; the last one is what scripts capture with `tail -1`. */
  print: (line: string) => void;
};

export type Command = {
  /** The words that select it, e.g. ["keys", "create"]. */
  path: string[];
  usage: string;
  summary: string;
  options?: Options;
  /** Exact number of positionals after the command words (default 0). */
  positionals?: string[];
  /** Runs without a database (no DATABASE_URL needed), e.g. linting a file in CI. */
  offline?: boolean;
  run: (invocation: Invocation) => Promise<void>;
};

/** A failure the user can fix; its message is printed without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
  }
}

export const EXIT = {
  ok: 0,
  /** Something named does not exist, or the operation was refused. */
  failure: 1,
  /** Bad invocation: unknown command, missing or malformed arguments. */
  usage: 2,
} as const;

export function requireString(invocation: Invocation, name: string): string {
  const value = invocation.values[name];
  if (typeof value !== "string" || value.trim() === "") throw new CliError(`missing --${name}`, EXIT.usage);
  return value;
}
