/**
 * The template's Lambda function URLs (`AWS::Lambda::Url`), served by the same local gateway as
 * an API with one `$default` route: no stage throttling, no access log, the function's own
 * timeout instead of API Gateway's 30 s, CORS from the URL's `Cors`. A handler wrapped with
 * `awslambda.streamifyResponse` streams (RESPONSE_STREAM), as the chat function does in AWS.
 * `AuthType: AWS_IAM` is not checked locally (no SigV4 verification): the URL is on loopback.
 * @module
 */
import { referencedLogicalId } from '../../template/intrinsic-resolver.ts';
import { functionUrls, lambdaFunctions } from '../../template/template-resources.ts';
import type { CfnTemplate } from '../../template/template-types.ts';
import { functionTimeoutMs } from '../functions/function-definition.ts';
import { localApiId, type HttpApiDefinition } from './http-api-definition.ts';
import { parseRouteKey } from './route-matcher.ts';

export interface FunctionUrlDefinition {
  readonly logicalId: string;
  readonly functionLogicalId: string;
  readonly invokeMode: 'BUFFERED' | 'RESPONSE_STREAM';
  /** What the gateway serves for it. */
  readonly api: HttpApiDefinition;
}

/**
 * @example
 * ```ts
 * for (const url of functionUrlDefinitionsFromTemplate(template)) await startHttpApiServer({ api: url.api, functions, accountId, region });
 * ```
 */
export function functionUrlDefinitionsFromTemplate(template: CfnTemplate): FunctionUrlDefinition[] {
  const timeouts = new Map(lambdaFunctions(template).map((fn) => [fn.logicalId, functionTimeoutMs(fn.properties)]));
  return functionUrls(template).flatMap(({ logicalId, properties }) => {
    const functionLogicalId = referencedLogicalId(properties.TargetFunctionArn);
    const timeoutMs = functionLogicalId === undefined ? undefined : timeouts.get(functionLogicalId);
    if (functionLogicalId === undefined || timeoutMs === undefined) return [];
    return [
      {
        logicalId,
        functionLogicalId,
        invokeMode: properties.InvokeMode === 'RESPONSE_STREAM' ? 'RESPONSE_STREAM' : 'BUFFERED',
        api: {
          logicalId,
          apiId: localApiId(logicalId),
          cors: properties.Cors,
          stageName: '$default',
          defaultThrottle: undefined,
          routeThrottle: {},
          accessLogFormat: undefined,
          routes: [
            {
              logicalId,
              key: parseRouteKey('$default'),
              functionLogicalId,
              // The function's own timeout ends it first; the gateway waits a little longer.
              integrationTimeoutMs: timeoutMs + 1_000,
              authorizer: undefined,
              authorizationScopes: [],
            },
          ],
        },
      },
    ];
  });
}
