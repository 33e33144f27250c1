import { describe, expect, it } from 'vitest';
import { formatProgress, withoutPassword } from './banner.ts';
import { DEFAULT_API_PORT, parseCliOptions, UsageError } from './options.ts';

describe('parseCliOptions', () => {
  it('has defaults for a plain npm run local', () => {
    expect(parseCliOptions([])).toEqual({
      help: false,
      backend: 'embedded',
      port: DEFAULT_API_PORT,
      fresh: false,
      seed: false,
      faults: 'none',
      synth: false,
      outputs: 'cdk-outputs.json',
      stack: undefined,
    });
  });

  it('reads every option', () => {
    expect(parseCliOptions(['--port', '0', '--fresh', '--seed', '--faults', 'outage', '--backend', 'aws', '--outputs', 'o.json', '--stack', 'Dev', '--synth'])).toMatchObject({
      port: 0,
      fresh: true,
      seed: true,
      faults: 'outage',
      backend: 'aws',
      outputs: 'o.json',
      stack: 'Dev',
      synth: true,
    });
  });

  it.each([
    [['--port', '65536'], '--port must be a port number'],
    [['--port=-1'], "--port must be a port number, not '-1'"],
    [['--backend', 'kubernetes'], '--backend must be embedded, containers or aws'],
    [['--faults', 'sometimes'], '--faults must be one of none, slow, flaky, outage'],
    [['extra'], 'see --help'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCliOptions(argv)).toThrow(UsageError);
    expect(() => parseCliOptions(argv)).toThrow(message);
  });
});

describe('the banner', () => {
  it('prints finished steps and warnings, not starts', () => {
    expect(formatProgress({ step: 2, name: 'development stage', status: 'start', ms: 0 })).toBeUndefined();
    expect(formatProgress({ step: 2, name: 'development stage', status: 'done', ms: 12_345, detail: 'synthesized' })).toMatch(/^ {2}\[2\/7\] development stage +12\.3 s {2}synthesized$/);
    expect(formatProgress({ step: 2, name: 'development stage', status: 'warning', ms: 1, detail: '3 findings' })).toBe('  [2/7] development stage: warning: 3 findings');
  });

  it('hides the PostgreSQL password', () => {
    expect(withoutPassword('postgres://serenya_app_user:s3cret@127.0.0.1:5432/serenya')).toBe('postgres://serenya_app_user:***@127.0.0.1:5432/serenya');
  });
});
