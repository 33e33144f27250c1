/**
 * The compliance gate on a CDK app: cdk-nag's HIPAA Security, AWS Solutions and Serverless
 * packs plus the project's own pack on every stack of every stage, and the acknowledgements
 * (one place, each with a reason). platform/bin/app.ts calls this once, on the App.
 *
 * Context `serenya:gate`:
 * - `enforce` (default): any unacknowledged finding fails synth (cdk-nag v3 fails on warnings too);
 * - `report`: findings are written to `cdk.out/validation-report.json` and the app succeeds
 *   (for the local emulator and for collecting every finding in one run). The `cdk` CLI still
 *   exits 1 on them, so the tools run the app directly (platform/src/synthesize-app.ts).
 *
 * Each pack also records what it checked into `cdk.out/compliance-checks/<pack>.json`, for the
 * report's "resources checked" column.
 * @module
 */
import { Validations, type App } from 'aws-cdk-lib';
import { gatePacks } from './recorded-packs.ts';

export const GateContextKey = 'serenya:gate';
const FAIL_SYNTH_ON_VALIDATION_ERRORS = '@aws-cdk/core:failSynthOnValidationErrors';

/**
 * Must run right after `new App()`, before any stage or stack is added: the report-only switch is
 * context, and CDK refuses context once the tree has children.
 */
export function applyComplianceGate(app: App): void {
  const mode = (app.node.tryGetContext(GateContextKey) as string | undefined) ?? 'enforce';
  if (mode !== 'enforce' && mode !== 'report') throw new Error(`context ${GateContextKey} must be enforce or report (got ${mode})`);
  if (mode === 'report') app.node.setContext(FAIL_SYNTH_ON_VALIDATION_ERRORS, false);
  Validations.of(app).addPlugins(...gatePacks(app));
}
