/**
 * The Hono environment every Serenya service app shares: what middleware puts on the context
 * (`requestId`, and `userId` after authentication) and what the Lambda adapter passes as bindings.
 * @module
 */
import type { LambdaContext } from 'hono/aws-lambda';

export interface ServiceVariables {
  requestId: string;
  /** Set by the require-auth middleware: the authenticated Serenya user id. */
  userId: string;
}

export interface ServiceBindings {
  /** Present when running in Lambda (hono's aws-lambda adapter). */
  lambdaContext?: LambdaContext;
  requestContext?: { requestId?: string };
}

export interface ServiceEnv {
  Variables: ServiceVariables;
  Bindings: ServiceBindings;
}
