import { MAIN_HELP } from './config'

/**
 * The subcommands of `tessera`, one file each under server/commands/, each loaded only when it
 * runs (a server does not hold export's scene schema or import's client). Adding one: a file
 * exporting `(argv) => Promise<void>`, a line here and a line in MAIN_HELP (config.ts).
 */
export const COMMANDS: Record<string, (argv: string[]) => Promise<void>> = {
  serve: async (argv) => (await import('./commands/serve')).serveCommand(argv),
  rooms: async (argv) => (await import('./commands/rooms')).roomsCommand(argv),
  export: async (argv) => (await import('./commands/export')).exportCommand(argv),
  import: async (argv) => (await import('./commands/import')).importCommand(argv),
  backup: async (argv) => (await import('./commands/backup')).backupCommand(argv),
  token: async (argv) => (await import('./commands/token')).tokenCommand(argv),
}

/** Entry point of `tessera …` (bin/tessera.js) and `npm start` (scripts/start.mjs). */
export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(MAIN_HELP)
    return
  }
  // Like `npx y-websocket`, a bare `npx tessera` (or one given only flags) starts the server.
  if (command === undefined || command.startsWith('-')) {
    await COMMANDS.serve!(argv)
    return
  }
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined
  if (!run) {
    process.stderr.write(`tessera: unknown command "${command}"\n\n${MAIN_HELP}`)
    process.exitCode = 2
    return
  }
  await run(rest)
}
