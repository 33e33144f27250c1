/**
 * The shapes the emulation reads from a synthesized CloudFormation template, and what
 * provisioning made of each resource. Data flows platform → template → emulation: the runtime,
 * the provisioner, the metrics and alarm evaluator and the CLI all work from these types, never
 * from a second list of resources.
 *
 * Contract with platform/: every service function's `AWS::Lambda::Function` carries metadata
 * `serenya:entry` (repository-relative path of its `handler.ts`) and `serenya:handler` (the
 * exported handler's name), so the local runtime runs the source, not the bundle.
 * @module
 */

/** One resource of a CloudFormation template, as `cdk synth` writes it. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
  readonly DependsOn?: string | readonly string[];
  readonly Condition?: string;
}

/** A CloudFormation template (the parts the emulation reads). */
export interface CfnTemplate {
  readonly Resources: Record<string, CfnResource>;
  readonly Outputs?: Record<string, { readonly Value: unknown; readonly Description?: string; readonly Export?: unknown }>;
  readonly Parameters?: Record<string, { readonly Type: string; readonly Default?: unknown }>;
  /** Named conditions (`Fn::Equals`, `Fn::And`…), for `Fn::If` and resources' `Condition`. */
  readonly Conditions?: Record<string, unknown>;
  readonly Mappings?: Record<string, Record<string, Record<string, unknown>>>;
}

/**
 * What `Ref` and `Fn::GetAtt` give for one provisioned resource in the emulator: `ref` is the
 * physical id (bucket name, queue URL, key id, table name, topic ARN, function name…), and
 * `attributes` holds `Arn`, `QueueName`, `KeyId`, `StreamArn`… as CloudFormation names them.
 */
export interface ProvisionedResource {
  readonly logicalId: string;
  readonly type: string;
  readonly ref: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/** Every provisioned resource of one stack, by logical id. */
export type ProvisionedResources = ReadonlyMap<string, ProvisionedResource>;
