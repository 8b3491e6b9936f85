import { AgenticOpsError, isAgenticOpsError } from "../core/model/agenticops-error.js";
import { simulateCommand } from "./simulate-command.js";
import { auditCommand } from "./audit-command.js";
import { startCommand } from "./start-command.js";
import { diagnoseCommand } from "./diagnose-command.js";
import { validateCommand } from "./validate-command.js";

const USAGE = `usage: agenticops <command> [options]

commands:
  diagnose <log file | -> [--repo DIR --good SHA --bad SHA] [--json]
                                            diagnose a CI log (a file, or stdin); with a commit range, rank suspect commits
  simulate <drill.yml | dir ...> [--json]   play drills in the sandbox and check their expectations
  validate [dir | file ...] [--json]        check runbooks, policies and .github/agenticops.yml, run their examples and tests
  audit <incident-id | PR number | PR URL> --repo owner/name [--api-url URL] [--json]
                                            an incident's timeline from git history and the pull request (GITHUB_TOKEN)
  start                                     run the GitHub App (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET from env or .env)
  help                                      show this help
`;

const commands: Record<string, (args: string[]) => Promise<number>> = {
  diagnose: (args) => diagnoseCommand(args),
  simulate: simulateCommand,
  start: startCommand,
  audit: (args) => auditCommand(args),
  validate: (args) => validateCommand(args),
};

const main = async (argv: string[]): Promise<number> => {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  return command(args);
};

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (isAgenticOpsError(error)) {
      process.stderr.write(`error [${error.code}]: ${error.describe()}\n`);
    } else {
      process.stderr.write(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exitCode = error instanceof AgenticOpsError ? 1 : 70;
  },
);
