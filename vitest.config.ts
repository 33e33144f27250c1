import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` needs nothing running; `integration` (files named *.integration.test.ts)
 * shares one embedded backend (PostgreSQL, moto, Google sign-in stand-in) started once per run.
 */
// Services log JSON lines; tests assert on behaviour, so keep the run readable.
const quietLogs = { POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT' };

export default defineConfig({
  test: {
    // Integration files mostly wait on servers (PostgreSQL, moto, mocks), so one worker more
    // than this 2-core machine has keeps the cores busy: measured 22 s against 56 s with one.
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS ?? 3),
    reporters: ['default', './scripts/vitest-summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          env: quietLogs,
          setupFiles: ['./services/shared/src/testing/quiet-emf-setup.ts'],
          include: ['{services,emulation,platform,compliance,load,e2e,scripts}/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          env: quietLogs,
          setupFiles: ['./services/shared/src/testing/quiet-emf-setup.ts'],
          include: ['{services,emulation,platform,compliance,load,e2e}/**/*.integration.test.ts'],
          exclude: ['**/node_modules/**'],
          globalSetup: ['./emulation/src/testing/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
