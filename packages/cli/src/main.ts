import '@caserec/language/polyfill';
import * as fs from 'node:fs';
import { EXIT_USAGE, UsageError } from './errors.js';
import type { CommandIO } from './commands/validate.js';
import { VERSION } from './version.js';

const HELP = `caserec ${VERSION}: structured case recording for children's social care.

Usage: caserec <command> [options]

Commands:
  validate [paths…]     check records (text, JSON, SARIF or JUnit output)
  rules [CODE]          list the rules, or explain one
  init [FOLDER]         write a default policy file (.caserec.json) with a comment for each setting
  chronology [paths…]   the chronology of each case (Markdown, HTML, CSV or JSON)
  report [paths…]       a quality-assurance report (HTML with charts, JSON or CSV)
  help [command]        this help, or a command's

Run \`caserec <command> --help\` for a command's options.`;

type Command = (args: readonly string[], io: CommandIO) => Promise<number>;

// Each command is loaded when it is run: the language, Langium and the rule set take most of a start-up, and
// `caserec --version` or `help` need none of them. (In the bundle, dist/caserec.cjs, these imports become
// calls that run the modules' top-level code on first use.)
const COMMANDS: Record<string, () => Promise<Command>> = {
  validate: async () => (await import('./commands/validate.js')).validateCommand,
  rules: async () => (await import('./commands/rules.js')).rulesCommand,
  init: async () => (await import('./commands/init.js')).initCommand,
  chronology: async () => (await import('./commands/chronology.js')).chronologyCommand,
  report: async () => (await import('./commands/report.js')).reportCommand,
};

export function defaultIO(): CommandIO {
  return {
    cwd: process.cwd(),
    write: (text) => process.stdout.write(text),
    writeFile: (file, text) => {
      try {
        fs.writeFileSync(file, text);
      } catch (error) {
        throw new UsageError(`${file}: cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      }
    },
  };
}

/** Runs one command line and returns the exit code; never throws (a stack trace is not a message). */
export async function main(argv: readonly string[], io: CommandIO = defaultIO()): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      const topic = rest[0];
      io.write((topic === 'validate' ? (await import('./commands/validate.js')).VALIDATE_HELP : HELP) + '\n');
      return 0;
    }
    if (name === '--version' || name === '-v') {
      io.write(VERSION + '\n');
      return 0;
    }
    const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!load) throw new UsageError(`${name}: unknown command; try \`caserec help\``);
    return await (
      await load()
    )(rest, io);
  } catch (error) {
    process.stderr.write(`caserec: ${messageOf(error)}\n`);
    return EXIT_USAGE;
  }
}

function messageOf(error: unknown): string {
  if (error instanceof UsageError) return error.message;
  const code = (error as { code?: string }).code;
  // node:util parseArgs reports unknown options and missing values with these codes.
  if (code?.startsWith('ERR_PARSE_ARGS'))
    return (error as Error).message.replace(/\. To specify.*$/s, '').replace(/^Unknown option/, 'unknown option');
  if (code === 'EPIPE') return 'output closed';
  return `internal error: ${(error as Error)?.message ?? String(error)} (please report this with the command you ran)`;
}
