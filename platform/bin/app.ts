/**
 * The CDK app: the compliance gate on the whole app, one stage per entry of
 * `serenya:stages` in cdk.json, then the acknowledged findings (set last: an acknowledgement
 * must name a construct that exists).
 *
 * `npx cdk synth --all -q` (npm run synth); report-only gate: `-c serenya:gate=report`.
 * @module
 */
import { App } from 'aws-cdk-lib';
import { applyAcknowledgements } from '../../compliance/src/acknowledgements.ts';
import { applyComplianceGate } from '../../compliance/src/apply-compliance-gate.ts';
import { SerenyaStage } from '../src/serenya-stage.ts';
import { readStageConfig } from '../src/stage-config.ts';

const app = new App();
applyComplianceGate(app);
new SerenyaStage(app, 'Development', { config: readStageConfig(app, 'development') });
new SerenyaStage(app, 'Production', { config: readStageConfig(app, 'production') });
applyAcknowledgements(app);
app.synth();
