/**
 * Whether the emulation may print its servers' own logs (PostgreSQL, moto).
 *
 * They are silent by default because moto logs every request and PostgreSQL every checkpoint,
 * which buries test output. `SERENYA_DEBUG=1` turns them on when a start-up or a test needs
 * diagnosing.
 * @module
 */

/**
 * True when SERENYA_DEBUG is set to anything but empty, `0` or `false`.
 *
 * @example
 * ```ts
 * if (isEmulationDebugEnabled()) writeDebugLines('moto', chunk);
 * ```
 */
export function isEmulationDebugEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.SERENYA_DEBUG?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

/**
 * Writes server output to stderr, each line tagged with its source. Stderr, because stdout
 * belongs to the test reporter and to `npm run local`'s own output.
 *
 * @example
 * ```ts
 * writeDebugLines('postgres', 'LOG:  database system is ready to accept connections\n');
 * ```
 */
export function writeDebugLines(source: string, text: string): void {
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  if (lines.length === 0) return;
  process.stderr.write(lines.map((line) => `[${source}] ${line}\n`).join(''));
}
