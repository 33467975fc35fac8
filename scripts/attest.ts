// The operator CLI: `npm run attest -- <command> [options]`, or `tsx scripts/attest.ts …`.
//
//   tenants create <slug> [--name <display name>]
//   tenants list
//   keys create --tenant <slug> [--name <name>]   the key is alone on the last stdout line:
//                                                  KEY=$(npm run -s attest -- keys create --tenant acme | tail -1)
//   keys list --tenant <slug>
//   keys revoke <prefix>
//   users create --tenant <slug> --email <email> --role <role>   generated password alone on the last line
//   users reset-password --email <email>
//   rules validate <file>                         lints an alert rule set offline (no database)
//
// Exit codes: 0 ok, 1 refused or not found (unknown tenant or prefix, duplicate slug),
// 2 bad invocation (unknown command, missing or malformed arguments). Needs DATABASE_URL,
// except for offline commands (rules validate).
import { parseArgs } from "node:util";
import { disconnectDb } from "../lib/db";
import { CliError, type Command, EXIT } from "./cli/command";
import { COMMANDS } from "./cli/commands";

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  return [
    "Usage: attest <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    "",
    "Options:",
    "  -h, --help  show this help, or a command's usage",
    "",
    "Needs DATABASE_URL. Exit codes: 0 ok, 1 refused or not found, 2 bad invocation.",
  ].join("\n");
}

function findCommand(words: string[]): Command | undefined {
  return COMMANDS.find((c) => c.path.every((word, i) => words[i] === word));
}

async function main(argv: string[]): Promise<number> {
  const words = argv.filter((arg) => !arg.startsWith("-"));
  const command = findCommand(words);
  const wantsHelp = argv.includes("--help") || argv.includes("-h");
  if (!process.env.DATABASE_URL && !wantsHelp && argv.length > 0 && !command?.offline) {
    throw new CliError(
      "DATABASE_URL is not set; point it at the Attest database (postgresql://…). The database of `npm run dev`: postgresql://postgres:attest-local@127.0.0.1:54329/attest",
    );
  }
  if (!command) {
    if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) {
      console.log(help());
      return argv.length === 0 ? EXIT.usage : EXIT.ok;
    }
    throw new CliError(`unknown command "${words.join(" ")}"\n\n${help()}`, EXIT.usage);
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...command.options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\nUsage: attest ${command.usage}`, EXIT.usage);
  }
  if (parsed.values.help) {
    console.log(`Usage: attest ${command.usage}\n\n${command.summary}`);
    return EXIT.ok;
  }
  const positionals = parsed.positionals.slice(command.path.length);
  const expected = command.positionals ?? [];
  if (positionals.length !== expected.length) {
    const problem =
      positionals.length < expected.length
        ? `missing <${expected[positionals.length]}>`
        : `unexpected argument "${positionals[expected.length]}"`;
    throw new CliError(`${problem}\nUsage: attest ${command.usage}`, EXIT.usage);
  }
  await command.run({
    values: parsed.values as Record<string, string | boolean | undefined>,
    positionals,
    print: (line) => console.log(line),
  });
  return EXIT.ok;
}

main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    if (error instanceof CliError) {
      console.error(`attest: ${error.message}`);
      process.exitCode = error.exitCode;
    } else {
      console.error(`attest: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exitCode = EXIT.failure;
    }
  })
  .finally(() => disconnectDb());
