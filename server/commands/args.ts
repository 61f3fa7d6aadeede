import { flagsHelp, parseFlags, type FlagSpec, type ParsedFlags } from '../config'

/** The admin commands' shared flags. */
export const DATA_FLAG: FlagSpec = { name: 'data', kind: 'string', env: 'TESSERA_DATA', default: './data', arg: 'DIR', help: 'the data directory of the server' }
export const HELP_FLAG: FlagSpec = { name: 'help', kind: 'boolean', default: false, help: 'show this help' }

/** A usage or runtime failure of a command: its message is printed and the process exits with `exitCode`. */
export class CommandError extends Error {
  override readonly name = 'CommandError'
  constructor(message: string, readonly exitCode: 1 | 2 = 1) {
    super(message)
  }
}

/** Splits argv into positionals and flags (values of non-boolean flags stay with their flag), then parses the flags. */
export function parseCommand(argv: string[], specs: FlagSpec[], positionals: number): { args: string[]; flags: ParsedFlags } {
  const args: string[] = []
  const flagArgs: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (!a.startsWith('-')) {
      args.push(a)
      continue
    }
    flagArgs.push(a)
    const spec = specs.find((s) => `--${s.name}` === a)
    if (spec && spec.kind !== 'boolean' && i + 1 < argv.length) flagArgs.push(argv[++i]!)
  }
  const parsed = parseFlags(flagArgs, process.env, specs)
  if (!parsed.ok) throw new CommandError(parsed.message, 2)
  if (!parsed.flags.help && args.length !== positionals) {
    throw new CommandError(args.length < positionals ? 'missing arguments' : `unexpected argument: ${args[positionals]}`, 2)
  }
  return { args, flags: parsed.flags }
}

/** Runs a command body: --help prints `usage`, a CommandError prints its message (with usage for exit code 2). */
export async function runCommand(name: string, usage: string, specs: FlagSpec[], argv: string[], positionals: number, body: (args: string[], flags: ParsedFlags) => Promise<void>): Promise<void> {
  const help = `${usage}\n\nFlags:\n${flagsHelp(specs)}\n`
  try {
    const { args, flags } = parseCommand(argv, specs, positionals)
    if (flags.help) {
      process.stdout.write(help)
      return
    }
    await body(args, flags)
  } catch (err) {
    if (!(err instanceof CommandError)) throw err
    process.stderr.write(`tessera ${name}: ${err.message}\n${err.exitCode === 2 ? `\n${help}` : ''}`)
    process.exitCode = err.exitCode
  }
}
