import { describe, expect, it } from 'vitest';
import { evaluateMathExpression, expressionIds, parseMathExpression, UnsupportedExpressionError } from './metric-math.ts';

describe('metric math', () => {
  it('evaluates arithmetic with precedence, parentheses and unary minus', () => {
    expect(evaluateMathExpression(parseMathExpression('100 * errors / invocations'), { errors: 3, invocations: 12 })).toBe(25);
    expect(evaluateMathExpression(parseMathExpression('(a + b) * 2 - -1'), { a: 1, b: 2 })).toBe(7);
    expect(expressionIds(parseMathExpression('100 * errors / invocations'))).toEqual(['errors', 'invocations']);
  });

  it('gives no datapoint for a missing operand or a division by zero, unless FILLed', () => {
    expect(evaluateMathExpression(parseMathExpression('100 * errors / invocations'), { errors: undefined, invocations: 4 })).toBeUndefined();
    expect(evaluateMathExpression(parseMathExpression('errors / invocations'), { errors: 1, invocations: 0 })).toBeUndefined();
    expect(evaluateMathExpression(parseMathExpression('100 * FILL(errors, 0) / invocations'), { errors: undefined, invocations: 4 })).toBe(0);
  });

  it('refuses what it cannot evaluate, saying why', () => {
    expect(() => parseMathExpression('ANOMALY_DETECTION_BAND(m1)')).toThrow(UnsupportedExpressionError);
    expect(() => parseMathExpression('SUM(METRICS())')).toThrow(/function SUM is not supported locally/);
    expect(() => parseMathExpression('m1 +')).toThrow(UnsupportedExpressionError);
  });
});
