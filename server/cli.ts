import { MAIN_HELP } from './config'
import { serveCommand } from './commands/serve'
import { roomsCommand } from './commands/rooms'
import { exportCommand } from './commands/export'
import { importCommand } from './commands/import'
import { backupCommand } from './commands/backup'
import { tokenCommand } from './commands/token'

/**
 * The subcommands of `tessera`, one file each under server/commands/. Adding one: a file
 * exporting `(argv) => Promise<void>`, a line here and a line in MAIN_HELP (config.ts).
 */
export const COMMANDS: Record<string, (argv: string[]) => Promise<void>> = {
  serve: serveCommand,
  rooms: roomsCommand,
  export: exportCommand,
  import: importCommand,
  backup: backupCommand,
  token: tokenCommand,
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
    await serveCommand(argv)
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
