/**
 * `npm run db:migrate`: applies pending migrations to the database in DATABASE_URL
 * (a role allowed to run DDL, not the application's role).
 * @module
 */
import { parseArgs } from 'node:util';
import { migrateToLatest } from './migrate.ts';
import { migrations } from './migrations/index.ts';

const usage = `Usage: npm run db:migrate [-- --url <postgres url>]

Applies every pending migration in services/shared/src/db/migrations, in order.
  --url <url>   the database to migrate (default: $DATABASE_URL)
  --list        print the known migrations and exit
  -h, --help    this text`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { url: { type: 'string' }, list: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (values.list) {
    process.stdout.write(`${Object.keys(migrations).join('\n')}\n`);
    return 0;
  }
  const url = values.url ?? process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write(`db:migrate: no database given: set DATABASE_URL or pass --url\n\n${usage}\n`);
    return 2;
  }
  const started = performance.now();
  const { applied } = await migrateToLatest(url);
  const took = Math.round(performance.now() - started);
  process.stdout.write(
    applied.length === 0
      ? `db:migrate: up to date (${Object.keys(migrations).length} migrations, ${took} ms)\n`
      : `db:migrate: applied ${applied.join(', ')} in ${took} ms\n`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`db:migrate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
