import { InfraError } from './errors';

export const COMMANDS = ['up', 'down', 'status', 'pids', 'reset', 'browser'] as const;
export type Command = (typeof COMMANDS)[number];

export type ParsedArgs =
  | { readonly kind: 'help' }
  | { readonly kind: 'run'; readonly command: Command; readonly stores: readonly string[] };

export function usage(storeNames: readonly string[]): string {
  return [
    'Usage: tsx tools/infra/src/main.ts <command> [store...]',
    '',
    'Commands:',
    '  up      start the local instances (all, or the named ones and what they need) and wait',
    '          until each answers',
    '  down    stop them (graceful, then killed after a deadline)',
    '  status  show every endpoint; exits 1 if one is not answering',
    '  pids    print {store: pid} of the running instances as JSON (the chaos suite signals',
    '          only these)',
    '  reset   down, then delete their data (the DocumentDB root cache is kept)',
    "  browser install Debian chromium when /usr/bin/chromium is missing (the console's browser",
    '          tests drive it)',
    '',
    `Stores: ${storeNames.join(', ')}`,
  ].join('\n');
}

const isCommand = (value: string): value is Command =>
  (COMMANDS as readonly string[]).includes(value);

/** Parses `<command> [store...]`; store names are checked against the known ones. */
export function parseArgs(argv: readonly string[], storeNames: readonly string[]): ParsedArgs {
  if (argv.some((arg) => arg === '-h' || arg === '--help' || arg === 'help')) {
    return { kind: 'help' };
  }
  const [command, ...rest] = argv;
  if (command === undefined) {
    throw new InfraError(`No command given.\n\n${usage(storeNames)}`);
  }
  if (!isCommand(command)) {
    throw new InfraError(`Unknown command "${command}".\n\n${usage(storeNames)}`);
  }
  const option = rest.find((arg) => arg.startsWith('-'));
  if (option !== undefined) {
    throw new InfraError(`Unknown option "${option}".\n\n${usage(storeNames)}`);
  }
  const unknown = rest.filter((name) => !storeNames.includes(name));
  if (unknown.length > 0) {
    throw new InfraError(
      `Unknown store(s): ${unknown.join(', ')}. Known stores: ${storeNames.join(', ')}`,
    );
  }
  return { kind: 'run', command, stores: [...new Set(rest)] };
}
