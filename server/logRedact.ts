/**
 * Redaction of secrets in log lines: every line the logger writes passes through `redactSecrets`
 * on its way out, whatever field or message it came from — a refused upgrade's URL with the token
 * in the path, after `#` or `;`, an error message quoting a request, a stack trace.
 */

/** `token=…` anywhere (query, fragment, path parameters, JSON-escaped or percent-encoded). */
const TOKEN_PARAM = /(token(?:=|%3D|\\u003d))[^&\s"#;,\\]+/gi
/** a signed capability token: base64url payload, '.', a 32-byte base64url signature (43 characters) */
const SIGNED_TOKEN = /[A-Za-z0-9_-]{16,}(?:\.|%2E)[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g
/** a room's link secret (server/auth/linkSecret.ts) */
const LINK_SECRET = /\bls-[A-Za-z0-9_-]{16,}/g

export function redactSecrets(line: string): string {
  return line.replace(TOKEN_PARAM, '$1[REDACTED]').replace(SIGNED_TOKEN, '[REDACTED]').replace(LINK_SECRET, '[REDACTED]')
}
