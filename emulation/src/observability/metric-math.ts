/**
 * The part of CloudWatch metric math the local evaluator supports: numbers, metric ids,
 * `+ - * /`, parentheses, unary minus, and `FILL(id, number)`. Enough for the usual error-rate
 * alarms (`100 * errors / invocations`). Anything else (other functions, SEARCH, time-series
 * functions) fails to parse, and the alarm is reported as unsupported with the reason.
 * Per period: a missing operand (not filled) or a division by zero gives no datapoint.
 * @module
 */
export type MathExpression =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'metric'; readonly id: string }
  | { readonly kind: 'fill'; readonly id: string; readonly value: number }
  | { readonly kind: 'negate'; readonly operand: MathExpression }
  | { readonly kind: 'binary'; readonly operator: '+' | '-' | '*' | '/'; readonly left: MathExpression; readonly right: MathExpression };

export class UnsupportedExpressionError extends Error {
  override readonly name = 'UnsupportedExpressionError';
}

export function parseMathExpression(text: string): MathExpression {
  const tokens = text.match(/\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_]*|[-+*/(),]|\S/g) ?? [];
  let position = 0;
  const peek = (): string | undefined => tokens[position];
  const take = (expected?: string): string => {
    const token = tokens[position++];
    if (token === undefined || (expected !== undefined && token !== expected)) {
      throw new UnsupportedExpressionError(`metric math "${text}": expected ${expected ?? 'more'} at token ${position}`);
    }
    return token;
  };
  const primary = (): MathExpression => {
    const token = take();
    if (token === '(') {
      const inner = sum();
      take(')');
      return inner;
    }
    if (token === '-') return { kind: 'negate', operand: primary() };
    if (/^\d/.test(token)) return { kind: 'number', value: Number(token) };
    if (!/^[A-Za-z_]/.test(token)) throw new UnsupportedExpressionError(`metric math "${text}": unexpected "${token}"`);
    if (peek() !== '(') return { kind: 'metric', id: token };
    if (token !== 'FILL') throw new UnsupportedExpressionError(`metric math "${text}": function ${token} is not supported locally (only FILL(id, number))`);
    take('(');
    const id = take();
    take(',');
    const negative = peek() === '-' ? (take(), -1) : 1;
    const value = Number(take());
    take(')');
    if (!Number.isFinite(value)) throw new UnsupportedExpressionError(`metric math "${text}": FILL takes a number locally`);
    return { kind: 'fill', id, value: negative * value };
  };
  const product = (): MathExpression => {
    let left = primary();
    while (peek() === '*' || peek() === '/') left = { kind: 'binary', operator: take() as '*' | '/', left, right: primary() };
    return left;
  };
  const sum = (): MathExpression => {
    let left = product();
    while (peek() === '+' || peek() === '-') left = { kind: 'binary', operator: take() as '+' | '-', left, right: product() };
    return left;
  };
  const expression = sum();
  if (position !== tokens.length) throw new UnsupportedExpressionError(`metric math "${text}": unexpected "${tokens[position]}"`);
  return expression;
}

/** The metric ids an expression reads. */
export function expressionIds(expression: MathExpression): string[] {
  switch (expression.kind) {
    case 'number':
      return [];
    case 'metric':
    case 'fill':
      return [expression.id];
    case 'negate':
      return expressionIds(expression.operand);
    case 'binary':
      return [...expressionIds(expression.left), ...expressionIds(expression.right)];
  }
}

/** The expression's value for one period, given each metric's value (undefined = missing). */
export function evaluateMathExpression(expression: MathExpression, values: Readonly<Record<string, number | undefined>>): number | undefined {
  switch (expression.kind) {
    case 'number':
      return expression.value;
    case 'metric':
      return values[expression.id];
    case 'fill':
      return values[expression.id] ?? expression.value;
    case 'negate': {
      const operand = evaluateMathExpression(expression.operand, values);
      return operand === undefined ? undefined : -operand;
    }
    case 'binary': {
      const left = evaluateMathExpression(expression.left, values);
      const right = evaluateMathExpression(expression.right, values);
      if (left === undefined || right === undefined) return undefined;
      switch (expression.operator) {
        case '+':
          return left + right;
        case '-':
          return left - right;
        case '*':
          return left * right;
        case '/':
          return right === 0 ? undefined : left / right;
      }
    }
  }
}
