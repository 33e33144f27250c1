/**
 * How much time the chat request has left, for the model call's deadline: the smaller of the
 * request budget (`CHAT_REQUEST_BUDGET_MS` from the request's start, below API Gateway's 30 s)
 * and the Lambda's remaining time when it runs in Lambda. The Bedrock client subtracts its
 * margin from this and answers 504 UPSTREAM_TIMEOUT when the call outlives it.
 * @module
 */
import type { LambdaContext } from 'hono/aws-lambda';

export function requestTimeLeft(budgetMs: number, lambdaContext?: LambdaContext, startedAt = performance.now()): () => number {
  const deadline = startedAt + budgetMs;
  return () => {
    const fromBudget = deadline - performance.now();
    const fromLambda = lambdaContext?.getRemainingTimeInMillis();
    return fromLambda === undefined ? fromBudget : Math.min(fromBudget, fromLambda);
  };
}
