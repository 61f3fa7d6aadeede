/**
 * Command-line flags of `tessera serve`, as one table: parsing, env fallbacks and --help are all
 * derived from it, so adding a flag (e.g. --auth-secret) is adding one entry.
 */
export interface FlagSpec {
  name: string
  kind: 'string' | 'int' | 'boolean'
  env?: string
  default?: string | number | boolean
  help: string
  /** placeholder in --help, e.g. 'DIR' */
  arg?: string
  /** left out of --help (test-only and tuning knobs) */
  hidden?: boolean
}

export const SERVE_FLAGS: FlagSpec[] = [
  { name: 'host', kind: 'string', env: 'HOST', default: 'localhost', arg: 'H', help: 'interface to listen on' },
  { name: 'port', kind: 'int', env: 'PORT', default: 1234, arg: 'P', help: 'port to listen on (0 picks a free one)' },
  { name: 'data', kind: 'string', env: 'TESSERA_DATA', default: './data', arg: 'DIR', help: 'directory for the SQLite database (tessera.sqlite)' },
  { name: 'open', kind: 'boolean', default: false, help: 'no access control: anyone may read and write any room (like `npx y-websocket`)' },
  {
    name: 'auth-secret', kind: 'string', env: 'TESSERA_AUTH_SECRET', arg: 'S',
    help: 'secret that signs access tokens (default: generated once into DIR/auth-secret)',
  },
  {
    name: 'create-rooms', kind: 'string', env: 'TESSERA_CREATE_ROOMS', default: 'anyone', arg: 'WHO',
    help: 'who may create rooms (POST /api/rooms): `anyone`, or `token` (holders of an owner token of this server; make one with `tessera token`)',
  },
  {
    name: 'metrics-token', kind: 'string', env: 'TESSERA_METRICS_TOKEN', arg: 'T',
    help: 'require `Authorization: Bearer T` for /metrics and the details of /healthz (default: both open)',
  },
  { name: 'tls-cert', kind: 'string', env: 'TESSERA_TLS_CERT', arg: 'FILE', help: 'PEM certificate: serve https/wss (needs --tls-key)' },
  { name: 'tls-key', kind: 'string', env: 'TESSERA_TLS_KEY', arg: 'FILE', help: 'PEM private key of --tls-cert' },
  {
    name: 'postgres', kind: 'string', env: 'TESSERA_POSTGRES_URL', arg: 'URL',
    help: 'store rooms in PostgreSQL (postgres://user:pass@host/db) instead of SQLite under --data',
  },
  {
    name: 'redis', kind: 'string', env: 'TESSERA_REDIS_URL', arg: 'URL',
    help: 'join every instance with this Redis, the same --postgres and the same --auth-secret into one cluster',
  },
  { name: 'redis-prefix', kind: 'string', env: 'TESSERA_REDIS_PREFIX', default: 'tessera:', arg: 'P', help: 'prefix of the cluster\'s Redis keys' },
  { name: 'instance-id', kind: 'string', env: 'TESSERA_INSTANCE_ID', arg: 'ID', help: 'this instance\'s name in /healthz and logs (default: host name and a random suffix)' },
  { name: 'debug', kind: 'boolean', default: false, help: 'debug-level logs (JSON on stderr)' },
  {
    name: 'max-message-bytes', kind: 'int', env: 'TESSERA_MAX_MESSAGE_BYTES', default: 100 * 1024 * 1024, arg: 'N',
    help: 'largest WebSocket message accepted (100 MiB, as y-websocket); bigger ones close the connection with code 1009',
  },
  {
    name: 'max-asset-bytes', kind: 'int', env: 'TESSERA_MAX_ASSET_BYTES', default: 10 * 1024 * 1024, arg: 'N',
    help: 'largest image file accepted by POST /api/rooms/:room/assets (bigger ones get 413)',
  },
  {
    name: 'history-retention', kind: 'string', env: 'TESSERA_HISTORY_RETENTION', default: 'all=24h,hourly=30d,log=7d', arg: 'SPEC',
    help: 'versions kept: every one for `all`, then hourly until `hourly`, then daily; the updates between them (replay) for `log`',
  },
  {
    name: 'version-interval-ms', kind: 'int', env: 'TESSERA_VERSION_INTERVAL_MS', default: 300_000, arg: 'MS',
    help: 'a version at least this often while a room is being edited', hidden: true,
  },
  { name: 'unload-grace-ms', kind: 'int', env: 'TESSERA_UNLOAD_GRACE_MS', default: 2_000, arg: 'MS', help: 'keep an empty room in memory this long', hidden: true },
  {
    name: 'max-room-bytes', kind: 'int', env: 'TESSERA_MAX_ROOM_BYTES', default: 256 * 1024 * 1024, arg: 'N',
    help: 'largest stored size of one room (256 MiB); an update that would take a room past it closes its sender with 4413, nothing stored',
  },
  {
    name: 'max-queued-updates', kind: 'int', env: 'TESSERA_MAX_QUEUED_UPDATES', default: 10_000, arg: 'N',
    help: 'most received updates a room holds before they are stored; past it the flooding connection is closed with 4529 (it may reconnect)', hidden: true,
  },
  {
    name: 'ping-interval-ms', kind: 'int', env: 'TESSERA_PING_INTERVAL_MS', default: 10_000, arg: 'MS',
    help: 'ping every connection this often; one that answers two pings in a row with nothing (no pong, no data) is dropped', hidden: true,
  },
  {
    name: 'max-buffered-bytes', kind: 'int', env: 'TESSERA_MAX_BUFFERED_BYTES', arg: 'N',
    help: 'close a connection (4508, it may reconnect) that has this many unsent bytes queued (default: 64 MB or 4× --max-message-bytes)', hidden: true,
  },
  {
    name: 'idle-doc-seconds', kind: 'int', env: 'TESSERA_IDLE_DOC_SECONDS', default: 30, arg: 'S',
    help: 'a room with no edit for S seconds keeps its document as encoded bytes (far less memory; clients stay connected); 0: never',
  },
  {
    name: 'offload-apply-ms', kind: 'int', env: 'TESSERA_OFFLOAD_APPLY_MS', default: 0, arg: 'MS',
    help: "a room whose updates take more than MS ms of CPU a second to apply keeps its document on a worker thread, so other rooms' relays never wait for it (SQLite only; 0: never)",
  },
  {
    name: 'ws-deflate', kind: 'boolean', env: 'TESSERA_WS_DEFLATE', default: false,
    help: 'compress WebSocket messages (permessage-deflate) for clients that offer it: fewer bytes, more server CPU',
  },
  { name: 'static-dir', kind: 'string', env: 'TESSERA_STATIC_DIR', arg: 'DIR', help: 'serve the web app from DIR instead of the package dist/', hidden: true },
  { name: 'help', kind: 'boolean', default: false, help: 'show this help' },
]

export type ParsedFlags = Record<string, string | number | boolean>

export type ParseResult = { ok: true; flags: ParsedFlags } | { ok: false; message: string }

/** Parses `--name value`, `--name=value` and boolean `--name`; env then defaults fill the rest. */
export function parseFlags(argv: string[], env: Record<string, string | undefined>, specs: FlagSpec[] = SERVE_FLAGS): ParseResult {
  const out: ParsedFlags = {}
  const given = new Map<string, string | true>()
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '-h') {
      given.set('help', true)
      continue
    }
    if (!a.startsWith('--')) return { ok: false, message: `unexpected argument: ${a}` }
    const eq = a.indexOf('=')
    const name = eq >= 0 ? a.slice(2, eq) : a.slice(2)
    const spec = specs.find((s) => s.name === name)
    if (!spec) return { ok: false, message: `unknown flag: --${name}` }
    if (spec.kind === 'boolean') {
      if (eq >= 0) return { ok: false, message: `--${name} takes no value` }
      given.set(name, true)
      continue
    }
    const value = eq >= 0 ? a.slice(eq + 1) : argv[++i]
    if (value === undefined) return { ok: false, message: `--${name} needs a value` }
    given.set(name, value)
  }
  for (const spec of specs) {
    const raw = given.get(spec.name) ?? (spec.env ? env[spec.env] : undefined)
    if (raw === undefined || raw === '') {
      if (spec.default !== undefined) out[spec.name] = spec.default
      continue
    }
    if (spec.kind === 'boolean') out[spec.name] = raw === true || raw === '1' || raw === 'true'
    else if (spec.kind === 'int') {
      const n = Number(raw)
      if (!Number.isInteger(n) || n < 0) return { ok: false, message: `--${spec.name} must be a non-negative integer, got ${String(raw)}` }
      out[spec.name] = n
    } else out[spec.name] = String(raw)
  }
  const port = out.port
  if (typeof port === 'number' && port > 65535) return { ok: false, message: `--port must be at most 65535` }
  // 0 would ping every millisecond and drop every peer before its pong could arrive.
  if (out['ping-interval-ms'] === 0) return { ok: false, message: '--ping-interval-ms must be at least 1' }
  if (Boolean(out['tls-cert']) !== Boolean(out['tls-key'])) return { ok: false, message: '--tls-cert and --tls-key go together' }
  if (out['create-rooms'] !== undefined && out['create-rooms'] !== 'anyone' && out['create-rooms'] !== 'token') {
    return { ok: false, message: `--create-rooms must be anyone or token, got ${String(out['create-rooms'])}` }
  }
  return { ok: true, flags: out }
}

/** The help text for a list of flags (hidden ones left out). */
export function flagsHelp(specs: FlagSpec[] = SERVE_FLAGS): string {
  const rows = specs
    .filter((s) => !s.hidden)
    .map((s) => {
      const left = `  --${s.name}${s.arg ? ` ${s.arg}` : ''}`
      const extra = [s.env ? `env ${s.env}` : '', s.default !== undefined && s.kind !== 'boolean' ? `default ${String(s.default)}` : '']
        .filter(Boolean)
        .join(', ')
      return `${left.padEnd(28)}${s.help}${extra ? ` (${extra})` : ''}`
    })
  return rows.join('\n')
}

export const MAIN_HELP = `Usage: tessera [<command>] [flags]   (no command: serve)

Tessera: a self-hostable real-time collaborative whiteboard on Yjs.
In place of \`npx y-websocket\`: \`npx tessera serve --open\` (same HOST and PORT env, port 1234).

Commands:
  serve        run the sync server and the web app on one port
  rooms        list the rooms of a data directory
  export       print a board (now, --at a time or --version) as tessera-scene JSON
  import       merge a tessera-scene JSON file into a room
  backup       write a consistent copy of the database while the server runs
  token        print a signed access token for a room (lost links, --create-rooms token)
  help         show this help

Each command has --help.

Flags of \`tessera serve\`:
${flagsHelp()}

Run \`tessera serve --help\` for details.
`

export const SERVE_HELP = `Usage: tessera serve [flags]

Serves the web app, the y-websocket sync protocol (ws://H:P/<room>), the rooms REST API
(/api/rooms), GET /healthz and GET /metrics on one port, storing rooms in SQLite under --data.
Without --open, every room is made through POST /api/rooms and every WebSocket upgrade and
REST call needs a capability token (query parameter \`token\`, or \`Authorization: Bearer\`
for REST) unless the room's access lets anyone with the link in. With --tls-cert/--tls-key it serves https/wss.

Flags:
${flagsHelp()}
`
