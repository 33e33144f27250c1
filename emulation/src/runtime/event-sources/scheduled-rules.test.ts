import { describe, expect, it } from 'vitest';
import { createIntrinsicResolver } from '../../template/intrinsic-resolver.ts';
import type { CfnTemplate } from '../../template/template-types.ts';
import type { LocalFunction } from '../functions/local-function.ts';
import { scheduledRulesFromTemplate } from './scheduled-rules.ts';

const context = { region: 'eu-west-1', accountId: '123456789012' };
const functions = new Map([['Sweeper', {} as LocalFunction]]);

function rulesOf(input: string) {
  const template: CfnTemplate = {
    Resources: {
      Sweeper: { Type: 'AWS::Lambda::Function', Properties: {} },
      Schedule: { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'rate(5 minutes)', Targets: [{ Id: 'Target0', Arn: { 'Fn::GetAtt': ['Sweeper', 'Arn'] }, Input: input }] } },
    },
  };
  const resolver = createIntrinsicResolver({ template, provisioned: new Map(), pseudo: context });
  return scheduledRulesFromTemplate(template, resolver, functions, context);
}

describe('scheduledRulesFromTemplate', () => {
  it("parses a target's constant Input once, and refuses one that is not JSON, naming the rule", () => {
    expect(rulesOf('{"sweep":true}')[0]?.targets).toEqual([{ functionLogicalId: 'Sweeper', input: { sweep: true } }]);
    expect(() => rulesOf('{sweep')).toThrow('Schedule.Targets.Target0.Input is not JSON: {sweep');
  });
});
